import { basename, dirname } from 'node:path';
import { assertNever, UserError } from '../platform/errors';

/**
 * What went wrong with the schedule file, in the terms a receptionist can act on. Every SQLite or file
 * system error about the database is mapped to one of these in one place (classifyDatabaseError), so
 * the CLI, the web host and the app all say the same thing about the same fault.
 */
export type DatabaseFaultKind =
  | 'corrupt'
  | 'not-a-database'
  | 'not-frontdesk'
  | 'newer-version'
  | 'read-only'
  | 'cannot-open'
  | 'disk-full'
  | 'busy'
  | 'io';

/** A database fault with a one-line message that names the file and says what to do. */
export class DatabaseFault extends UserError {
  constructor(
    readonly kind: DatabaseFaultKind,
    readonly file: string,
    /** What SQLite or the check said, e.g. "SQLITE_CORRUPT: database disk image is malformed". */
    readonly detail: string,
    newestBackup?: string,
  ) {
    super(kind === 'busy' ? 'CONFLICT' : 'INTERNAL', faultMessage(kind, file, detail, newestBackup));
    this.name = 'DatabaseFault';
  }
}

/** Maps a SQLite result code (extended codes included) or a Node errno code to a fault kind. */
export function faultKindOfCode(code: string): DatabaseFaultKind | undefined {
  if (code === 'SQLITE_NOTADB') return 'not-a-database';
  if (code.startsWith('SQLITE_CORRUPT')) return 'corrupt';
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code === 'EROFS') return 'read-only';
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return 'cannot-open';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot-open';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_IOERR_NOSPC') return 'disk-full';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'busy';
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return 'io';
  return undefined;
}

/** An error raised by SQLite itself (better-sqlite3's SqliteError carries the SQLITE_* code). */
export function isSqliteError(error: unknown): boolean {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}

/** The fault kind of any thrown value, or undefined when it is not a database or file fault. */
export function classifyDatabaseError(error: unknown): DatabaseFaultKind | undefined {
  if (error instanceof DatabaseFault) return error.kind;
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return faultKindOfCode(code);
  // better-sqlite3 checks the folder itself and throws a plain TypeError without a code.
  if (/directory does not exist/i.test(error.message)) return 'cannot-open';
  return undefined;
}

/** Where to point the user for a restore: the newest automatic backup, when there is one. */
function restoreHint(newestBackup: string | undefined, file: string): string {
  if (newestBackup) return `restore the newest backup with: frontdesk restore "${newestBackup}"`;
  return `no automatic backup was found in ${dirname(file)}/backups; restore a copy you keep elsewhere with: frontdesk restore FILE`;
}

/** The one-line message for a fault: what happened to which file, and what to do about it. */
export function faultMessage(kind: DatabaseFaultKind, file: string, detail: string, newestBackup?: string): string {
  const why = detail ? ` (${detail})` : '';
  switch (kind) {
    case 'corrupt':
      return `the schedule file ${file} is damaged${why}; it was not changed. Stop Frontdesk and ${restoreHint(newestBackup, file)}`;
    case 'not-a-database':
      return `${file} is not a Frontdesk schedule: it is not a SQLite database, or its first page is damaged${why}; it was not changed. Check --db, or ${restoreHint(newestBackup, file)}`;
    case 'not-frontdesk':
      return `${file} is a SQLite database of another program, not a Frontdesk schedule${why}; it was not changed. Check --db`;
    case 'newer-version':
      return `${file} was written by a newer Frontdesk${why}; it was not changed. Update Frontdesk to open it, or ${restoreHint(newestBackup, file)}`;
    case 'read-only':
      return `Frontdesk cannot write to ${file}${why}: the file, its folder or the disk is read-only. Give your user write access to the file and to its folder ${dirname(file)} (SQLite writes ${basename(file)}-wal and -shm beside it), or copy it somewhere writable`;
    case 'cannot-open':
      return `Frontdesk cannot open ${file}${why}. Check that the folder ${dirname(file)} exists and your user may write to it (create it or fix its permissions), and that the path names a file, or choose another file with --db`;
    case 'disk-full':
      return `the disk holding ${file} is full${why}; this change was not saved. Free some disk space and try again`;
    case 'busy':
      return `${file} stayed locked by another program for too long${why}; another Frontdesk may be importing or backing it up. Try again in a moment`;
    case 'io':
      return `the disk reported an error on ${file}${why}. Check the disk or network folder and try again; if it keeps failing, ${restoreHint(newestBackup, file)}`;
    default:
      return assertNever(kind);
  }
}

/** Turns any database or file error about `file` into a DatabaseFault; other errors give undefined. */
export function toDatabaseFault(error: unknown, file: string, newestBackup?: () => string | undefined): DatabaseFault | undefined {
  if (error instanceof DatabaseFault) return error;
  const kind = classifyDatabaseError(error);
  if (!kind) return undefined;
  const err = error as Error & { code?: unknown };
  const message = firstLine(err.message);
  const detail = typeof err.code === 'string' && !message.startsWith(err.code) ? `${err.code}: ${message}` : message;
  const needsBackup = kind === 'corrupt' || kind === 'not-a-database' || kind === 'io';
  return new DatabaseFault(kind, file, detail, needsBackup ? newestBackup?.() : undefined);
}

/** A message cut to one short line (SQLite and quick_check texts can be long or multi-line). */
export function firstLine(text: string, max = 160): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > max ? `${line.slice(0, max)}…` : line;
}
