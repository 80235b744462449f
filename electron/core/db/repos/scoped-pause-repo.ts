import { all, run, sql } from '../sql';
import type { ReadableDB, WritableDB } from '../types';

/** The control file's scoped pauses (docs/control.md#scoped-pauses); the store owns the transactions. */

export interface ScopedPauseRow {
  scope: 'provider' | 'channel';
  target_key: string;
  target: string;
  reason: string;
  paused_at: number;
  paused_by: string;
}

export function selectScopedPauses(db: ReadableDB): ScopedPauseRow[] {
  return all<ScopedPauseRow>(
    db,
    sql`SELECT scope, target_key, target, reason, paused_at, paused_by FROM scoped_pauses ORDER BY paused_at, scope, target_key`,
  );
}

export function upsertScopedPause(db: WritableDB, row: ScopedPauseRow): void {
  run(
    db,
    sql`INSERT INTO scoped_pauses (scope, target_key, target, reason, paused_at, paused_by)
     VALUES (${row.scope}, ${row.target_key}, ${row.target}, ${row.reason}, ${row.paused_at}, ${row.paused_by})
     ON CONFLICT (scope, target_key) DO UPDATE SET target = excluded.target, reason = excluded.reason,
       paused_at = excluded.paused_at, paused_by = excluded.paused_by`,
  );
}

/** Returns whether a pause was there to remove. */
export function deleteScopedPause(db: WritableDB, scope: ScopedPauseRow['scope'], targetKey: string): boolean {
  return run(db, sql`DELETE FROM scoped_pauses WHERE scope = ${scope} AND target_key = ${targetKey}`).changes === 1;
}
