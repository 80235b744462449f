import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../electron/core/platform/engine-events';
import { raiseStaleAlarms } from '../../../electron/core/api/source-services';
import { listSources } from '../../../electron/core/db/repos/sources-repo';
import { HOUR_MS, systemClock } from '../../../electron/core/platform/clock';
import { silentLogger } from '../../../electron/core/platform/logger';
import { FolderWatcher } from '../../../electron/core/sources/folder/folder-watcher';
import { importFolderFile } from '../../../electron/core/sources/folder/process-file';
import { createTestEngine, local, phone, scheduleCsv, type TestEngine } from '../../helpers/engine';

let engine: TestEngine | undefined;
let watcher: FolderWatcher | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await watcher?.stop();
  watcher = undefined;
  engine?.cleanup();
  engine = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'frontdesk-watch-'));
  dirs.push(dir);
  return dir;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const started = systemClock.now();
  while (!check()) {
    if (systemClock.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

function rows(n: number, day = '2026-11-27') {
  return Array.from({ length: n }, (_, i) => ({
    id: `W-${i}`,
    name: `Watched Patient ${i}`,
    phone: phone(i),
    startsAt: `${day} ${String(8 + Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`,
  }));
}

function appointmentCount(e: TestEngine): number {
  return e.db.prepare(`SELECT COUNT(*) FROM appointments`).pluck().get() as number;
}

function startWatcher(e: TestEngine, stableMs: number, events: EngineEvent[] = []): FolderWatcher {
  e.events.on((event) => events.push(event));
  const w = new FolderWatcher({
    listSources: () => listSources(e.db),
    importFile: (sourceId, path) => importFolderFile(e.db, e.clock.now(), sourceId, path),
    onResult: () => {},
    checkStale: () => raiseStaleAlarms({ db: e.db, clock: e.clock, events: e.events }),
    logger: silentLogger,
    realNow: () => systemClock.now(),
    stableMs,
    pollMs: 100,
  });
  w.start();
  return w;
}

describe('watch folder', () => {
  it('imports a file written slowly in parts only once it is complete, then moves it to processed/ with a result file', async () => {
    engine = createTestEngine({ now: local('2026-11-25 07:00') });
    const dir = folder();
    const source = engine.services.addFolderSource({ dir, fullExport: false, profile: null, actor: 'test' });
    expect(source).toMatchObject({ id: 1, kind: 'folder', target: dir, lastSyncAt: null, lastResult: null });
    watcher = startWatcher(engine, 1_500);
    const text = scheduleCsv(rows(40));
    const path = join(dir, 'daily-export.csv');
    const parts = [text.slice(0, 700), text.slice(700, 1900), text.slice(1900)];
    for (const part of parts) {
      appendFileSync(path, part);
      await sleep(200);
      // Still being written: never read half a schedule.
      expect(appointmentCount(engine)).toBe(0);
      expect(existsSync(path)).toBe(true);
    }
    await until('the file to be picked up', () => !existsSync(path));
    expect(appointmentCount(engine)).toBe(40);
    const processed = readdirSync(join(dir, 'processed')).sort();
    expect(processed).toHaveLength(2);
    expect(processed[0]).toMatch(/^\d{8}T\d{6}Z-daily-export\.csv$/);
    const result = JSON.parse(readFileSync(join(dir, 'processed', processed[1]!), 'utf8')) as Record<string, unknown>;
    expect(result).toMatchObject({
      file: 'daily-export.csv',
      outcome: 'imported',
      summary: '40 created, 0 updated, 0 unchanged, 0 rejected',
    });
    expect(engine.db.prepare(`SELECT COUNT(*) FROM source_runs`).pluck().get()).toBe(1);
    const [view] = engine.services.listSources();
    expect(view).toMatchObject({ lastOutcome: 'imported', lastResult: '40 created, 0 updated, 0 unchanged, 0 rejected', stale: false });
    expect(view?.lastSyncAt).toBe('2026-11-25T07:00:00-05:00');
  });

  it('picks up a file renamed into place (written elsewhere first), skipping temporary and lock files', async () => {
    engine = createTestEngine({ now: local('2026-11-25 07:00') });
    const dir = folder();
    engine.services.addFolderSource({ dir, fullExport: false, profile: null, actor: 'test' });
    writeFileSync(join(dir, '~$schedule.xlsx'), 'lock');
    writeFileSync(join(dir, 'schedule.csv.part'), 'half a file');
    watcher = startWatcher(engine, 60_000);
    const staging = join(folder(), 'out.csv');
    writeFileSync(staging, scheduleCsv(rows(5)));
    const old = (systemClock.now() - 120_000) / 1000;
    utimesSync(staging, old, old);
    renameSync(staging, join(dir, 'schedule.csv'));
    // Stable for a minute would be needed for a file still being written; this one was finished before it arrived.
    await until('the renamed file to be picked up', () => appointmentCount(engine!) === 5, 10_000);
    expect(existsSync(join(dir, '~$schedule.xlsx'))).toBe(true);
    expect(existsSync(join(dir, 'schedule.csv.part'))).toBe(true);
  });

  it('moves an unreadable file to processed/ with the reason and raises attention; the schedule is unchanged', async () => {
    engine = createTestEngine({ now: local('2026-11-25 07:00') });
    const dir = folder();
    engine.services.addFolderSource({ dir, fullExport: false, profile: null, actor: 'test' });
    const events: EngineEvent[] = [];
    engine.events.on((e) => events.push(e));
    writeFileSync(join(dir, 'report.pdf'), '%PDF-1.7 not a schedule');
    const old = (systemClock.now() - 120_000) / 1000;
    utimesSync(join(dir, 'report.pdf'), old, old);
    const results = await engine.services.syncSources();
    expect(results).toEqual([
      expect.objectContaining({ sourceId: 1, file: 'report.pdf', outcome: 'refused', summary: expect.stringMatching(/^refused: .*PDF/) }),
    ]);
    expect(events).toContainEqual(expect.objectContaining({ type: 'attention', kind: 'schedule_refused' }));
    expect(readdirSync(join(dir, 'processed')).some((n) => n.endsWith('report.pdf.result.json'))).toBe(true);
    expect(appointmentCount(engine)).toBe(0);
    expect(engine.services.listSources()[0]).toMatchObject({ lastOutcome: 'refused' });
  });

  it('holds a full export that would cancel too many in held/, then the desk approves (or discards) it', async () => {
    engine = createTestEngine({ now: local('2026-11-25 07:00') });
    const dir = folder();
    engine.services.addFolderSource({ dir, fullExport: true, profile: null, actor: 'test' });
    const drop = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      const old = (systemClock.now() - 120_000) / 1000;
      utimesSync(join(dir, name), old, old);
    };
    drop('monday.csv', scheduleCsv(rows(10)));
    await engine.services.syncSources();
    const events: EngineEvent[] = [];
    engine.events.on((e) => events.push(e));
    drop('tuesday.csv', scheduleCsv(rows(6)));
    const [held] = await engine.services.syncSources();
    expect(held).toMatchObject({ outcome: 'held', summary: expect.stringMatching(/^held for review: the file would cancel 4 of the 10/) });
    expect(events).toContainEqual(expect.objectContaining({ type: 'attention', kind: 'schedule_held' }));
    expect(readdirSync(join(dir, 'held')).filter((n) => n.endsWith('tuesday.csv'))).toHaveLength(1);
    expect(engine.services.listSources()[0]?.held).toMatchObject({ file: 'tuesday.csv', wouldCancel: 4, ofAppointments: 10 });
    expect(engine.db.prepare(`SELECT COUNT(*) FROM appointments WHERE status = 'cancelled'`).pluck().get()).toBe(0);

    const approved = await engine.services.approveHeldExport({ id: 1, actor: 'desk' });
    expect(approved).toMatchObject({ outcome: 'approved', summary: expect.stringMatching(/4 cancelled \(missing from the full export\)/) });
    expect(engine.db.prepare(`SELECT COUNT(*) FROM appointments WHERE status = 'cancelled'`).pluck().get()).toBe(4);
    expect(engine.services.listSources()[0]?.held).toBeNull();
    expect(readdirSync(join(dir, 'held')).filter((n) => n.endsWith('.csv'))).toHaveLength(0);

    drop('wednesday.csv', scheduleCsv(rows(1)));
    await engine.services.syncSources();
    expect(engine.services.discardHeldExport({ id: 1, actor: 'desk' })).toMatchObject({ outcome: 'discarded' });
    expect(engine.db.prepare(`SELECT COUNT(*) FROM appointments WHERE status = 'cancelled'`).pluck().get()).toBe(4);
    expect(engine.services.auditLog({}).map((e) => e.kind)).toEqual(
      expect.arrayContaining(['full_export_held', 'full_export_approved', 'full_export_discarded']),
    );
  });
});

describe('stale-schedule alarm', () => {
  it('raises one attention event when no export arrived for longer than usual, and re-arms after the next export', async () => {
    engine = createTestEngine({ now: local('2026-11-23 07:00') });
    const dir = folder();
    engine.services.addFolderSource({ dir, fullExport: false, profile: null, actor: 'test' });
    const events: EngineEvent[] = [];
    engine.events.on((e) => events.push(e));
    const stale = () => events.filter((e) => e.type === 'attention' && e.kind === 'schedule_stale').length;
    // Daily exports at 07:00, Monday to Thursday.
    for (let day = 0; day < 4; day++) {
      engine.clock.set(local('2026-11-23 07:00') + day * 24 * HOUR_MS);
      writeFileSync(join(dir, `day-${day}.csv`), scheduleCsv(rows(2, '2026-12-01')));
      utimesSync(join(dir, `day-${day}.csv`), new Date(systemClock.now() - 120_000), new Date(systemClock.now() - 120_000));
      await engine.services.syncSources();
    }
    engine.clock.set(local('2026-11-27 12:00'));
    raiseStaleAlarms(engine);
    expect(stale()).toBe(0);
    expect(engine.services.listSources()[0]).toMatchObject({ stale: false, expectedBy: '2026-11-27T13:00:00-05:00' });
    engine.clock.set(local('2026-11-27 13:01'));
    raiseStaleAlarms(engine);
    raiseStaleAlarms(engine);
    expect(stale()).toBe(1);
    expect(engine.services.listSources()[0]?.stale).toBe(true);
    expect(engine.services.auditLog({}).map((e) => e.kind)).toContain('schedule_stale');
    writeFileSync(join(dir, 'late.csv'), scheduleCsv(rows(2, '2026-12-01')));
    utimesSync(join(dir, 'late.csv'), new Date(systemClock.now() - 120_000), new Date(systemClock.now() - 120_000));
    await engine.services.syncSources();
    expect(engine.services.listSources()[0]?.stale).toBe(false);
    engine.clock.set(local('2026-11-29 13:01'));
    raiseStaleAlarms(engine);
    expect(stale()).toBe(2);
  });
});
