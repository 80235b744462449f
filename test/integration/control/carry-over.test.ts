import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/connection';
import { createTestEngine, importRows, local, phone, type TestEngine } from '../../helpers/engine';

/**
 * Upgrading a database written before the control file existed (docs/control.md): its pause state and
 * sender lease lived in the schedule's `engine` and `leases` tables. The control file is seeded from
 * them once, so a paused clinic stays paused and a running sender keeps its lease.
 */

const NOW = local('2026-11-27 11:00');
let dir: string;
const engines: TestEngine[] = [];
afterEach(() => {
  while (engines.length > 0) engines.pop()!.close();
  rmSync(dir, { recursive: true, force: true });
});

function oldDatabase(file: string, leaseHolderPid: number): void {
  const db = openDatabase(file);
  // What the previous version wrote on `pause --reason "flu season review"` and while `serve` ran.
  db.prepare(`INSERT INTO engine (id, paused, updated_at) VALUES (1, 0, ?) ON CONFLICT (id) DO NOTHING`).run(NOW);
  db.prepare(
    `UPDATE engine SET paused = 1, pause_kind = 'manual', pause_reason = 'flu season review', paused_at = ?, paused_by = 'cli' WHERE id = 1`,
  ).run(NOW - 3_600_000);
  db.prepare(`INSERT INTO events (at, kind, actor, detail_json) VALUES (?, 'paused', 'cli', '{"reason":"flu season review"}')`).run(
    NOW - 3_600_000,
  );
  db.prepare(`INSERT INTO leases (name, holder, pid, hostname, expires_at) VALUES ('sender', ?, ?, ?, ?)`).run(
    `${leaseHolderPid}-old`,
    leaseHolderPid,
    hostname(),
    NOW + 60_000,
  );
  db.close();
}

describe('upgrade from a database without a control file', () => {
  it('keeps a paused clinic paused and respects the running sender, then the control file is authoritative', async () => {
    dir = mkdtempSync(join(tmpdir(), 'frontdesk-carry-over-'));
    const file = join(dir, 'clinic.db');
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)']);
    try {
      oldDatabase(file, other.pid!);
      expect(existsSync(`${file}-control`)).toBe(false);

      const engine = createTestEngine({ now: NOW, file });
      engines.push(engine);
      expect(existsSync(`${file}-control`)).toBe(true);
      importRows(engine, [{ id: 'A1', name: 'Maria Lopez', phone: phone(1), startsAt: '2026-11-28 10:00' }]);
      expect(engine.services.status()).toMatchObject({ paused: true, reason: 'flu season review', pauseKind: 'manual', pausedBy: 'cli' });
      // The old sender (a live process on this machine) still holds the lease.
      expect(await engine.services.dispatch()).toMatchObject({ sent: 0, reason: expect.stringContaining(`process ${other.pid}`) });
    } finally {
      other.kill();
    }
    await new Promise((resolve) => other.once('exit', resolve));

    const engine = engines[0]!;
    // Its process is gone: the lease is taken over, but the clinic is still paused.
    expect(await engine.services.dispatch()).toMatchObject({ sent: 0, paused: true, reason: 'flu season review' });
    engine.services.resume({ actor: 'Dana' });
    expect(await engine.services.dispatch()).toMatchObject({ sent: 1, paused: false });
    engine.close();
    engines.pop();

    // Reopened: the schedule's old `engine` row still says paused, but the control file decides.
    const reopened = createTestEngine({ now: NOW, file });
    engines.push(reopened);
    expect(reopened.services.status()).toMatchObject({ paused: false });
    expect(reopened.services.auditLog({}).map((e) => [e.kind, e.actor])).toEqual(
      expect.arrayContaining([
        ['paused', 'cli'],
        ['resumed', 'Dana'],
      ]),
    );
  });
});
