import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asWritableDB, type WritableDB } from '../../electron/core/db/connection';
import { migrate } from '../../electron/core/db/migrate';
import { insertSourceRun, listArrivals, upsertSource, deleteSource } from '../../electron/core/db/repos/sources-repo';

let dir: string;
let db: WritableDB;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'frontdesk-migration-0003-'));
  db = asWritableDB(new Database(join(dir, 'clinic.db')));
  db.pragma('foreign_keys = ON');
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 0003 (schedule sources)', () => {
  it('keeps the schedule, adds sources, runs and profiles; a source is unique per kind and folder; its runs go with it', () => {
    migrate(db, 2);
    db.prepare(`INSERT INTO patients (id, patient_key, name, created_at, updated_at) VALUES (1, 'k', 'n', 0, 0)`).run();
    db.prepare(
      `INSERT INTO appointments (id, external_id, patient_id, starts_at, duration_min, status, created_at, updated_at) VALUES (1, 'A1', 1, 0, 30, 'booked', 0, 0)`,
    ).run();
    expect(migrate(db, 3)).toBe(3);
    expect(db.prepare(`SELECT external_id FROM appointments`).pluck().all()).toEqual(['A1']);

    const id = upsertSource(db, 'folder', '/exports', '{"fullExport":true}', 10);
    expect(upsertSource(db, 'folder', '/exports', '{"fullExport":false}', 20)).toBe(id);
    expect(db.prepare(`SELECT options_json FROM sources`).pluck().all()).toEqual(['{"fullExport":false}']);
    for (const [at, outcome] of [
      [100, 'imported'],
      [200, 'held'],
      [300, 'discarded'],
    ] as const) {
      insertSourceRun(db, { source_id: id, at, file: 'f.csv', outcome, summary: '', detail_json: '{}', held_path: null });
    }
    // Arrivals are files that came in; the desk's decisions are not.
    expect(listArrivals(db, id, 10)).toEqual([200, 100]);
    expect(() =>
      insertSourceRun(db, { source_id: id, at: 1, file: 'f', outcome: 'bogus' as never, summary: '', detail_json: '{}', held_path: null }),
    ).toThrow(/CHECK constraint/);
    deleteSource(db, id);
    expect(db.prepare(`SELECT COUNT(*) FROM source_runs`).pluck().get()).toBe(0);
    db.prepare(`INSERT INTO import_profiles (name, mapping_json, date_format, updated_at) VALUES ('Dentrix', '{}', 'MDY', 0)`).run();
    expect(() => db.prepare(`INSERT INTO import_profiles (name, date_format, updated_at) VALUES ('x', 'DDMM', 0)`).run()).toThrow(/CHECK/);
  });
});
