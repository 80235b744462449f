import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asWritableDB, type WritableDB } from '../../electron/core/db/connection';
import { migrate } from '../../electron/core/db/migrate';
import { listCancelRequested, listScheduledRows } from '../../electron/core/db/repos/send-ahead-repo';
import { listUnknownRows } from '../../electron/core/db/repos/outbox-repo';

let dir: string;
let db: WritableDB;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'frontdesk-migration-0005-'));
  db = asWritableDB(new Database(join(dir, 'clinic.db')));
  db.pragma('foreign_keys = ON');
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function outboxRow(id: number, state: string): void {
  db.prepare(
    `INSERT INTO outbox (id, idempotency_key, appointment_id, rule_id, channel, recipient, not_before, expires_at, state, provider_id,
       created_at, updated_at)
     VALUES (?, ?, 1, 'sms-24h', 'sms', '+12125550101', 0, 1, ?, 'SMx', 0, 0)`,
  ).run(id, `k${id}`, state);
}

describe('migration 0005 (send-ahead)', () => {
  it('keeps every outbox row as an ordinary send (send_at NULL, nothing to cancel) and indexes the scheduled rows', () => {
    migrate(db, 4);
    db.prepare(`INSERT INTO patients (id, patient_key, name, created_at, updated_at) VALUES (1, 'k', 'n', 0, 0)`).run();
    db.prepare(
      `INSERT INTO appointments (id, external_id, patient_id, starts_at, duration_min, status, created_at, updated_at) VALUES (1, 'A1', 1, 0, 30, 'booked', 0, 0)`,
    ).run();
    outboxRow(1, 'pending');
    outboxRow(2, 'unknown');
    outboxRow(3, 'sent');

    expect(migrate(db, 5)).toBe(5);
    const rows = db.prepare(`SELECT id, state, send_at, cancel_requested_at, cancel_to, cancel_reason FROM outbox ORDER BY id`).all();
    expect(rows).toEqual([
      { id: 1, state: 'pending', send_at: null, cancel_requested_at: null, cancel_to: null, cancel_reason: null },
      { id: 2, state: 'unknown', send_at: null, cancel_requested_at: null, cancel_to: null, cancel_reason: null },
      { id: 3, state: 'sent', send_at: null, cancel_requested_at: null, cancel_to: null, cancel_reason: null },
    ]);
    // An old unknown row is still reconciled the ordinary way; nothing is scheduled or on the cancel list.
    expect(listUnknownRows(db, 10).map((r) => r.id)).toEqual([2]);
    expect(listScheduledRows(db)).toEqual([]);
    expect(listCancelRequested(db)).toEqual([]);

    db.prepare(`UPDATE outbox SET state = 'scheduled', send_at = 50 WHERE id = 1`).run();
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT * FROM outbox WHERE state = 'scheduled' ORDER BY send_at, id`).all() as {
      detail: string;
    }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('outbox_scheduled');
    expect(listScheduledRows(db).map((r) => r.id)).toEqual([1]);
  });
});
