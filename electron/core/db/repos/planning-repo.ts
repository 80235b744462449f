import type { AppointmentStatus } from '../../../../shared/domain/types';
import type { DB } from '../connection';
import { stmt } from '../sql';

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
  sms_consent: number;
  voice_consent: number;
  email_consent: number;
  do_not_contact: number;
  /** The start last planned for; null when never planned. */
  planned_start: number | null;
  /** The last change of the appointment (the settle time counts from it). */
  updated_at: number;
}

const SELECT_PLANNING = `SELECT a.id, a.external_id, a.starts_at, a.status, a.provider, a.patient_id, a.planned_start, a.updated_at, p.name AS patient_name,
  p.phone, p.email, p.timezone AS patient_timezone, p.sms_consent, p.voice_consent, p.email_consent, p.do_not_contact
  FROM appointments a JOIN patients p ON p.id = a.patient_id`;

/** The planner's work list (cost ∝ what changed): ids of appointments flagged since they were last planned. */
export function listIdsNeedingPlan(db: DB, limit: number): { id: number; planned_start: number | null }[] {
  return stmt(db, `SELECT id, planned_start FROM appointments WHERE needs_plan = 1 ORDER BY id LIMIT ?`).all(limit) as {
    id: number;
    planned_start: number | null;
  }[];
}

export function getPlanningAppointment(db: DB, id: number): PlanningAppointment | undefined {
  return stmt(db, `${SELECT_PLANNING} WHERE a.id = ?`).get(id) as PlanningAppointment | undefined;
}

/** Rules or limits changed: every appointment still ahead must be planned again. */
export function markFutureAppointmentsNeedPlan(db: DB, now: number): number {
  return stmt(db, `UPDATE appointments SET needs_plan = 1 WHERE starts_at > ? AND needs_plan = 0`).run(now).changes;
}

/** Outbox rows already in place for the appointments still ahead (the planner's `existing`). */
export function countPlannedForUpcoming(db: DB, now: number): number {
  return (
    stmt(
      db,
      `SELECT COUNT(*) AS n FROM appointments a JOIN outbox o
         ON o.idempotency_key >= printf('%010d', a.id) || ':' AND o.idempotency_key < printf('%010d', a.id) || ';'
       WHERE a.starts_at > ? AND a.status IN ('booked', 'confirmed') AND o.state NOT IN ('superseded', 'cancelled')`,
    ).get(now) as { n: number }
  ).n;
}

/** Breaker input: appointments that could have a step due now (at most one each, DESIGN §8 windows). */
export function countAppointmentsWithOpenWindow(db: DB, fromStart: number, untilStart: number): number {
  return (
    stmt(db, `SELECT COUNT(*) AS n FROM appointments WHERE starts_at > ? AND starts_at <= ? AND status IN ('booked', 'confirmed')`).get(
      fromStart,
      untilStart,
    ) as { n: number }
  ).n;
}

/** A patient's appointments still ahead get planned again (e.g. after a phone number fix). */
export function markPatientAppointmentsNeedPlan(db: DB, patientId: number, now: number): void {
  stmt(db, `UPDATE appointments SET needs_plan = 1 WHERE patient_id = ? AND starts_at > ?`).run(patientId, now);
}
