import Database from 'better-sqlite3';
import { migrate } from './migrate';

export type DB = Database.Database;

/**
 * Opens (creating if needed) the schedule file with the pragmas of OUTBOX.md rule 10, then migrates it.
 * `nativeBinding` points better-sqlite3 at an addon built for another runtime (Electron in development,
 * while node_modules keeps the Node build the tests use).
 */
export function openDatabase(file: string, options: Readonly<{ nativeBinding?: string | undefined }> = {}): DB {
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  // NORMAL by default; commits whose loss could cause a second contact switch to FULL (see withDurableCommit).
  db.pragma('synchronous = NORMAL');
  // A 32 MiB page cache (default 2 MiB) keeps a clinic's whole outbox index hot: a 90,000-appointment
  // schedule's outbox is ~50 MiB in all, its hot indexes a fraction of that.
  db.pragma('cache_size = -32768');
  // Checkpoint the WAL every ~16 MiB instead of ~4 MiB: fewer fsyncs on busy dispatch and planning runs.
  db.pragma('wal_autocheckpoint = 4000');
  migrate(db);
  return db;
}

/** An in-memory database with all migrations, for unit tests. */
export function openMemoryDatabase(): DB {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

/**
 * Runs `fn` in a BEGIN IMMEDIATE transaction whose commit is fsynced (synchronous=FULL), so it survives
 * power loss, not only a crash. OUTBOX.md rule 3: the `sending` mark must never be lost.
 */
export function withDurableCommit<T>(db: DB, fn: () => T): T {
  db.pragma('synchronous = FULL');
  try {
    return db.transaction(fn).immediate();
  } finally {
    db.pragma('synchronous = NORMAL');
  }
}
