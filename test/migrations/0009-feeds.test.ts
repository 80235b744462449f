import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asWritableDB, type WritableDB } from '../../electron/core/db/connection';
import { migrate } from '../../electron/core/db/migrate';

let dir: string;
let db: WritableDB;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'frontdesk-migration-0009-'));
  db = asWritableDB(new Database(join(dir, 'clinic.db')));
  db.pragma('foreign_keys = ON');
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 0009 (standards feeds: HL7 message audit, source pause)', () => {
  it('keeps existing sources (not paused), and keeps the HL7 audit when a source is removed', () => {
    migrate(db, 4);
    db.prepare(`INSERT INTO sources (id, kind, target, options_json, created_at, updated_at) VALUES (1, 'folder', '/x', '{}', 0, 0)`).run();
    expect(migrate(db, 9)).toBe(9);
    expect(db.prepare('SELECT id, paused_reason FROM sources').all()).toEqual([{ id: 1, paused_reason: null }]);
    db.prepare(`INSERT INTO sources (id, kind, target, created_at, updated_at) VALUES (2, 'hl7', '127.0.0.1:2575', 0, 0)`).run();
    db.prepare(
      `INSERT INTO hl7_messages (source_id, received_at, control_id, event, ack_code, outcome, raw) VALUES (2, 5, 'C1', 'S12', 'AA', 'applied', 'MSH|...')`,
    ).run();
    db.prepare('DELETE FROM sources WHERE id = 2').run();
    expect(db.prepare('SELECT source_id, control_id FROM hl7_messages').all()).toEqual([{ source_id: null, control_id: 'C1' }]);
    expect(() =>
      db
        .prepare(
          `INSERT INTO hl7_messages (received_at, control_id, event, ack_code, outcome, raw) VALUES (5, 'C2', 'S12', 'XX', 'applied', '')`,
        )
        .run(),
    ).toThrow(/CHECK/);
  });
});
