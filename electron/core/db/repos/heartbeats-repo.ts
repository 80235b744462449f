import { MINUTE_MS } from '../../platform/clock';
import { all, run, scalar, sql } from '../sql';
import type { ReadableDB, WritableDB } from '../types';

/** How long heartbeats are kept: enough weeks to learn the desk's hours from (docs/coverage.md#heartbeats). */
export const HEARTBEAT_KEEP_MS = 35 * 24 * 60 * MINUTE_MS;

/** Records that a dispatch cycle ran at `at` (one row per minute), and drops rows older than the kept history. */
export function recordHeartbeat(db: WritableDB, at: number): void {
  const minute = Math.floor(at / MINUTE_MS);
  run(db, sql`INSERT INTO heartbeats (minute, at) VALUES (${minute}, ${at}) ON CONFLICT (minute) DO UPDATE SET at = excluded.at`);
  // Once an hour is enough to keep the table bounded; by primary key range, so it costs nothing.
  if (minute % 60 === 0) run(db, sql`DELETE FROM heartbeats WHERE minute < ${minute - HEARTBEAT_KEEP_MS / MINUTE_MS}`);
}

/** The last dispatch cycle at or before `now` (ms), if any. */
export function lastHeartbeatAt(db: ReadableDB, now: number): number | undefined {
  return scalar<number>(db, sql`SELECT at FROM heartbeats WHERE minute <= ${Math.floor(now / MINUTE_MS)} ORDER BY minute DESC LIMIT 1`);
}

/** The first heartbeat at or after `since`, if any: how far back the history goes. */
export function firstHeartbeatSince(db: ReadableDB, since: number): number | undefined {
  return scalar<number>(db, sql`SELECT at FROM heartbeats WHERE minute >= ${Math.floor(since / MINUTE_MS)} ORDER BY minute LIMIT 1`);
}

/** The distinct `slotMinutes` slots (slot index = minute / slotMinutes) with a heartbeat in [from, to). */
export function heartbeatSlots(db: ReadableDB, from: number, to: number, slotMinutes: number): number[] {
  const rows = all<{ slot: number }>(
    db,
    sql`SELECT DISTINCT minute / ${slotMinutes} AS slot FROM heartbeats
     WHERE minute >= ${Math.floor(from / MINUTE_MS)} AND minute < ${Math.floor(to / MINUTE_MS)} ORDER BY slot`,
  );
  return rows.map((r) => r.slot);
}
