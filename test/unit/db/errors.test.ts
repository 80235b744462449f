import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { classifyDatabaseError, DatabaseFault, toDatabaseFault } from '../../../electron/core/db/errors';
import { corruptAfterFirstPage } from '../../helpers/db-files';

let dir: string;
const open: Database.Database[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'frontdesk-db-errors-'));
});
afterEach(() => {
  while (open.length > 0) open.pop()!.close();
  rmSync(dir, { recursive: true, force: true });
});

function db(name: string, options: Database.Options = {}): Database.Database {
  const handle = new Database(join(dir, name), options);
  open.push(handle);
  return handle;
}

/** The error `fn` throws (fails the test when it throws nothing). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

/** A small table spread over many pages, so a damaged page is met by a full scan. */
function filled(name: string): string {
  const d = db(name);
  d.exec(`CREATE TABLE t (x TEXT)`);
  const insert = d.prepare(`INSERT INTO t VALUES (?)`);
  d.transaction(() => {
    for (let i = 0; i < 500; i += 1) insert.run('x'.repeat(200));
  })();
  d.close();
  open.pop();
  return join(dir, name);
}

describe('SQLite errors are classified in one place (real errors from SQLite)', () => {
  it('a damaged page is "corrupt", a file that is not SQLite is "not-a-database"', () => {
    const file = filled('damaged.db');
    corruptAfterFirstPage(file);
    const damaged = thrown(() => db('damaged.db').prepare(`SELECT COUNT(*) FROM t`).get());
    expect(classifyDatabaseError(damaged)).toBe('corrupt');

    writeFileSync(join(dir, 'text.db'), 'appointments, exported by hand\n'.repeat(20));
    expect(classifyDatabaseError(thrown(() => db('text.db').pragma('user_version')))).toBe('not-a-database');
  });

  it('writing through a read-only handle is "read-only"; a folder in place of the file is "cannot-open"', () => {
    filled('ro.db');
    const ro = db('ro.db', { readonly: true });
    expect(classifyDatabaseError(thrown(() => ro.exec(`INSERT INTO t VALUES ('y')`)))).toBe('read-only');

    mkdirSync(join(dir, 'a-folder.db'));
    expect(classifyDatabaseError(thrown(() => db('a-folder.db')))).toBe('cannot-open');
    expect(classifyDatabaseError(thrown(() => db('missing-folder/x.db')))).toBe('cannot-open');
  });

  it('a full database is "disk-full"; a write lock held too long is "busy"', () => {
    const full = db('full.db');
    full.exec(`CREATE TABLE t (x TEXT)`);
    full.pragma('max_page_count = 3');
    const fullError = thrown(() => {
      for (let i = 0; i < 100; i += 1) full.prepare(`INSERT INTO t VALUES (?)`).run('x'.repeat(1000));
    });
    expect(classifyDatabaseError(fullError)).toBe('disk-full');

    filled('busy.db');
    const holder = db('busy.db');
    holder.exec('BEGIN IMMEDIATE');
    const waiter = db('busy.db', { timeout: 0 });
    expect(classifyDatabaseError(thrown(() => waiter.exec(`INSERT INTO t VALUES ('y')`)))).toBe('busy');
    holder.exec('ROLLBACK');
  });

  it('errors that are not about the database are left alone', () => {
    expect(classifyDatabaseError(new Error('boom'))).toBeUndefined();
    expect(classifyDatabaseError('text')).toBeUndefined();
    expect(toDatabaseFault(new TypeError('x is undefined'), '/data/frontdesk.db')).toBeUndefined();
  });
});

describe('fault messages name the file and say what to do', () => {
  const file = '/clinic/frontdesk.db';
  const fault = (code: string, backup?: string): DatabaseFault =>
    toDatabaseFault(Object.assign(new Error('sqlite says no'), { code }), file, () => backup)!;

  it.each([
    ['SQLITE_CORRUPT', /damaged.*restore the newest backup with: frontdesk restore "\/clinic\/backups\/b\.db"/],
    ['SQLITE_NOTADB', /not a SQLite database.*Check --db, or restore the newest backup/],
    ['SQLITE_READONLY', /cannot write to.*Give your user write access to the file and to its folder \/clinic/],
    [
      'SQLITE_CANTOPEN',
      /cannot open.*Check that the folder \/clinic exists and your user may write to it.*or choose another file with --db/,
    ],
    ['SQLITE_FULL', /disk holding .* is full.*Free some disk space and try again/],
    ['SQLITE_BUSY', /locked by another program for too long.*Try again in a moment/],
    ['SQLITE_IOERR_READ', /disk reported an error.*Check the disk/],
  ])('%s', (code, expected) => {
    const f = fault(code, '/clinic/backups/b.db');
    expect(f).toBeInstanceOf(DatabaseFault);
    expect(f.message).toContain(file);
    expect(f.message).toMatch(expected);
    expect(f.message).toContain(code);
    expect(f.message.split('\n')).toHaveLength(1);
  });

  it('a damaged file with no automatic backup says where backups would be', () => {
    expect(fault('SQLITE_CORRUPT_INDEX').message).toMatch(
      /no automatic backup was found in \/clinic\/backups; restore a copy you keep elsewhere/,
    );
  });

  it('a locked database is a CONFLICT (try again), other faults are INTERNAL', () => {
    expect(fault('SQLITE_BUSY').code).toBe('CONFLICT');
    expect(fault('SQLITE_FULL').code).toBe('INTERNAL');
  });
});
