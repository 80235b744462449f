import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asWritableDB, type WritableDB, openDatabase } from '../../electron/core/db/connection';
import { latestVersion, migrate } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';
import { selectDueRows } from '../../electron/core/db/repos/outbox-repo';
import { listIdsNeedingPlan } from '../../electron/core/db/repos/planning-repo';

let dir: string;
const open: WritableDB[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'frontdesk-migrations-'));
});
afterEach(() => {
  while (open.length > 0) open.pop()!.close();
  rmSync(dir, { recursive: true, force: true });
});

function rawDb(name: string): WritableDB {
  const db = asWritableDB(new Database(join(dir, name)));
  db.pragma('foreign_keys = ON');
  open.push(db);
  return db;
}

function userVersion(db: WritableDB): number {
  return db.pragma('user_version', { simple: true }) as number;
}

interface MasterRow {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

function schemaOf(db: WritableDB): MasterRow[] {
  return db
    .prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`)
    .all() as MasterRow[];
}

const TABLES = [
  'appointments',
  'clinic',
  'contacts',
  'cursors',
  'engine',
  'events',
  'inbound_messages',
  'leases',
  'outbox',
  'patients',
  'recipients',
  'rules',
  'simulated_messages',
];

interface TableListRow {
  name: string;
  type: string;
  strict: number;
  wr: number;
}

interface IndexListRow {
  name: string;
  unique: number;
  origin: string;
  partial: number;
}

/** Captures the SQL text a repo function prepares, so the query-plan tests follow the code, not a copy. */
function capturePreparedSql(db: WritableDB, run: () => void): string[] {
  const seen: string[] = [];
  const original = db.prepare.bind(db);
  (db as unknown as { prepare: (sql: string) => unknown }).prepare = (sql: string) => {
    seen.push(sql);
    return original(sql);
  };
  try {
    run();
  } finally {
    (db as unknown as { prepare: unknown }).prepare = original;
  }
  return seen;
}

function queryPlan(db: WritableDB, sql: string, params: unknown[]): string[] {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
  return rows.map((r) => r.detail);
}

describe('migration 0001 (initial schema)', () => {
  it('migrates an empty database to version 1 with every table STRICT', () => {
    const db = rawDb('empty.db');
    expect(userVersion(db)).toBe(0);
    expect(migrate(db, 1)).toBe(1);
    expect(userVersion(db)).toBe(1);

    const tables = (db.prepare(`PRAGMA table_list`).all() as TableListRow[]).filter(
      (t) => t.type === 'table' && !t.name.startsWith('sqlite_'),
    );
    expect(tables.map((t) => t.name).sort()).toEqual(TABLES);
    for (const t of tables) expect({ table: t.name, strict: t.strict }).toEqual({ table: t.name, strict: 1 });
    expect(tables.find((t) => t.name === 'recipients')!.wr).toBe(1);
  });

  it('has the UNIQUE idempotency key and the partial hot-path indexes on outbox', () => {
    const db = rawDb('idx.db');
    migrate(db, 1);
    const indexes = db.prepare(`PRAGMA index_list(outbox)`).all() as IndexListRow[];
    const byName = new Map(indexes.map((i) => [i.name, i]));

    const key = byName.get('outbox_idempotency_key');
    expect(key).toMatchObject({ unique: 1, partial: 0 });
    expect((db.prepare(`PRAGMA index_info(outbox_idempotency_key)`).all() as { name: string }[]).map((c) => c.name)).toEqual([
      'idempotency_key',
    ]);

    expect(byName.get('outbox_due')).toMatchObject({ unique: 0, partial: 1 });
    expect(byName.get('outbox_sending')).toMatchObject({ unique: 0, partial: 1 });
    const sqlOf = (name: string) =>
      (db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`).get(name) as { sql: string }).sql.replace(/\s+/g, ' ');
    expect(sqlOf('outbox_due')).toMatch(/ON outbox \(not_before\) WHERE state = 'pending'$/);
    expect(sqlOf('outbox_sending')).toMatch(/ON outbox \(claimed_at\) WHERE state = 'sending'$/);
    expect(sqlOf('appointments_needs_plan')).toMatch(/ON appointments \(id\) WHERE needs_plan = 1$/);

    // The key really is the constraint: a second row with the same key is refused by the index.
    const now = Date.now();
    db.prepare(`INSERT INTO patients (id, patient_key, name, created_at, updated_at) VALUES (1, 'k', 'n', ?, ?)`).run(now, now);
    db.prepare(
      `INSERT INTO appointments (id, external_id, patient_id, starts_at, duration_min, status, created_at, updated_at)
       VALUES (1, 'A1', 1, ?, 30, 'booked', ?, ?)`,
    ).run(now, now, now);
    const insert = db.prepare(
      `INSERT INTO outbox (idempotency_key, appointment_id, rule_id, channel, recipient, not_before, expires_at, state, created_at, updated_at)
       VALUES ('1:sms-24h:1', 1, 'sms-24h', 'sms', '+12125550101', 0, 1, 'pending', 0, 0)`,
    );
    insert.run();
    expect(() => insert.run()).toThrow(/UNIQUE constraint failed: outbox.idempotency_key/);
    // STRICT: a text in an INTEGER column is refused, not coerced.
    expect(() =>
      db
        .prepare(
          `INSERT INTO outbox (idempotency_key, appointment_id, rule_id, channel, recipient, not_before, expires_at, state, created_at, updated_at)
           VALUES ('x', 1, 'r', 'sms', 'to', 'soon', 1, 'pending', 0, 0)`,
        )
        .run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
  });

  it('is idempotent: migrating again changes nothing', () => {
    const db = rawDb('again.db');
    migrate(db);
    const before = schemaOf(db);
    db.prepare(`INSERT INTO cursors (name, value, updated_at) VALUES ('x', 'y', 1)`).run();
    expect(migrate(db)).toBe(latestVersion(migrations));
    expect(migrate(db)).toBe(latestVersion(migrations));
    expect(schemaOf(db)).toEqual(before);
    expect(db.prepare(`SELECT COUNT(*) AS n FROM cursors`).get()).toEqual({ n: 1 });
  });

  it('refuses a database newer than the code, with a clear error, and leaves it untouched', () => {
    const db = rawDb('newer.db');
    migrate(db);
    const newer = latestVersion(migrations) + 1;
    db.pragma(`user_version = ${newer}`);
    const before = schemaOf(db);
    expect(() => migrate(db)).toThrow(new RegExp(`schema version ${newer}, newer than this Frontdesk \\(${latestVersion(migrations)}\\)`));
    expect(userVersion(db)).toBe(newer);
    expect(schemaOf(db)).toEqual(before);

    // openDatabase runs migrate too, so the app refuses the file rather than writing to it.
    db.close();
    open.pop();
    expect(() => openDatabase(join(dir, 'newer.db'))).toThrow(/newer than this Frontdesk/);
  });

  it('a fresh database equals one migrated step by step', () => {
    const fresh = openDatabase(join(dir, 'fresh.db'));
    open.push(fresh);
    const stepped = rawDb('stepped.db');
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      expect(migrate(stepped, m.version)).toBe(m.version);
    }
    expect(userVersion(stepped)).toBe(userVersion(fresh));
    expect(userVersion(fresh)).toBe(latestVersion(migrations));
    expect(schemaOf(stepped)).toEqual(schemaOf(fresh));
  });

  it('migrations are numbered 1..n without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });
});

