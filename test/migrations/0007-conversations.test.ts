import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asWritableDB, type WritableDB } from '../../electron/core/db/connection';
import { migrate } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';

let dir: string;
let db: WritableDB;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'frontdesk-migration-0007-'));
  db = asWritableDB(new Database(join(dir, 'clinic.db')));
  db.pragma('foreign_keys = ON');
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The version just before 0007 in this build's list. */
const BEFORE = Math.max(...migrations.filter((m) => m.version < 7).map((m) => m.version));

describe('migration 0007 (conversations)', () => {
  it('keeps replies and the ledger; handled replies become read, the rest unread; ledger rows are reminders', () => {
    migrate(db, BEFORE);
    const run = (sql: string) => db.prepare(sql).run();
    run(`INSERT INTO patients (id, patient_key, name, phone, created_at, updated_at) VALUES (1, 'k1', 'Ann', '+12125550101', 0, 0)`);
    run(`INSERT INTO appointments (id, external_id, patient_id, starts_at, duration_min, status, created_at, updated_at)
         VALUES (1, 'A1', 1, 1000, 30, 'booked', 0, 0)`);
    run(`INSERT INTO contacts (id, appointment_id, rule_id, channel, recipient, attempted_at, outcome, updated_at)
         VALUES (1, 1, 'sms-24h', 'sms', '+12125550101', 500, 'delivered', 500)`);
    for (const [id, body, action] of [
      ['SM1', 'C', 'confirm'],
      ['SM2', 'running late', 'other'],
      ['SM3', 'STOP', 'opt_out'],
      ['SM4', 'C', 'confirm_no_appointment'],
    ])
      run(`INSERT INTO inbound_messages (provider_id, from_number, body, received_at, action, applied_at)
           VALUES ('${id}', '+12125550101', '${body}', 600, '${action}', 601)`);
    migrate(db, 7);
    const replies = db.prepare(`SELECT provider_id, read_at, resolved_at FROM inbound_messages ORDER BY provider_id`).all();
    expect(replies).toEqual([
      { provider_id: 'SM1', read_at: 601, resolved_at: null },
      { provider_id: 'SM2', read_at: null, resolved_at: null },
      { provider_id: 'SM3', read_at: 601, resolved_at: null },
      { provider_id: 'SM4', read_at: null, resolved_at: null },
    ]);
    expect(db.prepare(`SELECT id, kind, outcome FROM contacts`).all()).toEqual([{ id: 1, kind: 'reminder', outcome: 'delivered' }]);
    expect(() => run(`UPDATE contacts SET kind = 'marketing' WHERE id = 1`)).toThrow(/CHECK/);
    run(`INSERT INTO conversation_replies (phone, appointment_id, body, actor, created_at, contact_id, outcome)
         VALUES ('+12125550101', 1, 'See you', 'desk', 700, 1, 'sent')`);
    expect(db.prepare(`SELECT COUNT(*) AS n FROM conversation_replies`).get()).toEqual({ n: 1 });
  });
});
