import type { AppointmentStatus } from '../../../../shared/domain/types';
import type { DB } from '../connection';
import { stmt } from '../sql';

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

const COLUMNS = `id, source, external_id, patient_id, provider, starts_at, duration_min, status, confirmed_at, needs_plan,
  planned_start, created_at, updated_at`;

// Built once: stmt() caches by text, and a hot lookup should not rebuild and rehash its SQL on every call.
const SELECT_BY_EXTERNAL_ID = `SELECT ${COLUMNS} FROM appointments WHERE source = ? AND external_id = ?`;
const SELECT_BY_ID = `SELECT ${COLUMNS} FROM appointments WHERE id = ?`;

/** Looks an appointment up by its import identity (UNIQUE (source, external_id) index). */
export function findAppointmentByExternalId(db: DB, source: string, externalId: string): AppointmentRow | undefined {
  return stmt(db, SELECT_BY_EXTERNAL_ID).get(source, externalId) as AppointmentRow | undefined;
}

export function findAppointmentById(db: DB, id: number): AppointmentRow | undefined {
  return stmt(db, SELECT_BY_ID).get(id) as AppointmentRow | undefined;
}

/** Inserts an appointment flagged for planning and returns its id. */
export function insertAppointment(db: DB, row: NewAppointment, now: number): number {
  const result = stmt(
    db,
    `INSERT INTO appointments (source, external_id, patient_id, provider, starts_at, duration_min, status, confirmed_at,
       needs_plan, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
  ).run(row.source, row.external_id, row.patient_id, row.provider, row.starts_at, row.duration_min, row.status, row.confirmed_at, now, now);
  return Number(result.lastInsertRowid);
}

/** Replaces the schedule-owned fields and flags the appointment for planning (its reminders may be stale). */
export function updateAppointment(db: DB, id: number, fields: AppointmentFields, now: number): void {
  stmt(
    db,
    `UPDATE appointments SET patient_id = ?, provider = ?, starts_at = ?, duration_min = ?, status = ?, confirmed_at = ?,
       needs_plan = 1, updated_at = ?
     WHERE id = ?`,
  ).run(fields.patient_id, fields.provider, fields.starts_at, fields.duration_min, fields.status, fields.confirmed_at, now, id);
}

/**
 * Sets the status and flags the appointment for planning. Confirming keeps the first confirmation time;
 * going back to `booked` clears it; cancelled/completed/no_show keep it as history.
 */
export function setAppointmentStatus(db: DB, id: number, status: AppointmentStatus, now: number): void {
  stmt(
    db,
    `UPDATE appointments SET status = ?,
       confirmed_at = CASE ? WHEN 'confirmed' THEN COALESCE(confirmed_at, ?) WHEN 'booked' THEN NULL ELSE confirmed_at END,
       needs_plan = 1, updated_at = ?
     WHERE id = ?`,
  ).run(status, status, now, now, id);
}

/** Appointments starting in [from, to), with their patient, in start order (uses appointments_starts_at). */
export function listAppointmentsStartingBetween(db: DB, from: number, to: number): AppointmentWithPatient[] {
  return stmt(
    db,
    `SELECT a.id, a.source, a.external_id, a.patient_id, a.provider, a.starts_at, a.duration_min, a.status,
       a.confirmed_at, a.needs_plan, a.created_at, a.updated_at,
       p.name AS patient_name, p.phone AS patient_phone, p.email AS patient_email, p.language AS patient_language,
       p.timezone AS patient_timezone, p.sms_consent, p.voice_consent, p.email_consent, p.do_not_contact
     FROM appointments a JOIN patients p ON p.id = a.patient_id
     WHERE a.starts_at >= ? AND a.starts_at < ?
     ORDER BY a.starts_at, a.id`,
  ).all(from, to) as AppointmentWithPatient[];
}

/** Sets or clears the planner's work flag without touching updated_at (planning is not a schedule change). */
export function setAppointmentNeedsPlan(db: DB, id: number, needsPlan: boolean): void {
  stmt(db, `UPDATE appointments SET needs_plan = ? WHERE id = ?`).run(needsPlan ? 1 : 0, id);
}

/** Ids of appointments changed since they were last planned, oldest first (partial index appointments_needs_plan). */
export function listNeedsPlanIds(db: DB, limit: number = 10_000): number[] {
  return stmt(db, `SELECT id FROM appointments WHERE needs_plan = 1 ORDER BY id LIMIT ?`).pluck().all(limit) as number[];
}
