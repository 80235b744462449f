import type { AppointmentStatus } from '../../../../shared/domain/types';
import { all, first, run, scalar, sql } from '../sql';
import type { ReadableDB, WritableDB } from '../types';

/** An appointment with the patient facts the planner and the final checks need. */
export interface PlanningAppointment {
  id: number;
  external_id: string;
  starts_at: number;
  status: AppointmentStatus;
  provider: string;
  patient_id: number;
  patient_name: string;
  phone: string | null;
  email: string | null;
  patient_timezone: string | null;
  /** The patient's language (docs/languages.md); null: the clinic's default. */
  patient_language: string | null;
  sms_consent: number;
  voice_consent: number;
  email_consent: number;
  do_not_contact: number;
  /** The start last planned for; null when never planned. */
  planned_start: number | null;
  /** The last change of the appointment (the settle time counts from it). */
  updated_at: number;
}

const SELECT_PLANNING = sql`SELECT a.id, a.external_id, a.starts_at, a.status, a.provider, a.patient_id, a.planned_start, a.updated_at,
  p.name AS patient_name, p.phone, p.email, p.timezone AS patient_timezone, p.language AS patient_language, p.sms_consent, p.voice_consent, p.email_consent,
  p.do_not_contact
  FROM appointments a JOIN patients p ON p.id = a.patient_id`;

/** The planner's work list (cost ∝ what changed): ids of appointments flagged since they were last planned. */
export function listIdsNeedingPlan(db: ReadableDB, limit: number): { id: number; planned_start: number | null }[] {
  return all<{ id: number; planned_start: number | null }>(
    db,
    sql`SELECT id, planned_start FROM appointments WHERE needs_plan = 1 ORDER BY id LIMIT ${limit}`,
  );
}

export function getPlanningAppointment(db: ReadableDB, id: number): PlanningAppointment | undefined {
  return first<PlanningAppointment>(db, sql`${SELECT_PLANNING} WHERE a.id = ${id}`);
}

/** Rules or limits changed: every appointment still ahead must be planned again. */
export function markFutureAppointmentsNeedPlan(db: WritableDB, now: number): number {
  return run(db, sql`UPDATE appointments SET needs_plan = 1 WHERE starts_at > ${now} AND needs_plan = 0`).changes;
}

/** Outbox rows already in place for the appointments still ahead (the planner's `existing`). */
export function countPlannedForUpcoming(db: ReadableDB, now: number): number {
  return scalar<number>(
    db,
    sql`SELECT COUNT(*) FROM appointments a JOIN outbox o
         ON o.idempotency_key >= printf('%010d', a.id) || ':' AND o.idempotency_key < printf('%010d', a.id) || ';'
       WHERE a.starts_at > ${now} AND a.status IN ('booked', 'confirmed') AND o.state NOT IN ('superseded', 'cancelled')`,
  )!;
}

/** Breaker input: appointments that could have a step due now (at most one each: docs/safeguards.md#freshness). */
export function countAppointmentsWithOpenWindow(db: ReadableDB, fromStart: number, untilStart: number): number {
  return scalar<number>(
    db,
    sql`SELECT COUNT(*) FROM appointments WHERE starts_at > ${fromStart} AND starts_at <= ${untilStart}
       AND status IN ('booked', 'confirmed')`,
  )!;
}

/** A patient's appointments still ahead get planned again (e.g. after a phone number fix). */
export function markPatientAppointmentsNeedPlan(db: WritableDB, patientId: number, now: number): void {
  run(db, sql`UPDATE appointments SET needs_plan = 1 WHERE patient_id = ${patientId} AND starts_at > ${now}`);
}

/** One reminder rule's window as offsets from the appointment start (ms), for the bulk insert below. */
export interface RuleWindowOffsets {
  readonly id: string;
  readonly channel: string;
  /** The window opens this long before the start… */
  readonly openMs: number;
  /** …and closes this long before it. */
  readonly closeMs: number;
  readonly onlyIfUnconfirmed: boolean;
}

/**
 * The planner's fast path for appointments never planned before (planned_start IS NULL, so no outbox
 * rows exist for them yet): one INSERT … SELECT over appointments × rules inside SQLite instead of a
 * round trip per row. It computes what the per-appointment planner does — the same key
 * (rules/windows.ts idempotencyKey), windows, recipient and "no address" suppression (a test compares
 * the two) — and ON CONFLICT DO NOTHING stays the guarantee. Returns the rows inserted.
 */
export function insertNeverPlannedRange(
  db: WritableDB,
  rules: readonly RuleWindowOffsets[],
  now: number,
  fromId: number,
  toId: number,
  /** A new reminder waits this long after its appointment's last change (settle time, docs/schedule-sources.md). */
  settleMs = 0,
): number {
  const rulesJson = JSON.stringify(
    rules.map((r) => ({ id: r.id, channel: r.channel, open: r.openMs, close: r.closeMs, onlyIfUnconfirmed: r.onlyIfUnconfirmed ? 1 : 0 })),
  );
  return run(
    db,
    sql`INSERT INTO outbox (idempotency_key, appointment_id, rule_id, channel, recipient, not_before, expires_at, state, reason,
      created_at, updated_at)
    WITH r AS MATERIALIZED (
      SELECT value ->> '$.id' AS id, value ->> '$.channel' AS channel, value ->> '$.open' AS open_ms,
        value ->> '$.close' AS close_ms, value ->> '$.onlyIfUnconfirmed' AS only_if_unconfirmed
      FROM json_each(${rulesJson})
    )
    SELECT printf('%010d', a.id) || ':' || r.id || ':' || a.starts_at, a.id, r.id, r.channel,
      COALESCE(CASE r.channel WHEN 'email' THEN p.email ELSE p.phone END, ''),
      MAX(a.starts_at - r.open_ms, a.updated_at + ${settleMs}), a.starts_at - r.close_ms,
      CASE WHEN (CASE r.channel WHEN 'email' THEN p.email ELSE p.phone END) IS NULL THEN 'suppressed' ELSE 'pending' END,
      CASE WHEN (CASE r.channel WHEN 'email' THEN p.email ELSE p.phone END) IS NOT NULL THEN NULL
           WHEN r.channel = 'email' THEN 'no email address' ELSE 'no phone number' END,
      ${now}, ${now}
    FROM appointments a
    JOIN patients p ON p.id = a.patient_id
    JOIN r
    WHERE a.id BETWEEN ${fromId} AND ${toId} AND a.needs_plan = 1 AND a.planned_start IS NULL
      AND a.status IN ('booked', 'confirmed')
      AND a.starts_at - r.close_ms > ${now}
      AND NOT (a.status = 'confirmed' AND r.only_if_unconfirmed)
    ORDER BY a.id, r.id
    ON CONFLICT DO NOTHING`,
  ).changes;
}

/** Ends a planning batch: flags cleared and the planned start remembered, in one statement. */
export function markRangePlanned(db: WritableDB, fromId: number, toId: number): void {
  run(db, sql`UPDATE appointments SET needs_plan = 0, planned_start = starts_at WHERE id BETWEEN ${fromId} AND ${toId} AND needs_plan = 1`);
}
