import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listBackups } from '../../../electron/core/db/backup-files';
import { AUTO_CHECK_MAX_BYTES, type WritableDB, openDatabase } from '../../../electron/core/db/connection';
import { DatabaseFault } from '../../../electron/core/db/errors';
import { latestVersion } from '../../../electron/core/db/migrate';
import { type Migration, migrations } from '../../../electron/core/db/migrations';
import { corruptAfterFirstPage, corruptHeader, makeImmutable, makeMutable, snapshot } from '../../helpers/db-files';

let dir: string;
const open: WritableDB[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'frontdesk-open-'));
});
afterEach(() => {
  while (open.length > 0) open.pop()!.close();
  rmSync(dir, { recursive: true, force: true });
});

function fault(fn: () => unknown): DatabaseFault {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DatabaseFault);
    return error as DatabaseFault;
  }
  throw new Error('expected a DatabaseFault');
}

/** A schedule made by openDatabase (WAL mode) and closed cleanly. */
function schedule(name: string, list: readonly Migration[] = migrations): string {
  const file = join(dir, name);
  openDatabase(file, { migrations: list }).close();
  return file;
}

const LATEST = latestVersion(migrations);

describe('a database from a newer Frontdesk is refused without touching the file', () => {
  it('WAL-mode file (as a newer Frontdesk leaves it): same bytes, no -wal or -shm left behind', () => {
    const file = schedule('newer.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST + 1}`);
    raw.close();
    const before = snapshot(dir);
    expect(Object.keys(before)).toEqual(['newer.db']);

    const f = fault(() => openDatabase(file));
    expect(f.kind).toBe('newer-version');
    expect(f.message).toContain(file);
    expect(f.message).toContain(`schema version ${LATEST + 1}, newer than this Frontdesk (${LATEST})`);
    expect(f.message).toMatch(/it was not changed\. Update Frontdesk/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('rollback-journal file: the header is not switched to WAL', () => {
    const file = join(dir, 'newer-rollback.db');
    const raw = new Database(file);
    raw.exec(`CREATE TABLE clinic (id INTEGER)`);
    raw.pragma(`user_version = ${LATEST + 5}`);
    raw.close();
    const before = snapshot(dir);
    expect(fault(() => openDatabase(file)).kind).toBe('newer-version');
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('files that are not a healthy Frontdesk schedule are refused untouched', () => {
  it('a damaged schedule: "damaged", names the newest automatic backup', () => {
    const file = schedule('clinic.db');
    const older = join(dir, 'backups', 'clinic-20261120-030000-000-daily.db');
    const newest = join(dir, 'backups', 'clinic-20261125-030000-000-daily.db');
    mkdirSync(join(dir, 'backups'));
    for (const copy of [older, newest]) {
      const db = openDatabase(file);
      db.prepare('VACUUM INTO ?').run(copy);
      db.close();
    }
    corruptAfterFirstPage(file);
    const before = snapshot(dir);
    const f = fault(() => openDatabase(file));
    expect(f.kind).toBe('corrupt');
    expect(f.message).toContain(`the schedule file ${file} is damaged`);
    expect(f.message).toContain(`frontdesk restore "${newest}"`);
    expect(snapshot(dir)).toEqual(before);
  });

  it('a file whose header is not SQLite: "not a SQLite database"', () => {
    const file = schedule('header.db');
    corruptHeader(file);
    const before = snapshot(dir);
    const f = fault(() => openDatabase(file));
    expect(f.kind).toBe('not-a-database');
    expect(f.message).toContain(file);
    expect(snapshot(dir)).toEqual(before);
  });

  it("another program's SQLite file: refused, not filled with Frontdesk tables", () => {
    const file = join(dir, 'notes.db');
    const raw = new Database(file);
    raw.exec(`CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')`);
    raw.close();
    const before = snapshot(dir);
    const f = fault(() => openDatabase(file));
    expect(f.kind).toBe('not-frontdesk');
    expect(f.message).toMatch(/notes\.db is a SQLite database of another program.*its tables: notes/);
    expect(snapshot(dir)).toEqual(before);
  });

  it("'auto' skips quick_check on files above the size limit; 'full' always checks", () => {
    const file = schedule('big.db');
    const db = openDatabase(file);
    db.exec(`CREATE TABLE filler (b BLOB)`);
    db.prepare(`INSERT INTO filler VALUES (zeroblob(?))`).run(AUTO_CHECK_MAX_BYTES + 1024 * 1024);
    db.close();
    expect(statSync(file).size).toBeGreaterThan(AUTO_CHECK_MAX_BYTES);
    // Damage the last page (the filler's overflow chain): only a full check reads it.
    const raw = new Database(file);
    const pageSize = raw.pragma('page_size', { simple: true }) as number;
    raw.close();
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, statSync(file).size - pageSize);
    closeSync(fd);

    open.push(openDatabase(file, { integrityCheck: 'auto' }));
    open.pop()!.close();
    expect(fault(() => openDatabase(file, { integrityCheck: 'full' })).kind).toBe('corrupt');
  });
});

describe('backup before a migration changes an existing database', () => {
  const v2: Migration = { version: 2, name: 'test-two', up: (db) => db.exec(`CREATE TABLE test_two (x INTEGER)`) };
  const withV2 = [...migrations.filter((m) => m.version <= 1), v2];
  const at = Date.UTC(2026, 10, 26, 12, 0, 0);

  it('a version-1 schedule migrated to 2 leaves a pre-migration copy at version 1 with its rows', () => {
    const file = schedule(
      'clinic.db',
      migrations.filter((m) => m.version <= 1),
    );
    const seed = new Database(file);
    seed.prepare(`INSERT INTO cursors (name, value, updated_at) VALUES ('kept', 'yes', 1)`).run();
    seed.close();

    const db = openDatabase(file, { migrations: withV2, now: () => at });
    open.push(db);
    expect(db.pragma('user_version', { simple: true })).toBe(2);

    const backups = listBackups(file);
    expect(backups.map((b) => b.reason)).toEqual(['pre-migration-v1']);
    expect(backups[0]!.file).toBe(join(dir, 'backups', 'clinic-20261126-120000-000-pre-migration-v1.db'));
    const copy = new Database(backups[0]!.file, { readonly: true });
    try {
      expect(copy.pragma('user_version', { simple: true })).toBe(1);
      expect(copy.prepare(`SELECT value FROM cursors WHERE name = 'kept'`).get()).toEqual({ value: 'yes' });
      expect(copy.prepare(`SELECT name FROM sqlite_schema WHERE name = 'test_two'`).get()).toBeUndefined();
      expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
    } finally {
      copy.close();
    }
    expect(readdirSync(join(dir, 'backups')).filter((n) => n.includes('.partial'))).toEqual([]);
  });

  it('no backup for a fresh database, nor for one already up to date', () => {
    const file = join(dir, 'fresh.db');
    openDatabase(file, { migrations: withV2, now: () => at }).close();
    openDatabase(file, { migrations: withV2, now: () => at }).close();
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });
});

describe('a write-protected schedule is refused when it opens, not at the first write', () => {
  it('a read-only file, or a read-only folder: "cannot write", naming both; a read-only backup still restores', async (ctx) => {
    const file = schedule('clinic.db');
    const cannot = makeImmutable(file);
    if (cannot) {
      console.warn(`skipped: ${cannot}`);
      ctx.skip(cannot);
    }
    try {
      const f = fault(() => openDatabase(file));
      expect(f.kind).toBe('read-only');
      expect(f.message).toContain(`Frontdesk cannot write to ${file} (EPERM: the file is not writable)`);
      expect(f.message).toContain(`Give your user write access to the file and to its folder ${dir}`);

      // The same file as a backup: read-only media are fine for restoring from.
      const { restoreDatabase } = await import('../../../electron/core/db/restore');
      const target = join(dir, 'restored', 'clinic.db');
      await restoreDatabase(target, file, { now: Date.UTC(2026, 10, 26), isAlive: () => false });
      openDatabase(target).close();
    } finally {
      makeMutable(file);
    }
    makeImmutable(dir);
    try {
      expect(fault(() => openDatabase(file)).message).toContain('(EPERM: its folder is not writable)');
    } finally {
      makeMutable(dir);
    }
  });
});
