import type { PauseKind } from '../../../../shared/domain/types';
import { all, first, run, scalar, sql } from '../sql';
import type { ReadableDB, WritableDB } from '../types';

/**
 * What the schedule file's `engine` and `leases` tables held before the kill switch and the sender
 * lease moved to the control file (docs/control.md). Read once, when the control file is created, so
 * a paused clinic stays paused after the upgrade; never written any more.
 */
export interface LegacyControlState {
  engine: {
    paused: number;
    pause_kind: PauseKind | null;
    pause_reason: string | null;
    paused_at: number | null;
    paused_by: string | null;
    breaker_reviewed_until: number | null;
  } | null;
  leases: { name: string; holder: string; pid: number; hostname: string; expires_at: number }[];
}

/** Is there a table of this name (the legacy ones may be absent)? */
export function tableExists(db: ReadableDB, name: string): boolean {
  return scalar(db, sql`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ${name}`) !== undefined;
}

/** Reads only: safe while another connection holds the schedule's write lock (WAL). */
export function readLegacyControlState(db: ReadableDB): LegacyControlState {
  const engine = tableExists(db, 'engine')
    ? (first<NonNullable<LegacyControlState['engine']>>(
        db,
        sql`SELECT paused, pause_kind, pause_reason, paused_at, paused_by, breaker_reviewed_until FROM engine WHERE id = 1`,
      ) ?? null)
    : null;
  const leases = tableExists(db, 'leases')
    ? all<LegacyControlState['leases'][number]>(db, sql`SELECT name, holder, pid, hostname, expires_at FROM leases`)
    : [];
  return { engine, leases };
}

/** The `engine` row a new schedule has had since migration 1 (not paused); nothing reads it after the control file is seeded. */
export function insertEngineRow(db: WritableDB, now: number): void {
  run(db, sql`INSERT INTO engine (id, paused, updated_at) VALUES (1, 0, ${now}) ON CONFLICT (id) DO NOTHING`);
}

export function getCursor(db: ReadableDB, name: string): string | null {
  return scalar<string>(db, sql`SELECT value FROM cursors WHERE name = ${name}`) ?? null;
}

export function setCursor(db: WritableDB, name: string, value: string, now: number): void {
  run(
    db,
    sql`INSERT INTO cursors (name, value, updated_at) VALUES (${name}, ${value}, ${now})
     ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  );
}
