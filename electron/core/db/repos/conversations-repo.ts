import { all, first, run, scalar, sql } from '../sql';
import type { ReadableDB, WritableDB } from '../types';

/** Actions the engine settles on its own: their replies arrive read (docs/conversations.md#unread). */
const SELF_HANDLED = ['confirm', 'opt_out', 'opt_in'] as const;

/** Whether a reply with this action needs a person to read it. */
export function arrivesRead(action: string): boolean {
  return (SELF_HANDLED as readonly string[]).includes(action);
}

export interface InboundRow {
  provider_id: string;
  from_number: string;
  body: string;
  received_at: number;
  action: string;
  appointment_id: number | null;
  read_at: number | null;
  resolved_at: number | null;
  resolved_by: string | null;
  resolved_appointment_id: number | null;
}

export interface StaffReplyRow {
  id: number;
  phone: string;
  appointment_id: number | null;
  body: string;
  actor: string;
  created_at: number;
  contact_id: number | null;
  outcome: string;
  error: string | null;
}

export interface ThreadRow {
  phone: string;
  last_at: number;
  unread: number;
  to_resolve: number;
}

export interface CandidateAppointment {
  id: number;
  external_id: string;
  patient_name: string;
  provider: string;
  starts_at: number;
  status: string;
}

/** Conversations by number, newest activity first: patients' texts and staff answers. */
export function listThreads(db: ReadableDB, limit: number): ThreadRow[] {
  return all<ThreadRow>(
    db,
    sql`SELECT phone, MAX(at) AS last_at, SUM(unread) AS unread, SUM(to_resolve) AS to_resolve FROM (
       SELECT from_number AS phone, received_at AS at, read_at IS NULL AS unread,
              action = 'confirm_ambiguous' AND resolved_at IS NULL AS to_resolve
       FROM inbound_messages
       UNION ALL
       SELECT phone, created_at, 0, 0 FROM conversation_replies)
     GROUP BY phone ORDER BY last_at DESC LIMIT ${limit}`,
  );
}

export function listInboundFrom(db: ReadableDB, phone: string): InboundRow[] {
  return all<InboundRow>(db, sql`SELECT * FROM inbound_messages WHERE from_number = ${phone} ORDER BY received_at, provider_id`);
}

export function listStaffRepliesTo(db: ReadableDB, phone: string): StaffReplyRow[] {
  return all<StaffReplyRow>(db, sql`SELECT * FROM conversation_replies WHERE phone = ${phone} ORDER BY created_at, id`);
}

export function findInbound(db: ReadableDB, providerId: string): InboundRow | undefined {
  return first<InboundRow>(db, sql`SELECT * FROM inbound_messages WHERE provider_id = ${providerId}`);
}

/** The newest text of this number (the 24 h answer window runs from it). */
export function lastInboundAt(db: ReadableDB, phone: string): number | null {
  return scalar<number | null>(db, sql`SELECT MAX(received_at) FROM inbound_messages WHERE from_number = ${phone}`) ?? null;
}

export function countUnread(db: ReadableDB): { unread: number; toResolve: number } {
  const row = first<{ unread: number | null; to_resolve: number | null }>(
    db,
    sql`SELECT SUM(read_at IS NULL) AS unread, SUM(action = 'confirm_ambiguous' AND resolved_at IS NULL) AS to_resolve
     FROM inbound_messages WHERE read_at IS NULL OR (action = 'confirm_ambiguous' AND resolved_at IS NULL)`,
  );
  return { unread: row?.unread ?? 0, toResolve: row?.to_resolve ?? 0 };
}

export function markThreadRead(db: WritableDB, phone: string, now: number): number {
  return run(db, sql`UPDATE inbound_messages SET read_at = ${now} WHERE from_number = ${phone} AND read_at IS NULL`).changes;
}

/** Records which appointment staff chose for an ambiguous C; false when it was already resolved. */
export function markResolved(db: WritableDB, providerId: string, appointmentId: number, actor: string, now: number): boolean {
  return (
    run(
      db,
      sql`UPDATE inbound_messages SET resolved_at = ${now}, resolved_by = ${actor}, resolved_appointment_id = ${appointmentId},
         appointment_id = ${appointmentId}, read_at = COALESCE(read_at, ${now})
       WHERE provider_id = ${providerId} AND action = 'confirm_ambiguous' AND resolved_at IS NULL`,
    ).changes === 1
  );
}