describe('query plans of the hot queries', () => {
  it('the dispatcher due-rows query uses the partial index outbox_due', () => {
    const db = rawDb('plan-due.db');
    migrate(db);
    const now = Date.parse('2026-11-26T12:00:00Z');
    const skip = { email: false, sms: false, voice: false };
    const sql = capturePreparedSql(db, () => selectDueRows(db, now, 25, skip)).find((s) => /FROM outbox/.test(s));
    expect(sql, 'selectDueRows prepared no outbox query').toBeDefined();
    const plan = queryPlan(db, sql!, [now, now, 0, 0, 0, 25]);
    expect(plan.join('\n')).toMatch(/USING INDEX outbox_due/);
    expect(plan.join('\n')).not.toMatch(/SCAN outbox(?! USING)/);
  });

  it('the planner work list uses the partial index appointments_needs_plan', () => {
    const db = rawDb('plan-needs.db');
    migrate(db);
    const sql = capturePreparedSql(db, () => listIdsNeedingPlan(db, 2000)).find((s) => /needs_plan = 1/.test(s));
    expect(sql, 'listIdsNeedingPlan prepared no query').toBeDefined();
    const plan = queryPlan(db, sql!, [2000]);
    expect(plan.join('\n')).toMatch(/appointments_needs_plan/);
    expect(plan.join('\n')).not.toMatch(/SCAN a(?! USING)\b/);
  });
});
