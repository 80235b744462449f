import type { PauseKind } from '../../../shared/domain/types';
import type { DB } from '../db/connection';
import { stmt } from '../db/sql';

/** The SQL of the control file (docs/control.md). Callers own the transactions. */

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

export function selectPauseRow(db: DB): PauseRow | undefined {
  return stmt(
    db,
    `SELECT paused, pause_kind, pause_reason, paused_at, paused_by, breaker_reviewed_until FROM pause_state WHERE id = 1`,
  ).get() as PauseRow | undefined;
}

/** The flag alone: the cheapest read, done right before every provider call. */
export function selectPausedFlag(db: DB): boolean {
  const row = stmt(db, `SELECT paused FROM pause_state WHERE id = 1`).get() as { paused: number } | undefined;
  return row?.paused === 1;
}

export function writePauseRow(db: DB, row: PauseRow, now: number): void {
  stmt(
    db,
    `INSERT INTO pause_state (id, paused, pause_kind, pause_reason, paused_at, paused_by, breaker_reviewed_until, updated_at)
     VALUES (1, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET paused = excluded.paused, pause_kind = excluded.pause_kind,
       pause_reason = excluded.pause_reason, paused_at = excluded.paused_at, paused_by = excluded.paused_by,
       breaker_reviewed_until = excluded.breaker_reviewed_until, updated_at = excluded.updated_at`,
  ).run(row.paused, row.pause_kind, row.pause_reason, row.paused_at, row.paused_by, row.breaker_reviewed_until, now);
}

export interface LeaseRow {
  holder: string;
  pid: number;
  hostname: string;
  expires_at: number;
}

export function selectLease(db: DB, name: string): LeaseRow | undefined {
  return stmt(db, `SELECT holder, pid, hostname, expires_at FROM leases WHERE name = ?`).get(name) as LeaseRow | undefined;
}

export function upsertLease(db: DB, name: string, lease: LeaseRow): void {
  stmt(
    db,
    `INSERT INTO leases (name, holder, pid, hostname, expires_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, pid = excluded.pid, hostname = excluded.hostname,
       expires_at = excluded.expires_at`,
  ).run(name, lease.holder, lease.pid, lease.hostname, lease.expires_at);
}

export function deleteLease(db: DB, name: string, holder: string): void {
  stmt(db, `DELETE FROM leases WHERE name = ? AND holder = ?`).run(name, holder);
}

export interface ControlAuditRow {
  id: number;
  at: number;
  kind: string;
  actor: string;
  detail_json: string;
}

export function insertAudit(db: DB, at: number, kind: string, actor: string, detail: Record<string, unknown>): void {
  stmt(db, `INSERT INTO audit (at, kind, actor, detail_json) VALUES (?, ?, ?, ?)`).run(at, kind, actor, JSON.stringify(detail));
}

export function selectAudit(db: DB, limit: number): ControlAuditRow[] {
  return stmt(db, `SELECT id, at, kind, actor, detail_json FROM audit ORDER BY id DESC LIMIT ?`).all(limit) as ControlAuditRow[];
}