/** Names of the patients on a number. */
export function patientNamesFor(db: ReadableDB, phone: string): string[] {
  return all<{ name: string }>(db, sql`SELECT name FROM patients WHERE phone = ${phone} ORDER BY name`).map((r) => r.name);
}

/** Appointments of any patient on this number starting in [from, until), earliest first. */
export function appointmentsForPhone(db: ReadableDB, phone: string, from: number, until: number): CandidateAppointment[] {
  return all<CandidateAppointment>(
    db,
    sql`SELECT a.id, a.external_id, p.name AS patient_name, a.provider, a.starts_at, a.status
     FROM appointments a JOIN patients p ON p.id = a.patient_id
     WHERE p.phone = ${phone} AND a.starts_at >= ${from} AND a.starts_at < ${until}
     ORDER BY a.starts_at, a.id`,
  );
}

/** Booked (unconfirmed) appointments of this number in (from, until], earliest first, with their patient: what a C could mean. */
export function unconfirmedAppointmentsFor(
  db: ReadableDB,
  phone: string,
  from: number,
  until: number,
): { id: number; patient_id: number }[] {
  return all<{ id: number; patient_id: number }>(
    db,
    sql`SELECT a.id, a.patient_id FROM appointments a JOIN patients p ON p.id = a.patient_id
     WHERE p.phone = ${phone} AND a.status = 'booked' AND a.starts_at > ${from} AND a.starts_at <= ${until}
     ORDER BY a.starts_at, a.id`,
  );
}

/** The most recent appointment of any patient on this number (what a staff answer is filed under in the ledger). */
export function latestAppointmentFor(db: ReadableDB, phone: string, now: number): number | undefined {
  return (
    first<{ id: number }>(
      db,
      sql`SELECT a.id FROM appointments a JOIN patients p ON p.id = a.patient_id WHERE p.phone = ${phone}
       ORDER BY a.starts_at < ${now}, ABS(a.starts_at - ${now}) LIMIT 1`,
    )?.id ?? undefined
  );
}

export function insertStaffReply(
  db: WritableDB,
  r: { phone: string; appointmentId: number; body: string; actor: string; at: number; contactId: number },
): number {
  return Number(
    run(
      db,
      sql`INSERT INTO conversation_replies (phone, appointment_id, body, actor, created_at, contact_id, outcome)
       VALUES (${r.phone}, ${r.appointmentId}, ${r.body}, ${r.actor}, ${r.at}, ${r.contactId}, 'sending')`,
    ).lastInsertRowid,
  );
}

export function setStaffReplyOutcome(db: WritableDB, id: number, outcome: string, error: string | null): void {
  run(db, sql`UPDATE conversation_replies SET outcome = ${outcome}, error = ${error} WHERE id = ${id}`);
}

/** The ledger row of a staff answer: kind `conversation`, never counted against the reminder budget. */
export function insertConversationAttempt(
  db: WritableDB,
  a: { appointmentId: number; recipient: string; at: number; segments: number },
): number {
  return Number(
    run(
      db,
      sql`INSERT INTO contacts (outbox_id, appointment_id, rule_id, channel, recipient, attempted_at, outcome, counts_for_budget,
         updated_at, segments, kind)
       VALUES (NULL, ${a.appointmentId}, 'conversation', 'sms', ${a.recipient}, ${a.at}, 'unknown', 0, ${a.at}, ${a.segments},
         'conversation')`,
    ).lastInsertRowid,
  );
}

export function setConversationAttemptOutcome(
  db: WritableDB,
  contactId: number,
  o: { outcome: string; providerId: string | null; detail: string | null },
  now: number,
): void {
  run(
    db,
    sql`UPDATE contacts SET outcome = ${o.outcome}, provider_id = ${o.providerId}, detail = ${o.detail}, updated_at = ${now}
     WHERE id = ${contactId} AND kind = 'conversation'`,
  );
}

/** A staff answer stopped before its request (paused): it reached no provider, so it leaves no ledger row. */
export function discardConversationAttempt(db: WritableDB, replyId: number, contactId: number, reason: string): void {
  run(db, sql`UPDATE conversation_replies SET outcome = 'failed', error = ${reason}, contact_id = NULL WHERE id = ${replyId}`);
  run(db, sql`DELETE FROM contacts WHERE id = ${contactId} AND kind = 'conversation'`);
}
