import type Database from 'better-sqlite3';
import type { DB } from './connection';

const cache = new WeakMap<DB, Map<string, Database.Statement>>();

/**
 * Returns a prepared statement for `text`, prepared once per connection. All SQL in core goes through
 * here with bound parameters; nothing is ever interpolated into the text.
 */
export function stmt(db: DB, text: string): Database.Statement {
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  let prepared = perDb.get(text);
  if (!prepared) {
    prepared = db.prepare(text);
    perDb.set(text, prepared);
  }
  return prepared;
}
