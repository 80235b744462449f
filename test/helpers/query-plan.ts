import type { Sql } from '../../electron/core/db/sql';
import type { ReadableDB } from '../../electron/core/db/types';

/** SQLite's plan for a repo's query (EXPLAIN QUERY PLAN), one step a line, so a test can require an index. */
export function queryPlan(db: ReadableDB, query: Sql): string {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${query.text}`).all(...query.params) as { detail: string }[];
  return rows.map((r) => r.detail).join('\n');
}
