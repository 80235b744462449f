import { accessSync, closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { newestBackup } from './backup-files';
import { DatabaseFault, firstLine, toDatabaseFault } from './errors';
import { column, sql } from './sql';
import type { ReadableDB } from './types';

/** What the file says about itself before anything opens it for writing. */
export interface FileFacts {
  /** False for a missing or empty file: a fresh schedule will be created. */
  readonly exists: boolean;
  readonly size: number;
  /** PRAGMA user_version: our schema version (0 = nothing migrated yet). */
  readonly version: number;
  /** PRAGMA schema_version: 0 until a first table is created. */
  readonly schemaCookie: number;
}

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_BYTES = 100;

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function readHeader(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(HEADER_BYTES);
    const read = readSync(fd, header, 0, HEADER_BYTES, 0);
    return header.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads the schedule file's version without changing it: from the 100-byte header when the file is
 * closed cleanly, else (a -wal with content beside it) through a read-only connection, which never
 * checkpoints. A file that is not SQLite is refused here, before SQLite ever opens it for writing, and
 * so is a write-protected one unless `use` is 'read' (a backup may sit on read-only media).
 */
export function inspectDatabaseFile(file: string, use: 'write' | 'read' = 'write'): FileFacts {
  try {
    const stat = statSync(file, { throwIfNoEntry: false });
    if (!stat || stat.size === 0) return { exists: false, size: 0, version: 0, schemaCookie: 0 };
    if (stat.isDirectory()) throw Object.assign(new Error('it is a folder'), { code: 'EISDIR' });
    const header = readHeader(file);
    if (header.length < HEADER_BYTES || !header.subarray(0, MAGIC.length).equals(MAGIC)) {
      throw new DatabaseFault('not-a-database', file, 'no SQLite header', newestBackup(file));
    }
    if (use === 'write') refuseReadOnly(file);
    if (fileSize(`${file}-wal`) > 0) return { exists: true, size: stat.size, ...readThroughSqlite(file) };
    return { exists: true, size: stat.size, version: header.readUInt32BE(60), schemaCookie: header.readUInt32BE(40) };
  } catch (error) {
    throw toDatabaseFault(error, file, () => newestBackup(file)) ?? error;
  }
}

/**
 * SQLite opens a write-protected file read-only without a word and fails at the first write, minutes
 * later in a running engine. Asked of the file system instead (no lock taken: a write probe would wait
 * behind a running import). The folder must be writable too, for the -wal and -shm files.
 */
function refuseReadOnly(file: string): void {
  for (const path of [file, dirname(file)]) {
    try {
      accessSync(path, constants.W_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'EACCES';
      const what = path === file ? 'the file' : 'its folder';
      throw new DatabaseFault('read-only', file, `${code}: ${what} is not writable`);
    }
  }
}

function readThroughSqlite(file: string): { version: number; schemaCookie: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return {
      version: db.pragma('user_version', { simple: true }) as number,
      schemaCookie: db.pragma('schema_version', { simple: true }) as number,
    };
  } finally {
    db.close();
  }
}

/** Refuses a file written by a newer Frontdesk, naming the file and both versions. */
export function refuseNewer(file: string, version: number, latest: number): void {
  if (version <= latest) return;
  const detail = `schema version ${version}, newer than this Frontdesk (${latest})`;
  throw new DatabaseFault('newer-version', file, detail, newestBackup(file));
}

/** The tables every Frontdesk schedule has since migration 1. */
const OUR_TABLES = ['clinic', 'appointments', 'outbox', 'contacts'];

/** Refuses a SQLite file of another program: tables but no version of ours, or a version without our tables. */
export function refuseForeign(db: ReadableDB, file: string, version: number): void {
  const names = new Set(column<string>(db, sql`SELECT name FROM sqlite_schema WHERE type = 'table'`));
  const foreign = version === 0 ? names.size > 0 : OUR_TABLES.some((t) => !names.has(t));
  if (!foreign) return;
  const detail =
    version === 0 ? `its tables: ${[...names].slice(0, 5).join(', ')}` : `schema version ${version} without Frontdesk's tables`;
  throw new DatabaseFault('not-frontdesk', file, detail);
}

/** PRAGMA quick_check: a damaged file is refused with the newest backup named. */
export function refuseDamaged(db: ReadableDB, file: string): void {
  const rows = db.pragma('quick_check(5)') as { quick_check: string }[];
  const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
  if (problems.length === 0) return;
  const detail = `integrity check: ${firstLine(problems.join('; '), 120)}`;
  throw new DatabaseFault('corrupt', file, detail, newestBackup(file));
}
