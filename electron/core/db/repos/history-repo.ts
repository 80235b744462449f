import type { AppointmentStatus, Channel, ContactOutcome, OutboxState } from '../../../../shared/domain/types';
import { all, first, sql } from '../sql';
import type { ReadableDB } from '../types';

/**
 * Queries behind a patient's contact and consent history and the ledger export (docs/reports.md). Read-only;
 * lists go in and out as JSON arrays so one prepared statement serves any number of ids.
 */

export interface HistoryAppointmentRow {
  id: number;
  external_id: string;
  patient_id: number;
  patient_name: string;
  starts_at: number;
  status: AppointmentStatus;
}

/** The appointments of these patients, by start (appointments_patient index). */
export function appointmentsOfPatients(db: ReadableDB, patientIds: readonly number[]): HistoryAppointmentRow[] {
  return all<HistoryAppointmentRow>(
    db,
    sql`SELECT a.id, a.external_id, a.patient_id, p.name AS patient_name, a.starts_at, a.status
     FROM appointments a JOIN patients p ON p.id = a.patient_id
     WHERE a.patient_id IN (SELECT value FROM json_each(${JSON.stringify(patientIds)})) ORDER BY a.starts_at, a.id`,
  );
}

export interface HistoryOutboxRow {
  id: number;
  appointment_id: number;
  rule_id: string;
  channel: Channel;
  recipient: string;
  not_before: number;
  expires_at: number;
  state: OutboxState;
  reason: string | null;
  created_at: number;
  updated_at: number;
}

/** The planned reminders of these appointments (each found by key range on the UNIQUE key index). */
export function outboxOfAppointments(db: ReadableDB, appointmentIds: readonly number[]): HistoryOutboxRow[] {
  return all<HistoryOutboxRow>(
    db,
    sql`SELECT o.id, o.appointment_id, o.rule_id, o.channel, o.recipient, o.not_before, o.expires_at, o.state, o.reason,
       o.created_at, o.updated_at
     FROM json_each(${JSON.stringify(appointmentIds)}) j JOIN outbox o
       ON o.idempotency_key >= printf('%010d:', j.value) AND o.idempotency_key < printf('%010d;', j.value)
     ORDER BY o.created_at, o.id`,
  );
}

export interface HistoryAttemptRow {
  id: number;
  appointment_id: number;
  external_id: string;
  patient_name: string;
  rule_id: string;
  channel: Channel;
  recipient: string;
  attempted_at: number;
  outcome: ContactOutcome;
  provider_id: string | null;
  error_code: string | null;
  detail: string | null;
  segments: number | null;
}

const ATTEMPT_COLUMNS = sql`c.id, c.appointment_id, a.external_id, p.name AS patient_name, c.rule_id, c.channel, c.recipient,
  c.attempted_at, c.outcome, c.provider_id, c.error_code, c.detail, c.segments`;

/** Provider attempts for these appointments or to these addresses (a family's shared phone included). */
export function attemptsFor(db: ReadableDB, appointmentIds: readonly number[], addresses: readonly string[]): HistoryAttemptRow[] {
  return all<HistoryAttemptRow>(
    db,
    sql`SELECT ${ATTEMPT_COLUMNS}
     FROM contacts c JOIN appointments a ON a.id = c.appointment_id JOIN patients p ON p.id = a.patient_id
     WHERE c.appointment_id IN (SELECT value FROM json_each(${JSON.stringify(appointmentIds)}))
       OR c.recipient IN (SELECT value FROM json_each(${JSON.stringify(addresses)}))
     ORDER BY c.attempted_at, c.id`,
  );
}

/** Every provider attempt made in [from, to), oldest first (the ledger export). */
export function attemptsBetween(db: ReadableDB, from: number, to: number): HistoryAttemptRow[] {
  return all<HistoryAttemptRow>(
    db,
    sql`SELECT ${ATTEMPT_COLUMNS}
     FROM contacts c JOIN appointments a ON a.id = c.appointment_id JOIN patients p ON p.id = a.patient_id
     WHERE c.channel IN ('email', 'sms', 'voice') AND c.attempted_at >= ${from} AND c.attempted_at < ${to}
     ORDER BY c.attempted_at, c.id`,
  );
}

export interface ReplyRow {
  provider_id: string;
  from_number: string;
  body: string;
  received_at: number;
  action: string;
  appointment_id: number | null;
  external_id: string | null;
}

const REPLY_COLUMNS = sql`i.provider_id, i.from_number, i.body, i.received_at, i.action, i.appointment_id, a.external_id`;

/** Replies from these numbers (inbound_messages_from index). */
export function repliesFrom(db: ReadableDB, numbers: readonly string[]): ReplyRow[] {
  return all<ReplyRow>(
    db,
    sql`SELECT ${REPLY_COLUMNS} FROM inbound_messages i LEFT JOIN appointments a ON a.id = i.appointment_id
     WHERE i.from_number IN (SELECT value FROM json_each(${JSON.stringify(numbers)})) ORDER BY i.received_at, i.provider_id`,
  );
}

/** Replies received in [from, to) (inbound_messages_received index). */
export function repliesBetween(db: ReadableDB, from: number, to: number): ReplyRow[] {
  return all<ReplyRow>(
    db,
    sql`SELECT ${REPLY_COLUMNS} FROM inbound_messages i LEFT JOIN appointments a ON a.id = i.appointment_id
     WHERE i.received_at >= ${from} AND i.received_at < ${to} ORDER BY i.received_at, i.provider_id`,
  );
}

/** Who ran the import that committed at `at` (a patient's creation time), from the audit log (events_at index). */
export function importActorAt(db: ReadableDB, at: number): string | undefined {
  return first<{ actor: string }>(db, sql`SELECT actor FROM events WHERE at = ${at} AND kind = 'import' ORDER BY id LIMIT 1`)?.actor;
}

export interface ActionEventRow {
  at: number;
  kind: string;
  actor: string;
  detail_json: string;
}

/**
 * Confirmations and cancellations of these appointments in the audit log (do-not-contact and phone fixes are in
 * the consent history). A scan of the events table by kind: a report run by hand, not a hot path.
 */
export function actionsFor(db: ReadableDB, appointmentIds: readonly number[]): ActionEventRow[] {
  return all<ActionEventRow>(
    db,
    sql`SELECT at, kind, actor, detail_json FROM events
     WHERE kind IN ('appointment_confirmed', 'appointment_cancelled')
       AND json_extract(detail_json, '$.appointmentId') IN (SELECT value FROM json_each(${JSON.stringify(appointmentIds)}))
     ORDER BY at, id`,
  );
}
