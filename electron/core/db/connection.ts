import Database from 'better-sqlite3';
import { systemClock } from '../platform/clock';
import { backupBeforeMigration } from './backup';
import { newestBackup } from './backup-files';
import { toDatabaseFault } from './errors';
import { inspectDatabaseFile, refuseDamaged, refuseForeign, refuseNewer } from './file-check';
import { latestVersion, migrate } from './migrate';
import { type Migration, migrations } from './migrations';
import { asWritableDB, type WritableDB } from './types';

// The connection types live in the leaf types.ts (so migrations need not import this file); re-exported here
// because most code opens a database and names its type in the same import.
export { asReadableDB, asWritableDB, type ReadableDB, type WritableDB } from './types';

/** How much of the file to check when it opens (docs/database.md has the measured cost). */
export type IntegrityCheck = 'full' | 'auto';

/**
 * 'auto' runs PRAGMA quick_check only on files up to this size (≈ 3 ms per MB on a quiet machine): one-shot
 * CLI commands on a big schedule skip it; long-running engines, backup and restore always check.
 */
export const AUTO_CHECK_MAX_BYTES = 8 * 1024 * 1024;

export type OpenOptions = Readonly<{
  nativeBinding?: string | undefined;
  /** Default 'full'. */
  integrityCheck?: IntegrityCheck;
  /** The migration list (default: the app's); tests pass their own. */
  migrations?: readonly Migration[];
  /** The clock for naming the pre-migration backup. */
  now?: () => number;
}>;

/**
 * Opens (creating if needed) the schedule file, checks it, sets the connection pragmas below and
 * migrates it. Nothing is written before the checks pass: a file that is not ours, damaged or from a
 * newer Frontdesk is refused untouched, with a DatabaseFault that names the file and what to do.
 * An existing database is backed up before a migration changes it.
 * `nativeBinding` points better-sqlite3 at an addon built for another runtime (Electron in development,
 * while node_modules keeps the Node build the tests use).
 */
export function openDatabase(file: string, options: OpenOptions = {}): WritableDB {
  const list = options.migrations ?? migrations;
  const facts = inspectDatabaseFile(file);
  refuseNewer(file, facts.version, latestVersion(list));
  let db: WritableDB | undefined;
  try {
    db = asWritableDB(new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}));
    db.pragma('busy_timeout = 5000');
    // Checks first, while nothing has been written: opening alone changes no byte of the file.
    const version = db.pragma('user_version', { simple: true }) as number;
    refuseNewer(file, version, latestVersion(list));
    refuseForeign(db, file, version);
    if ((options.integrityCheck ?? 'full') === 'full' || facts.size <= AUTO_CHECK_MAX_BYTES) refuseDamaged(db, file);
    applyPragmas(db);
    const opened = db;
    const now = options.now ?? systemClock.now;
    migrate(opened, undefined, { migrations: list, beforeMigrating: (from) => backupBeforeMigration(opened, file, now(), from) });
    return opened;
  } catch (error) {
    db?.close();
    throw toDatabaseFault(error, file, () => newestBackup(file)) ?? error;
  }
}

function applyPragmas(db: WritableDB): void {
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // NORMAL by default; commits whose loss could cause a second contact switch to FULL (see withDurableCommit).
  db.pragma('synchronous = NORMAL');
  // A 32 MiB page cache (default 2 MiB) keeps a clinic's whole outbox index hot: a 90,000-appointment
  // schedule's outbox is ~50 MiB in all, its hot indexes a fraction of that.
  db.pragma('cache_size = -32768');
  // Checkpoint the WAL every ~16 MiB instead of ~4 MiB: fewer fsyncs on busy dispatch and planning runs.
  db.pragma('wal_autocheckpoint = 4000');
}

/** An in-memory database with all migrations, for unit tests. */
export function openMemoryDatabase(): WritableDB {
  const db = asWritableDB(new Database(':memory:'));
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

/**
 * Runs `fn` in a BEGIN IMMEDIATE transaction whose commit is fsynced (synchronous=FULL), so it survives
 * power loss, not only a crash. The `sending` mark must never be lost (docs/outbox-states.md#claim).
 */
export function withDurableCommit<T>(db: WritableDB, fn: () => T): T {
  db.pragma('synchronous = FULL');
  try {
    return db.transaction(fn).immediate();
  } finally {
    db.pragma('synchronous = NORMAL');
  }
}
