import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { all, column, first, run, runReturning, scalar, type Sql, sql, sqlIdentifier } from '../../../electron/core/db/sql';
import { asReadableDB, asWritableDB, type WritableDB } from '../../../electron/core/db/types';

const open: Database.Database[] = [];
afterEach(() => {
  while (open.length > 0) open.pop()!.close();
});

function memoryDb(): WritableDB {
  const raw = new Database(':memory:');
  open.push(raw);
  const db = asWritableDB(raw);
  db.exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT, n INTEGER) STRICT;
           CREATE TABLE other_notes (id INTEGER PRIMARY KEY, body TEXT) STRICT;`);
  return db;
}

/** Counts db.prepare calls (the statement cache should make repeats free). */
function countPrepares(db: WritableDB): { readonly count: number; readonly texts: string[] } {
  const texts: string[] = [];
  const original = db.prepare.bind(db);
  vi.spyOn(db, 'prepare').mockImplementation(((text: string) => {
    texts.push(text);
    return original(text);
  }) as typeof db.prepare);
  return {
    get count() {
      return texts.length;
    },
    texts,
  };
}

describe('the sql tagged template', () => {
  it('binds every interpolated value as a ? placeholder, in order, never pasting it into the text', () => {
    const hostile = `x'); DROP TABLE notes; --`;
    const query = sql`INSERT INTO notes (body, n) VALUES (${hostile}, ${7})`;
    expect(query.text).toBe('INSERT INTO notes (body, n) VALUES (?, ?)');
    expect(query.params).toEqual([hostile, 7]);

    const db = memoryDb();
    run(db, query);
    expect(all(db, sql`SELECT body, n FROM notes`)).toEqual([{ body: hostile, n: 7 }]);
    expect(scalar(db, sql`SELECT COUNT(*) FROM sqlite_schema WHERE name = ${'notes'}`)).toBe(1);
  });

  it('binds null, bigint and Buffer values as SQLite values', () => {
    const db = memoryDb();
    db.exec(`CREATE TABLE kinds (t TEXT, i INTEGER, b BLOB)`);
    run(db, sql`INSERT INTO kinds VALUES (${null}, ${10n ** 15n}, ${Buffer.from([1, 2, 3])})`);
    expect(first(db, sql`SELECT t, i, b FROM kinds`)).toEqual({ t: null, i: 10 ** 15, b: Buffer.from([1, 2, 3]) });
  });

  it('splices nested sql fragments with their own bound values in place', () => {
    const columns = sql`id, body`;
    const withBody = (body: string): Sql => sql`body = ${body}`;
    const query = sql`SELECT ${columns} FROM notes WHERE ${withBody('a')} AND n > ${1} OR ${withBody('b')}`;
    expect(query.text).toBe('SELECT id, body FROM notes WHERE body = ? AND n > ? OR body = ?');
    expect(query.params).toEqual(['a', 1, 'b']);
  });

  it('gives one call site the same text each time, so the connection prepares it once', () => {
    const db = memoryDb();
    const insert = (n: number) => sql`INSERT INTO notes (n) VALUES (${n})`;
    expect(insert(1).text).toBe(insert(2).text);
    const prepares = countPrepares(db);
    for (let n = 0; n < 50; n += 1) run(db, insert(n));
    for (let n = 0; n < 50; n += 1) expect(scalar(db, sql`SELECT n FROM notes WHERE n = ${n}`)).toBe(n);
    expect(prepares.count).toBe(2);
  });

  it('caches per connection: a second connection prepares its own statement', () => {
    const one = memoryDb();
    const two = memoryDb();
    const count = (db: WritableDB) => scalar<number>(db, sql`SELECT COUNT(*) FROM notes`);
    run(one, sql`INSERT INTO notes (n) VALUES (${1})`);
    expect(count(one)).toBe(1);
    expect(count(two)).toBe(0);
    const prepares = countPrepares(two);
    expect(count(two)).toBe(0);
    expect(prepares.count).toBe(0);
  });

  it('rebuilds the text when a fragment at the same call site changes', () => {
    const db = memoryDb();
    const tables = ['notes', 'other_notes'] as const;
    const insertInto = (table: (typeof tables)[number], body: string) =>
      run(db, sql`INSERT INTO ${sqlIdentifier(table, tables)} (body) VALUES (${body})`);
    for (const body of ['a', 'b', 'c']) {
      insertInto('notes', body);
      insertInto('other_notes', body.toUpperCase());
    }
    expect(column(db, sql`SELECT body FROM notes ORDER BY id`)).toEqual(['a', 'b', 'c']);
    expect(column(db, sql`SELECT body FROM other_notes ORDER BY id`)).toEqual(['A', 'B', 'C']);
  });

  it('reads with all, first, scalar and column, and says "none" with undefined or []', () => {
    const db = memoryDb();
    for (const [body, n] of [
      ['a', 1],
      ['b', 2],
    ] as const)
      run(db, sql`INSERT INTO notes (body, n) VALUES (${body}, ${n})`);
    const byN = (n: number) => sql`SELECT body, n FROM notes WHERE n >= ${n} ORDER BY n`;
    expect(all(db, byN(1))).toEqual([
      { body: 'a', n: 1 },
      { body: 'b', n: 2 },
    ]);
    expect(first(db, byN(2))).toEqual({ body: 'b', n: 2 });
    // The same text read as rows and as a column: each mode keeps its own statement.
    expect(column(db, byN(1))).toEqual(['a', 'b']);
    expect(scalar(db, byN(2))).toBe('b');
    expect(all(db, byN(1))).toHaveLength(2);
    expect(first(db, byN(3))).toBeUndefined();
    expect(scalar(db, byN(3))).toBeUndefined();
    expect(all(db, byN(3))).toEqual([]);
    expect(column(db, byN(3))).toEqual([]);
  });

  it('run returns the changes and the last inserted rowid', () => {
    const db = memoryDb();
    expect(Number(run(db, sql`INSERT INTO notes (n) VALUES (${5})`).lastInsertRowid)).toBe(1);
    run(db, sql`INSERT INTO notes (n) VALUES (${6})`);
    expect(run(db, sql`UPDATE notes SET n = n + 1 WHERE n >= ${5}`).changes).toBe(2);
  });

  it('refuses a read helper given a query that writes, and writes nothing', () => {
    const db = memoryDb();
    expect(() => all(db, sql`INSERT INTO notes (n) VALUES (${1}) RETURNING id`)).toThrow(/a read query must not write/);
    expect(() => first(db, sql`DELETE FROM notes WHERE n = ${1} RETURNING id`)).toThrow(/a read query must not write/);
    expect(() => scalar(db, sql`UPDATE notes SET n = ${2} RETURNING n`)).toThrow(/a read query must not write/);
    expect(scalar(db, sql`SELECT COUNT(*) FROM notes`)).toBe(0);
  });

  it('runReturning runs a write and gives the first row it returns, prepared once per connection', () => {
    const db = memoryDb();
    db.exec(`CREATE UNIQUE INDEX notes_body ON notes (body)`);
    const prepares = countPrepares(db);
    const upsert = (body: string, n: number) =>
      runReturning<{ id: number; n: number }>(
        db,
        sql`INSERT INTO notes (body, n) VALUES (${body}, ${n}) ON CONFLICT (body) DO UPDATE SET n = excluded.n RETURNING id, n`,
      );
    expect(upsert('a', 1)).toEqual({ id: 1, n: 1 });
    expect(upsert('b', 2)).toEqual({ id: 2, n: 2 });
    // The conflict path updates and still returns the existing row's id (lastInsertRowid would not).
    expect(upsert('a', 3)).toEqual({ id: 1, n: 3 });
    expect(runReturning(db, sql`DELETE FROM notes WHERE body = ${'zzz'} RETURNING id`)).toBeUndefined();
    expect(all(db, sql`SELECT body, n FROM notes ORDER BY id`)).toEqual([
      { body: 'a', n: 3 },
      { body: 'b', n: 2 },
    ]);
    expect(prepares.count).toBe(3);
  });
});

