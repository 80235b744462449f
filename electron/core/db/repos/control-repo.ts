import type { PauseKind } from '../../../../shared/domain/types';
import { all, first, run, scalar, sql } from '../sql';
import type { ReadableDB, WritableDB } from '../types';

/**
 * The SQL of the control file (docs/control.md), a database of its own beside the schedule; the store in
 * control/control-store.ts owns the transactions.
 */

export interface PauseRow {
  paused: number;
  pause_kind: PauseKind | null;
  pause_reason: string | null;
  paused_at: number | null;
  paused_by: string | null;
  breaker_reviewed_until: number | null;
}

export const NOT_PAUSED: PauseRow = {
  paused: 0,
  pause_kind: null,
  pause_reason: null,
  paused_at: null,
  paused_by: null,
  breaker_reviewed_until: null,
};

export function selectPauseRow(db: ReadableDB): PauseRow | undefined {
  return first<PauseRow>(
    db,
    sql`SELECT paused, pause_kind, pause_reason, paused_at, paused_by, breaker_reviewed_until FROM pause_state WHERE id = 1`,
  );
}

/** The flag alone: the cheapest read, done right before every provider call. */
export function selectPausedFlag(db: ReadableDB): boolean {
  return scalar<number>(db, sql`SELECT paused FROM pause_state WHERE id = 1`) === 1;
}

export function writePauseRow(db: WritableDB, row: PauseRow, now: number): void {
  run(
    db,
    sql`INSERT INTO pause_state (id, paused, pause_kind, pause_reason, paused_at, paused_by, breaker_reviewed_until, updated_at)
     VALUES (1, ${row.paused}, ${row.pause_kind}, ${row.pause_reason}, ${row.paused_at}, ${row.paused_by}, ${row.breaker_reviewed_until},
       ${now})
     ON CONFLICT (id) DO UPDATE SET paused = excluded.paused, pause_kind = excluded.pause_kind,
       pause_reason = excluded.pause_reason, paused_at = excluded.paused_at, paused_by = excluded.paused_by,
       breaker_reviewed_until = excluded.breaker_reviewed_until, updated_at = excluded.updated_at`,
  );
}

export interface LeaseRow {
  holder: string;
  pid: number;
  hostname: string;
  expires_at: number;
}

export function selectLease(db: ReadableDB, name: string): LeaseRow | undefined {
  return first<LeaseRow>(db, sql`SELECT holder, pid, hostname, expires_at FROM leases WHERE name = ${name}`);
}

export function upsertLease(db: WritableDB, name: string, lease: LeaseRow): void {
  run(
    db,
    sql`INSERT INTO leases (name, holder, pid, hostname, expires_at)
     VALUES (${name}, ${lease.holder}, ${lease.pid}, ${lease.hostname}, ${lease.expires_at})
     ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, pid = excluded.pid, hostname = excluded.hostname,
       expires_at = excluded.expires_at`,
  );
}

export function deleteLease(db: WritableDB, name: string, holder: string): void {
  run(db, sql`DELETE FROM leases WHERE name = ${name} AND holder = ${holder}`);
}

export interface ControlAuditRow {
  id: number;
  at: number;
  kind: string;
  actor: string;
  detail_json: string;
}

export function insertAudit(db: WritableDB, at: number, kind: string, actor: string, detail: Record<string, unknown>): void {
  run(db, sql`INSERT INTO audit (at, kind, actor, detail_json) VALUES (${at}, ${kind}, ${actor}, ${JSON.stringify(detail)})`);
}

export function selectAudit(db: ReadableDB, limit: number): ControlAuditRow[] {
  return all<ControlAuditRow>(db, sql`SELECT id, at, kind, actor, detail_json FROM audit ORDER BY id DESC LIMIT ${limit}`);
}
