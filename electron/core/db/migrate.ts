import { migrations as allMigrations, type Migration } from './migrations';
import type { WritableDB } from './types';

export type MigrateOptions = Readonly<{
  /** The migration list (default: the app's). Tests pass their own to simulate an older database. */
  migrations?: readonly Migration[];
  /**
   * Called once before the first pending migration is applied to a database that already has a schema
   * (version ≥ 1), never for a fresh one: the pre-migration backup hook.
   */
  beforeMigrating?: (from: number, to: number) => void;
}>;

/** Applies every pending migration, each in its own transaction, and refuses a database newer than the code. */
export function migrate(db: WritableDB, target?: number, options: MigrateOptions = {}): number {
  const list = options.migrations ?? allMigrations;
  const latest = latestVersion(list);
  const goal = target ?? latest;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new Error(`this database is at schema version ${current}, newer than this Frontdesk (${latest}); update the app`);
  }
  const pending = list.filter((m) => m.version > current && m.version <= goal).sort((a, b) => a.version - b.version);
  if (pending.length > 0 && current >= 1) options.beforeMigrating?.(current, pending[pending.length - 1]!.version);
  for (const migration of pending) {
    db.transaction(() => {
      migration.up(db);
      // user_version cannot be bound as a parameter; the value is an integer from our own list.
      db.pragma(`user_version = ${Number(migration.version)}`);
    }).immediate();
  }
  return db.pragma('user_version', { simple: true }) as number;
}

export function latestVersion(list: readonly Migration[]): number {
  return list.reduce((max, m) => Math.max(max, m.version), 0);
}