describe('checked identifiers', () => {
  const TABLES = ['notes', 'other_notes'] as const;

  it('splices an allowed name, quoted', () => {
    expect(sql`DELETE FROM ${sqlIdentifier('notes', TABLES)}`.text).toBe('DELETE FROM "notes"');
  });

  it('refuses a name that is not in the allowlist, whatever it looks like', () => {
    for (const name of ['patients', 'notes; DROP TABLE notes', 'NOTES', '', 'notes"', '"notes"']) {
      expect(() => sqlIdentifier(name, TABLES), name).toThrow(/is not one of the allowed names \(notes, other_notes\)/);
    }
  });

  it('refuses an allowlisted name that is not a plain SQL name (an allowlist written carelessly)', () => {
    const careless = ['notes', 'x" OR 1=1 --', 'two words'];
    expect(() => sqlIdentifier('x" OR 1=1 --', careless)).toThrow(/is not a plain name/);
    expect(() => sqlIdentifier('two words', careless)).toThrow(/is not a plain name/);
    expect(sqlIdentifier('notes', careless).text).toBe('"notes"');
  });
});

describe('branding connections', () => {
  it('refuses to brand a read-only connection writable; brands it readable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'frontdesk-sql-'));
    try {
      const file = join(dir, 'ro.db');
      new Database(file).close();
      const readonly = new Database(file, { readonly: true });
      open.push(readonly);
      expect(() => asWritableDB(readonly)).toThrow(/ro\.db was opened read-only; it cannot be used for writing/);
      expect(asReadableDB(readonly)).toBe(readonly);
      const writable = new Database(file);
      open.push(writable);
      expect(asWritableDB(writable)).toBe(writable);
    } finally {
      while (open.length > 0) open.pop()!.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
