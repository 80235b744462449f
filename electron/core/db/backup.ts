import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { DAY_MS } from '../platform/clock';
import { badRequest } from '../platform/errors';
import { type BackupReason, listBackups, newestBackup, nextBackupPath, pruneBackups } from './backup-files';
import { toDatabaseFault } from './errors';
import { inspectDatabaseFile, refuseDamaged } from './file-check';
import { run, sql } from './sql';
import { asReadableDB, type ReadableDB, type WritableDB } from './types';

/** Flushes a file (or, where the OS allows it, a folder entry) to the disk. */
export function fsyncPath(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch (error) {
    // Windows cannot open a folder for fsync; a rename there is already durable enough.
    if (!['EISDIR', 'EPERM', 'EACCES'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes `write(tmp)` to a temp file beside `dest`, flushes it, then renames: `dest` is whole or absent. */
async function writeAtomically(dest: string, write: (tmp: string) => Promise<unknown> | unknown): Promise<string> {
  mkdirSync(dirname(dest), { recursive: true });
  const tmp = `${dest}.partial-${process.pid}`;
  rmSync(tmp, { force: true });
  try {
    await write(tmp);
    fsyncPath(tmp);
    renameSync(tmp, dest);
    fsyncPath(dirname(dest));
    return dest;
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

/** SQLite's online backup of an open database into `dest` (replaced atomically); the engine keeps working meanwhile. */
export function backupTo(db: ReadableDB, dest: string): Promise<string> {
  return writeAtomically(dest, (tmp) => db.backup(tmp));
}

/** An online backup into the automatic backups folder, then only the newest 7 are kept (never `spare`). */
export async function backupToFolder(db: ReadableDB, dbFile: string, at: number, reason: BackupReason, spare?: string): Promise<string> {
  const file = await backupTo(db, nextBackupPath(dbFile, at, reason));
  pruneBackups(dbFile, undefined, spare);
  return file;
}

/**
 * The copy taken before migrating an existing database. Opening is synchronous, so this uses
 * `VACUUM INTO` (a consistent snapshot written by SQLite itself) rather than the async online backup.
 */
export function backupBeforeMigration(db: WritableDB, dbFile: string, at: number, from: number): string {
  const dest = nextBackupPath(dbFile, at, `pre-migration-v${from}`);
  mkdirSync(dirname(dest), { recursive: true });
  const tmp = `${dest}.partial-${process.pid}`;
  rmSync(tmp, { force: true });
  try {
    run(db, sql`VACUUM INTO ${tmp}`);
    fsyncPath(tmp);
    renameSync(tmp, dest);
    fsyncPath(dirname(dest));
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  pruneBackups(dbFile);
  return dest;
}

/**
 * The daily backup of long-running engines: checked every hour, taken when the newest automatic
 * backup is a day old or older (so a desk PC that is off at night still gets one a day).
 */
export async function backupIfDue(db: ReadableDB, dbFile: string, now: number): Promise<string | undefined> {
  // Only backups from the last 24 h of this clock count: a copy dated in the future (the clock was
  // moved back) must not stop daily backups.
  const recent = listBackups(dbFile).some((b) => b.at <= now && now - b.at < DAY_MS);
  if (recent) return undefined;
  return backupToFolder(db, dbFile, now, 'daily');
}

/**
 * `backup [FILE]` of a schedule by path: checked with quick_check first (a damaged file must not push
 * good copies out of the backups folder), then copied online. Without `dest`: into the backups folder.
 */
export async function backupDatabaseFile(dbFile: string, dest: string | undefined, now: number): Promise<string> {
  if (dest !== undefined && resolve(dest) === resolve(dbFile)) throw badRequest(`cannot back up ${dbFile} onto itself; name another file`);
  if (!inspectDatabaseFile(dbFile, 'read').exists) throw badRequest(`there is no schedule at ${dbFile} to back up (check --db)`);
  let db: ReadableDB | undefined;
  try {
    db = asReadableDB(new Database(dbFile, { fileMustExist: true }));
    db.pragma('busy_timeout = 5000');
    refuseDamaged(db, dbFile);
    return dest === undefined ? await backupToFolder(db, dbFile, now, 'manual') : await backupTo(db, dest);
  } catch (error) {
    throw toDatabaseFault(error, dbFile, () => newestBackup(dbFile)) ?? error;
  } finally {
    db?.close();
  }
}
