import type { PauseKind } from '../../../../shared/domain/types';
import type { DB } from '../connection';
import { stmt } from '../sql';

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

function hasTable(db: DB, name: string): boolean {
  return stmt(db, `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;
}

/** Reads only: safe while another connection holds the schedule's write lock (WAL). */
export function readLegacyControlState(db: DB): LegacyControlState {
  const engine = hasTable(db, 'engine')
    ? ((stmt(db, `SELECT paused, pause_kind, pause_reason, paused_at, paused_by, breaker_reviewed_until FROM engine WHERE id = 1`).get() as
        | LegacyControlState['engine']
        | undefined) ?? null)
    : null;
  const leases = hasTable(db, 'leases')
    ? (stmt(db, `SELECT name, holder, pid, hostname, expires_at FROM leases`).all() as LegacyControlState['leases'])
    : [];
  return { engine, leases };
}

export function getCursor(db: DB, name: string): string | null {
  const row = stmt(db, `SELECT value FROM cursors WHERE name = ?`).get(name) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setCursor(db: DB, name: string, value: string, now: number): void {
  stmt(
    db,
    `INSERT INTO cursors (name, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(name, value, now);
}
