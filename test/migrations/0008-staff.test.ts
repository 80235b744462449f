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
  dir = mkdtempSync(join(tmpdir(), 'frontdesk-migration-0008-'));
  db = asWritableDB(new Database(join(dir, 'clinic.db')));
  db.pragma('foreign_keys = ON');
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Its number in the list (0008 in the wave plan; renumbered when the migrations before it merge). */
const STAFF = migrations.find((m) => m.name === 'staff')!.version;

describe('migration 0008: named staff and undo', () => {
  it('adds the tables to a database of the previous version, keeping its data', () => {
    migrate(db, undefined, { migrations: migrations.filter((m) => m.version < STAFF) });
    db.prepare(
      `INSERT INTO patients (id, patient_key, name, phone, created_at, updated_at) VALUES (1, 'k1', 'Ann', '+12125550101', 0, 0)`,
    ).run();
    db.prepare(
      `INSERT INTO appointments (id, external_id, patient_id, starts_at, duration_min, status, created_at, updated_at) VALUES (1, 'A1', 1, 1000, 30, 'booked', 0, 0)`,
    ).run();
    expect(migrate(db, undefined, { migrations: migrations.filter((m) => m.version <= STAFF) })).toBe(STAFF);
    expect(db.prepare('SELECT COUNT(*) AS n FROM appointments').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM staff_users').get()).toEqual({ n: 0 }); // no users: works as before
    db.prepare(`INSERT INTO staff_users (name, role, pin_hash, created_at, updated_at) VALUES ('Maria', 'admin', NULL, 0, 0)`).run();
    db.prepare(
      `INSERT INTO undo_actions (appointment_id, action, previous_status, status_after, done_at, done_by) VALUES (1, 'confirm', 'booked', 'confirmed', 0, 'desk')`,
    ).run();
  });

  it('refuses a second user of the same name in any case, an unknown role, a blank name, and undo of a missing appointment', () => {
    migrate(db);
    const add = (name: string, role: string) =>
      db.prepare(`INSERT INTO staff_users (name, role, created_at, updated_at) VALUES (?, ?, 0, 0)`).run(name, role);
    add('Maria', 'admin');
    expect(() => add('MARIA', 'desk')).toThrow(/UNIQUE/);
    expect(() => add('Ravi', 'owner')).toThrow(/CHECK/);
    expect(() => add('   ', 'desk')).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO undo_actions (appointment_id, action, previous_status, status_after, done_at, done_by) VALUES (99, 'cancel', 'booked', 'cancelled', 0, 'desk')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });
});
