import type { PauseKind } from '../../../../shared/domain/types';
import type { DB } from '../connection';
import { stmt } from '../sql';

export interface EngineRow {
  paused: number;
  pause_kind: PauseKind | null;
  pause_reason: string | null;
  paused_at: number | null;
  paused_by: string | null;
  breaker_reviewed_until: number | null;
}

export function getEngineRow(db: DB): EngineRow {
  const row = stmt(
    db,
    `SELECT paused, pause_kind, pause_reason, paused_at, paused_by, breaker_reviewed_until FROM engine WHERE id = 1`,
  ).get() as EngineRow | undefined;
  return row ?? { paused: 0, pause_kind: null, pause_reason: null, paused_at: null, paused_by: null, breaker_reviewed_until: null };
}

/** The kill-switch flag, read right before every provider call (DESIGN §5.1). */
export function isPaused(db: DB): boolean {
  const row = stmt(db, `SELECT paused FROM engine WHERE id = 1`).get() as { paused: number } | undefined;
  return row?.paused === 1;
}

export function setPaused(db: DB, kind: PauseKind, reason: string, actor: string, now: number): void {
  stmt(
    db,
    `UPDATE engine SET paused = 1, pause_kind = ?, pause_reason = ?, paused_at = ?, paused_by = ?, updated_at = ? WHERE id = 1`,
  ).run(kind, reason, now, actor, now);
}

export function clearPaused(db: DB, breakerReviewedUntil: number | null, now: number): void {
  stmt(
    db,
    `UPDATE engine SET paused = 0, pause_kind = NULL, pause_reason = NULL, paused_at = NULL, paused_by = NULL,
       breaker_reviewed_until = ?, updated_at = ? WHERE id = 1`,
  ).run(breakerReviewedUntil, now);
}

export interface LeaseRow {
  holder: string;
  pid: number;
  hostname: string;
  expires_at: number;
}

export function getLease(db: DB, name: string): LeaseRow | undefined {
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
