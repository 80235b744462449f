import type { Sql } from '../../electron/core/db/sql';
import type { ReadableDB } from '../../electron/core/db/types';

/** SQLite's plan for a repo's query (EXPLAIN QUERY PLAN), one step a line, so a test can require an index. */
export function queryPlan(db: ReadableDB, query: Sql): string {
  return planOf(db, query.text, query.params);
}

/** The plan of a statement text; unbound placeholders are NULL (the plan does not depend on the values here). */
export function planOf(db: ReadableDB, text: string, params: readonly unknown[] = []): string {
  const statement = db.prepare(`EXPLAIN QUERY PLAN ${text}`);
  const values = params.length > 0 ? params : Array.from({ length: (text.match(/\?/g) ?? []).length }, () => null);
  return (statement.all(...values) as { detail: string }[]).map((r) => r.detail).join('\n');
}

/** The SQL texts a repo function prepares while `run` runs (on a fresh connection: the cache starts empty). */
export function preparedBy(db: ReadableDB, run: () => void): string[] {
  const seen: string[] = [];
  const original = db.prepare.bind(db);
  (db as unknown as { prepare: (text: string) => unknown }).prepare = (text: string) => {
    seen.push(text);
    return original(text);
  };
  try {
    run();
  } finally {
    (db as unknown as { prepare: unknown }).prepare = original;
  }
  return seen;
}
