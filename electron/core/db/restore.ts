import { chmodSync, copyFileSync, existsSync, mkdirSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { badRequest, UserError } from '../platform/errors';
import { backupToFolder, fsyncPath } from './backup';
import { classifyDatabaseError, DatabaseFault, type DatabaseFaultKind, toDatabaseFault } from './errors';
import { inspectDatabaseFile, refuseDamaged, refuseForeign, refuseNewer } from './file-check';
import { latestVersion } from './migrate';
import { type Migration, migrations } from './migrations';
import { CONTROL_FILE_SUFFIX } from '../control/control-store';
import { selectLease, type LeaseRow } from './repos/control-repo';
import { tableExists } from './repos/engine-repo';
import { asReadableDB, asWritableDB, type ReadableDB } from './types';

export type RestoreOptions = Readonly<{
  /** The clock's now, for naming the safety copy and judging another machine's lease. */
  now: number;
  /** Is this pid a live process on this machine? (the sender lease's own test). */
  isAlive: (pid: number) => boolean;
  /** The migration list (default: the app's): a backup newer than its last version is refused. */
  migrations?: readonly Migration[];
}>;

export interface RestoreResult {
  /** The backup restored from. */
  readonly file: string;
  /** The schedule file that now holds it. */
  readonly database: string;
  /** Schema version of the restored copy (an older one is migrated on the next open). */
  readonly version: number;
  /** A copy of the schedule as it was just before, in the backups folder; undefined if it was missing or damaged. */
  readonly safetyCopy: string | undefined;
}

/** Files SQLite keeps beside a database; they belong to the old content and must never outlive it. */
const SIDE_FILES = ['-wal', '-shm', '-journal'];

function samePath(a: string, b: string): boolean {
  const real = (p: string) => (existsSync(p) ? realpathSync(p) : resolve(p));
  return real(a) === real(b);
}

function removeWithSideFiles(file: string): void {
  for (const suffix of ['', ...SIDE_FILES]) rmSync(`${file}${suffix}`, { force: true });
}

const REFUSAL: Record<DatabaseFaultKind, string> = {
  corrupt: 'it is damaged',
  'not-a-database': 'it is not a SQLite database',
  'not-frontdesk': 'it is not a Frontdesk schedule',
  'newer-version': 'it was written by a newer Frontdesk',
  'read-only': 'it cannot be read',
  'cannot-open': 'it cannot be opened',
  'disk-full': 'the disk is full',
  busy: 'it is locked by another program',
  io: 'the disk reported an error',
};

/**
 * Copies `source` to a temp file beside `dbFile` and checks the copy (a SQLite schedule of ours,
 * quick_check ok, schema not newer than this Frontdesk). The source itself is only read, never opened
 * by SQLite. Returns the temp path: a single self-contained file (rollback journal, no -wal).
 */
function stageCopy(dbFile: string, source: string, latest: number): { staged: string; version: number } {
  const staged = `${dbFile}.restoring-${process.pid}`;
  removeWithSideFiles(staged);
  try {
    mkdirSync(dirname(dbFile), { recursive: true });
    const facts = inspectDatabaseFile(source, 'read');
    if (!facts.exists) throw new DatabaseFault('not-frontdesk', source, 'the file is empty');
    refuseNewer(source, facts.version, latest);
    copyFileSync(source, staged);
    // The copy takes the source's mode: a backup kept read-only must not make the schedule read-only.
    chmodSync(staged, existsSync(dbFile) ? statSync(dbFile).mode & 0o777 : 0o644);
    if (existsSync(`${source}-wal`) && statSync(`${source}-wal`).size > 0) copyFileSync(`${source}-wal`, `${staged}-wal`);
    const db = asWritableDB(new Database(staged, { fileMustExist: true }));
    let version: number;
    try {
      version = db.pragma('user_version', { simple: true }) as number;
      refuseNewer(source, version, latest);
      if (version === 0) throw new DatabaseFault('not-frontdesk', source, 'no Frontdesk schema in it');
      refuseForeign(db, source, version);
      refuseDamaged(db, source);
      db.pragma('journal_mode = DELETE');
    } finally {
      db.close();
    }
    fsyncPath(staged);
    return { staged, version };
  } catch (error) {
    removeWithSideFiles(staged);
    const fault = toDatabaseFault(error, source);
    if (!fault) throw error;
    throw badRequest(`cannot restore from ${source}: ${REFUSAL[fault.kind]} (${fault.detail}); ${dbFile} was not changed`);
  }
}

/**
 * The engine holding the sender lease on `dbFile`, if it is running: a live process on this machine,
 * or an unexpired lease from another machine. The one place restore reads the lease.
 */
export function engineRunningOn(dbFile: string, now: number, isAlive: (pid: number) => boolean): LeaseRow | undefined {
  // The lease lives in the control file beside the schedule (docs/control.md); a schedule from before
  // the control file still has it in its own `leases` table.
  const controlFile = `${dbFile}${CONTROL_FILE_SUFFIX}`;
  const lease = existsSync(controlFile) ? readSenderLease(controlFile, controlFile) : readSenderLease(dbFile, dbFile);
  if (!lease || lease.pid === process.pid) return undefined;
  return (lease.hostname === hostname() ? isAlive(lease.pid) : lease.expires_at > now) ? lease : undefined;
}

/** The `sender` row of a `leases` table in `file`, if the file and the table exist. */
function readSenderLease(file: string, nameForErrors: string): LeaseRow | undefined {
  if (!existsSync(file) || statSync(file).size === 0) return undefined;
  let db: ReadableDB | undefined;
  try {
    db = asReadableDB(new Database(file, { fileMustExist: true }));
    db.pragma('busy_timeout = 5000');
    return tableExists(db, 'leases') ? selectLease(db, 'sender') : undefined;
  } catch (error) {
    // A damaged schedule cannot say who holds it, and replacing it is the point of the restore.
    const kind = classifyDatabaseError(error);
    if (kind === 'corrupt' || kind === 'not-a-database' || kind === 'not-frontdesk') return undefined;
    throw toDatabaseFault(error, nameForErrors) ?? error;
  } finally {
    db?.close();
  }
}

/** A copy of the schedule as it is now, unless it is missing or damaged (then there is nothing worth keeping). */
async function safetyCopy(dbFile: string, now: number, source: string): Promise<string | undefined> {
  if (!existsSync(dbFile) || statSync(dbFile).size === 0) return undefined;
  let db: ReadableDB | undefined;
  try {
    db = asReadableDB(new Database(dbFile, { fileMustExist: true }));
    refuseDamaged(db, dbFile);
    return await backupToFolder(db, dbFile, now, 'pre-restore', source);
  } catch (error) {
    const kind = classifyDatabaseError(error);
    if (kind === 'corrupt' || kind === 'not-a-database') return undefined;
    throw toDatabaseFault(error, dbFile) ?? error;
  } finally {
    db?.close();
  }
}

/**
 * Replaces the schedule `dbFile` with the backup `source`, atomically: the checked copy is staged beside
 * it, the old -wal/-shm are removed (a stale WAL must never be replayed onto the new file), then one
 * rename puts it in place. A crash leaves either the old schedule or the restored one, never a mix.
 * Refused while an engine runs on the file. The caller should pause sending afterwards: contacts made
 * after the backup was taken are not in its ledger.
 */
export async function restoreDatabase(dbFile: string, source: string, options: RestoreOptions): Promise<RestoreResult> {
  if (samePath(dbFile, source)) throw badRequest(`cannot restore ${source} onto itself; name a backup file`);
  if (!existsSync(source)) throw badRequest(`cannot restore from ${source}: no such file; ${dbFile} was not changed`);
  const { staged, version } = stageCopy(dbFile, source, latestVersion(options.migrations ?? migrations));
  try {
    const holder = engineRunningOn(dbFile, options.now, options.isAlive);
    if (holder) {
      throw new UserError(
        'CONFLICT',
        `an engine is running on ${dbFile} (process ${holder.pid} on ${holder.hostname}); stop it (Ctrl+C where it runs, or quit the Frontdesk app) and run restore again; nothing was changed`,
      );
    }
    const copy = await safetyCopy(dbFile, options.now, source);
    for (const suffix of SIDE_FILES) rmSync(`${dbFile}${suffix}`, { force: true });
    renameSync(staged, dbFile);
    fsyncPath(dirname(dbFile));
    return { file: source, database: dbFile, version, safetyCopy: copy };
  } finally {
    removeWithSideFiles(staged);
  }
}
