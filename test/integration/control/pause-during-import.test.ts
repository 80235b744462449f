import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../electron/core/compose';
import { countAppointments, startCli, waitUntil, writeBigSchedule, writeLockHeld } from '../../helpers/control';

/**
 * The kill switch under load (docs/control.md): a big import in one CLI process holds the schedule's
 * write lock for seconds; `pause` from another process must still succeed at once, and the import must
 * still commit all of its rows.
 */

const ROWS = 60_000;
let dir: string;
let db: string;
let csv: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'frontdesk-pause-import-'));
  db = join(dir, 'clinic.db');
  csv = writeBigSchedule(join(dir, 'big.csv'), ROWS);
  const init = await startCli(['init', '--timezone', 'America/New_York'], db).done;
  expect(init.code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pause while another process imports', () => {
  it('never needs the schedule: it succeeds while another connection holds the write lock', async () => {
    // However slow this machine is, the lock is held for as long as the pause takes.
    const holder = new Database(db);
    holder.exec('BEGIN IMMEDIATE');
    try {
      expect(writeLockHeld(db)).toBe(true);
      const pause = await startCli(['pause', '--reason', 'lock held elsewhere', '--json'], db).done;
      expect(pause.stderr).toBe('');
      expect(pause.code).toBe(0);
      expect(JSON.parse(pause.stdout)).toMatchObject({ paused: true, reason: 'lock held elsewhere' });
      expect(writeLockHeld(db)).toBe(true);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    const resumed = await startCli(['resume', '--json'], db).done;
    expect(resumed.code).toBe(0);
  }, 180_000);

  it('succeeds while a real import runs, and the import still commits every row', async () => {
    const importing = startCli(['import', csv, '--json'], db);
    try {
      await waitUntil(() => writeLockHeld(db), 'the import to hold the write lock');

      const pause = await startCli(['pause', '--reason', 'checking the import', '--json'], db).done;
      expect(pause.stderr).toBe('');
      expect(pause.code).toBe(0);
      expect(JSON.parse(pause.stdout)).toMatchObject({ paused: true, reason: 'checking the import' });

      const status = await startCli(['status', '--json'], db).done;
      expect(JSON.parse(status.stdout)).toMatchObject({ paused: true, reason: 'checking the import', outbox: {} });

      const imported = await importing.done;
      expect(imported.code).toBe(0);
      expect(JSON.parse(imported.stdout)).toMatchObject({ created: ROWS, rejected: [] });
      expect(countAppointments(db, 'BIG')).toBe(ROWS);

      // Still paused afterwards, and the pause is in the audit log with who and why.
      const after = await startCli(['dispatch', '--json'], db).done;
      expect(JSON.parse(after.stdout)).toMatchObject({ sent: 0, paused: true, reason: 'checking the import' });
      const engine = createEngine({ dbFile: db });
      try {
        expect(engine.services.auditLog({}).map((e) => [e.kind, e.actor, e.detail['reason'] ?? null])).toEqual(
          expect.arrayContaining([
            ['paused', 'cli', 'checking the import'],
            ['import', 'cli', null],
          ]),
        );
      } finally {
        engine.close();
      }
    } finally {
      importing.child.kill();
    }
  }, 180_000);
});
