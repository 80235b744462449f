import type { DB } from '../db/connection';
import { stmt } from '../db/sql';
import { stepWindows } from '../rules/windows';
import type { PlanPolicy } from './appointment-plan';

/**
 * The planner's fast path for appointments never planned before (planned_start IS NULL, so no outbox
 * rows exist for them yet): one INSERT … SELECT over appointments × rules inside SQLite instead of a
 * round trip per row. It computes what desiredContacts() does — the same key, windows, recipient and
 * "no address" suppression (a test compares the two) — and ON CONFLICT DO NOTHING stays the guarantee.
 */
const INSERT_NEVER_PLANNED = `
  INSERT INTO outbox (idempotency_key, appointment_id, rule_id, channel, recipient, not_before, expires_at, state, reason,
    created_at, updated_at)
  WITH r AS MATERIALIZED (
    SELECT value ->> '$.id' AS id, value ->> '$.channel' AS channel, value ->> '$.open' AS open_ms,
      value ->> '$.close' AS close_ms, value ->> '$.onlyIfUnconfirmed' AS only_if_unconfirmed
    FROM json_each(@rules)
  )
  SELECT printf('%010d', a.id) || ':' || r.id || ':' || a.starts_at, a.id, r.id, r.channel,
    COALESCE(CASE r.channel WHEN 'email' THEN p.email ELSE p.phone END, ''),
    MAX(a.starts_at - r.open_ms, a.updated_at + @settle), a.starts_at - r.close_ms,
    CASE WHEN (CASE r.channel WHEN 'email' THEN p.email ELSE p.phone END) IS NULL THEN 'suppressed' ELSE 'pending' END,
    CASE WHEN (CASE r.channel WHEN 'email' THEN p.email ELSE p.phone END) IS NOT NULL THEN NULL
         WHEN r.channel = 'email' THEN 'no email address' ELSE 'no phone number' END,
    @now, @now
  FROM appointments a
  JOIN patients p ON p.id = a.patient_id
  JOIN r
  WHERE a.id BETWEEN @fromId AND @toId AND a.needs_plan = 1 AND a.planned_start IS NULL
    AND a.status IN ('booked', 'confirmed')
    AND a.starts_at - r.close_ms > @now
    AND NOT (a.status = 'confirmed' AND r.only_if_unconfirmed)
  ORDER BY a.id, r.id
  ON CONFLICT DO NOTHING`;

/** The policy's windows as offsets from the start (ms), for SQL. */
function rulesJson(policy: PlanPolicy): string {
  return JSON.stringify(
    stepWindows(0, policy.rules, policy.cutoffMinutes).map((w) => ({
      id: w.rule.id,
      channel: w.rule.channel,
      open: -w.opensAt,
      close: -w.closesAt,
      onlyIfUnconfirmed: w.rule.onlyIfUnconfirmed ? 1 : 0,
    })),
  );
}

/** Inserts the reminders of every never-planned, flagged appointment with id in [fromId, toId]; returns rows inserted. */
export function planNeverPlannedRange(db: DB, policy: PlanPolicy, now: number, fromId: number, toId: number): number {
  return stmt(db, INSERT_NEVER_PLANNED).run({ now, rules: rulesJson(policy), fromId, toId, settle: policy.settleMs ?? 0 }).changes;
}

/** Ends a planning batch: flags cleared and the planned start remembered, in one statement. */
export function markRangePlanned(db: DB, fromId: number, toId: number): void {
  stmt(db, `UPDATE appointments SET needs_plan = 0, planned_start = starts_at WHERE id BETWEEN ? AND ? AND needs_plan = 1`).run(
    fromId,
    toId,
  );
}
