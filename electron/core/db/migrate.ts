import type { DB } from './connection';
import { migrations, type Migration } from './migrations';

/** Applies every pending migration, each in its own transaction, and refuses a database newer than the code. */
export function migrate(db: DB, target: number = latestVersion(migrations)): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latestVersion(migrations)) {
    throw new Error(
      `this database is at schema version ${current}, newer than this Frontdesk (${latestVersion(migrations)}); update the app`,
    );
  }
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue;
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
