import type { AppointmentStatus } from '../../../../shared/domain/types';
import { all, column, first, run, sql } from '../sql';
import type { ReadableDB, WritableDB } from '../types';

/** The schedule-owned fields of an appointment (what an import may set). */
export interface AppointmentFields {
  patient_id: number;
  provider: string;
  starts_at: number;
  duration_min: number;
  status: AppointmentStatus;
  confirmed_at: number | null;
}

export interface NewAppointment extends AppointmentFields {
  source: string;
  external_id: string;
}

/** An `appointments` row as stored; instants are integer ms UTC, flags SQLite integers (0/1). */
export interface AppointmentRow extends NewAppointment {
  id: number;
  needs_plan: number;
  /** The start the planner last planned for; null when never planned. */
  planned_start: number | null;
  created_at: number;
  updated_at: number;
}

/** An appointment with the patient facts the planner and the day view need. */
export interface AppointmentWithPatient extends AppointmentRow {
  patient_name: string;
  patient_phone: string | null;
  patient_email: string | null;
  patient_language: string | null;
  patient_timezone: string | null;
  sms_consent: number;
  voice_consent: number;
  email_consent: number;
  do_not_contact: number;
}

const COLUMNS = sql`id, source, external_id, patient_id, provider, starts_at, duration_min, status, confirmed_at, needs_plan,
  planned_start, created_at, updated_at`;

/** Looks an appointment up by its import identity (UNIQUE (source, external_id) index). */
export function findAppointmentByExternalId(db: ReadableDB, source: string, externalId: string): AppointmentRow | undefined {
  return first<AppointmentRow>(db, sql`SELECT ${COLUMNS} FROM appointments WHERE source = ${source} AND external_id = ${externalId}`);
}

export function findAppointmentById(db: ReadableDB, id: number): AppointmentRow | undefined {
  return first<AppointmentRow>(db, sql`SELECT ${COLUMNS} FROM appointments WHERE id = ${id}`);
}

/** Inserts an appointment flagged for planning and returns its id. */
export function insertAppointment(db: WritableDB, row: NewAppointment, now: number): number {
  const result = run(
    db,
    sql`INSERT INTO appointments (source, external_id, patient_id, provider, starts_at, duration_min, status, confirmed_at,
       needs_plan, created_at, updated_at)
     VALUES (${row.source}, ${row.external_id}, ${row.patient_id}, ${row.provider}, ${row.starts_at}, ${row.duration_min},
       ${row.status}, ${row.confirmed_at}, 1, ${now}, ${now})`,
  );
  return Number(result.lastInsertRowid);
}

/** Replaces the schedule-owned fields and flags the appointment for planning (its reminders may be stale). */
export function updateAppointment(db: WritableDB, id: number, fields: AppointmentFields, now: number): void {
  run(
    db,
    sql`UPDATE appointments SET patient_id = ${fields.patient_id}, provider = ${fields.provider}, starts_at = ${fields.starts_at},
       duration_min = ${fields.duration_min}, status = ${fields.status}, confirmed_at = ${fields.confirmed_at},
       needs_plan = 1, updated_at = ${now}
     WHERE id = ${id}`,
  );
}

/**
 * Sets the status and flags the appointment for planning. Confirming keeps the first confirmation time;
 * going back to `booked` clears it; cancelled/completed/no_show keep it as history.
 */
export function setAppointmentStatus(db: WritableDB, id: number, status: AppointmentStatus, now: number): void {
  run(
    db,
    sql`UPDATE appointments SET status = ${status},
       confirmed_at = CASE ${status} WHEN 'confirmed' THEN COALESCE(confirmed_at, ${now}) WHEN 'booked' THEN NULL ELSE confirmed_at END,
       needs_plan = 1, updated_at = ${now}
     WHERE id = ${id}`,
  );
}

/** Appointments starting in [from, to), with their patient, in start order (uses appointments_starts_at). */
export function listAppointmentsStartingBetween(db: ReadableDB, from: number, to: number): AppointmentWithPatient[] {
  return all<AppointmentWithPatient>(
    db,
    sql`SELECT a.id, a.source, a.external_id, a.patient_id, a.provider, a.starts_at, a.duration_min, a.status,
       a.confirmed_at, a.needs_plan, a.created_at, a.updated_at,
       p.name AS patient_name, p.phone AS patient_phone, p.email AS patient_email, p.language AS patient_language,
       p.timezone AS patient_timezone, p.sms_consent, p.voice_consent, p.email_consent, p.do_not_contact
     FROM appointments a JOIN patients p ON p.id = a.patient_id
     WHERE a.starts_at >= ${from} AND a.starts_at < ${to}
     ORDER BY a.starts_at, a.id`,
  );
}

/** Sets or clears the planner's work flag without touching updated_at (planning is not a schedule change). */
export function setAppointmentNeedsPlan(db: WritableDB, id: number, needsPlan: boolean): void {
  run(db, sql`UPDATE appointments SET needs_plan = ${needsPlan ? 1 : 0} WHERE id = ${id}`);
}

/** Ids of appointments changed since they were last planned, oldest first (partial index appointments_needs_plan). */
export function listNeedsPlanIds(db: ReadableDB, limit: number = 10_000): number[] {
  return column<number>(db, sql`SELECT id FROM appointments WHERE needs_plan = 1 ORDER BY id LIMIT ${limit}`);
}
