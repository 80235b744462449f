import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asWritableDB, type WritableDB } from '../../electron/core/db/connection';
import { migrate } from '../../electron/core/db/migrate';
import { countNeedsAttention } from '../../electron/core/db/repos/outbox-repo';

let dir: string;
let db: WritableDB;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'frontdesk-migration-0002-'));
  db = asWritableDB(new Database(join(dir, 'clinic.db')));
  db.pragma('foreign_keys = ON');
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function outboxRow(id: number, state: string, updatedAt: number): void {
  db.prepare(
    `INSERT INTO outbox (id, idempotency_key, appointment_id, rule_id, channel, recipient, not_before, expires_at, state, created_at, updated_at)
     VALUES (?, ?, 1, 'sms-24h', 'sms', '+12125550101', 0, 1, ?, 0, ?)`,
  ).run(id, `k${id}`, state, updatedAt);
}

describe('migration 0002 (attention index)', () => {
  it('keeps every row and makes the needs-attention count an index search, not an outbox scan', () => {
    migrate(db, 1);
    db.prepare(`INSERT INTO patients (id, patient_key, name, created_at, updated_at) VALUES (1, 'k', 'n', 0, 0)`).run();
    db.prepare(
      `INSERT INTO appointments (id, external_id, patient_id, starts_at, duration_min, status, created_at, updated_at) VALUES (1, 'A1', 1, 0, 30, 'booked', 0, 0)`,
    ).run();
    db.prepare(`INSERT INTO engine (id, paused, pause_reason, updated_at) VALUES (1, 1, 'kept', 0)`).run();
    outboxRow(1, 'pending', 500);
    outboxRow(2, 'unknown', 500);
    outboxRow(3, 'failed', 50);
    outboxRow(4, 'sent', 500);

    expect(migrate(db, 2)).toBe(2);
    expect((db.prepare(`SELECT COUNT(*) AS n FROM outbox`).get() as { n: number }).n).toBe(4);
    expect(db.prepare(`SELECT paused, pause_reason FROM engine`).get()).toEqual({ paused: 1, pause_reason: 'kept' });
    // The plan of the SQL the repo really prepares (captured, so the test follows the code).
    const seen: string[] = [];
    const prepare = db.prepare.bind(db);
    (db as unknown as { prepare: (sql: string) => unknown }).prepare = (sql: string) => (seen.push(sql), prepare(sql));
    try {
      expect(countNeedsAttention(db, 100)).toBe(1);
    } finally {
      (db as unknown as { prepare: unknown }).prepare = prepare;
    }
    expect(seen).toHaveLength(1);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${seen[0]!}`).all(100) as { detail: string }[]).map((r) => r.detail);
    expect(plan.join(' ')).toMatch(/USING INDEX outbox_attention/);
  });
});
