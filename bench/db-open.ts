/**
 * Database open-time checks and backups on a large schedule: `npx tsx bench/db-open.ts [--appointments N]`.
 *
 * Builds a temp-file schedule of N appointments (default 90,000) with every reminder planned
 * (~3 outbox rows each), then times: PRAGMA quick_check, PRAGMA integrity_check, openDatabase with
 * integrityCheck 'full' (run, serve, the app) and 'auto' (one-shot CLI commands), an online backup
 * (db.backup: `backup`, the daily job) and VACUUM INTO (the pre-migration copy). Figures: docs/database.md.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import Database from 'better-sqlite3';
import { createEngine } from '../electron/core/compose';
import { AUTO_CHECK_MAX_BYTES, openDatabase } from '../electron/core/db/connection';
import { runPlanner } from '../electron/core/outbox/planner';
import { ManualClock } from '../electron/core/platform/clock';

const ZONE = 'America/New_York';
const args = process.argv.slice(2);
const at = args.indexOf('--appointments');
const APPOINTMENTS = at >= 0 ? Number(args[at + 1]) : 90_000;
const NOW = DateTime.fromISO('2026-12-03T10:00:00', { zone: ZONE }).toMillis();

function csv(n: number): string {
  const lines = ['external_id,patient_name,phone,email,starts_at,duration_min,provider,status'];
  const day0 = DateTime.fromMillis(NOW, { zone: ZONE }).startOf('day');
  for (let i = 0; i < n; i += 1) {
    const start = day0
      .plus({ days: 3 + (i % 30) })
      .set({ hour: 8 + (Math.floor(i / 30) % 40) / 4, minute: ((Math.floor(i / 30) % 40) % 4) * 15 });
    const exchange = 201 + Math.floor(i / 10_000) + (Math.floor(i / 10_000) % 100 === 10 ? 1 : 0);
    const phone = `(212) ${exchange}-${String(i % 10_000).padStart(4, '0')}`;
    lines.push(`B${i},Patient ${i},${phone},p${i}@example.com,${start.toFormat('yyyy-MM-dd HH:mm')},30,Dr. ${i % 7},booked`);
  }
  return lines.join('\n') + '\n';
}

function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'frontdesk-bench-open-'));
  try {
    const file = join(dir, 'schedule.db');
    const engine = createEngine({ dbFile: file, clock: new ManualClock(NOW) });
    await engine.services.updateSettings({ settings: { timezone: ZONE }, actor: 'bench' });
    await engine.services.importCsv({ csv: csv(APPOINTMENTS), actor: 'bench' });
    runPlanner(engine.db, NOW);
    engine.db.pragma('wal_checkpoint(TRUNCATE)');
    engine.close();
    const mb = statSync(file).size / 1e6;

    const raw = new Database(file, { readonly: true });
    raw.prepare('SELECT COUNT(*) FROM outbox').get(); // warm the OS cache as a second open would find it
    const quick = [0, 1, 2].map(() => time(() => raw.pragma('quick_check')));
    const integrity = time(() => raw.pragma('integrity_check'));
    raw.close();
    const full = [0, 1, 2].map(() => time(() => openDatabase(file, { integrityCheck: 'full' }).close()));
    const auto = [0, 1, 2].map(() => time(() => openDatabase(file, { integrityCheck: 'auto' }).close()));
    const db = openDatabase(file);
    const t0 = performance.now();
    await db.backup(join(dir, 'copy.db'));
    const backupMs = performance.now() - t0;
    const vacuumMs = time(() => db.prepare('VACUUM INTO ?').run(join(dir, 'vacuum.db')));
    db.close();
    const fmt = (ms: readonly number[]) => ms.map((m) => m.toFixed(0)).join(' / ');
    console.log(`schedule: ${APPOINTMENTS} appointments, ${mb.toFixed(1)} MB`);
    console.log(`PRAGMA quick_check      ${fmt(quick)} ms`);
    console.log(`PRAGMA integrity_check  ${integrity.toFixed(0)} ms`);
    console.log(`openDatabase 'full'     ${fmt(full)} ms`);
    console.log(
      `openDatabase 'auto'     ${fmt(auto)} ms${mb * 1e6 > AUTO_CHECK_MAX_BYTES ? ' (above the auto-check size: not checked)' : ''}`,
    );
    console.log(`db.backup               ${backupMs.toFixed(0)} ms`);
    console.log(`VACUUM INTO             ${vacuumMs.toFixed(0)} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
