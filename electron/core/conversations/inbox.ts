import type {
  Conversation,
  ConversationMessage,
  ConversationSummary,
  InboundAction,
  UnreadCount,
} from '../../../shared/domain/conversations';
import { InboundActionSchema } from '../../../shared/domain/conversations';
import { isoInZone } from '../api/time-format';
import { getClinicSettings } from '../clinic/clinic-settings';
import {
  appointmentsForPhone,
  countUnread,
  findInbound,
  listInboundFrom,
  listStaffRepliesTo,
  listThreads,
  markResolved,
  markThreadRead,
  patientNamesFor,
  type InboundRow,
  type StaffReplyRow,
} from '../db/repos/conversations-repo';
import { findAppointmentById } from '../db/repos/appointments-repo';
import { recordEvent } from '../db/repos/events-repo';
import type { ReadableDB, WritableDB } from '../db/types';
import { confirmAppointment } from '../outbox/appointment-actions';
import { DAY_MS, HOUR_MS } from '../platform/clock';
import { badRequest, notFound } from '../platform/errors';
import { replyWindow } from './reply-window';

const THREADS_SHOWN = 200;

export function unreadCount(db: ReadableDB): UnreadCount {
  return countUnread(db);
}

/** Conversations by number, most recent first, with what each last said. */
export function listConversations(db: ReadableDB): ConversationSummary[] {
  const zone = getClinicSettings(db).timezone;
  return listThreads(db, THREADS_SHOWN).map((t) => {
    const last = lastMessage(db, t.phone);
    return {
      phone: t.phone,
      patients: patientNamesFor(db, t.phone),
      lastAt: isoInZone(t.last_at, zone),
      lastBody: last,
      unread: t.unread,
      toResolve: t.to_resolve,
    };
  });
}

function lastMessage(db: ReadableDB, phone: string): string {
  const inbound = listInboundFrom(db, phone).at(-1);
  const outbound = listStaffRepliesTo(db, phone).at(-1);
  if (!outbound) return inbound?.body ?? '';
  if (!inbound) return outbound.body;
  return outbound.created_at >= inbound.received_at ? outbound.body : inbound.body;
}

function actionOf(row: InboundRow): InboundAction {
  const parsed = InboundActionSchema.safeParse(row.action);
  // Older rows may carry an action this build does not name (e.g. "confirmed"): show them as free text.
  return parsed.success ? parsed.data : 'other';
}

function inboundMessage(row: InboundRow, zone: string): ConversationMessage {
  return {
    key: `in:${row.provider_id}`,
    direction: 'in',
    body: row.body,
    at: isoInZone(row.received_at, zone),
    action: actionOf(row),
    appointmentId: row.resolved_appointment_id ?? row.appointment_id,
    read: row.read_at !== null,
    resolvedBy: row.resolved_by,
    actor: null,
    outcome: null,
  };
}

function outboundMessage(row: StaffReplyRow, zone: string): ConversationMessage {
  return {
    key: `out:${row.id}`,
    direction: 'out',
    body: row.body,
    at: isoInZone(row.created_at, zone),
    action: null,
    appointmentId: row.appointment_id,
    read: true,
    resolvedBy: null,
    actor: row.actor,
    outcome: row.outcome,
  };
}

/** One number's conversation, the appointments it may be about, and whether staff can answer now. */
export function getConversation(db: ReadableDB, phone: string, now: number, paused: boolean, smsConfigured: boolean): Conversation {
  const settings = getClinicSettings(db);
  const zone = settings.timezone;
  const inbound = listInboundFrom(db, phone);
  const outbound = listStaffRepliesTo(db, phone);
  if (inbound.length === 0 && outbound.length === 0) throw notFound(`No conversation with ${phone}.`);
  const messages = [
    ...inbound.map((r) => ({ at: r.received_at, m: inboundMessage(r, zone) })),
    ...outbound.map((r) => ({ at: r.created_at, m: outboundMessage(r, zone) })),
  ]
    .sort((a, b) => a.at - b.at)
    .map((x) => x.m);
  const window = replyWindow(db, settings, phone, now);
  const blocked = !smsConfigured
    ? 'SMS is not configured.'
    : paused
      ? 'Sending is paused: resume before answering.'
      : window.open
        ? null
        : window.reason;
  return {
    phone,
    patients: patientNamesFor(db, phone),
    messages,
    appointments: appointmentsForPhone(db, phone, now - 12 * HOUR_MS, now + 60 * DAY_MS).map((a) => ({
      id: a.id,
      externalId: a.external_id,
      patientName: a.patient_name,
      provider: a.provider,
      startsAt: isoInZone(a.starts_at, zone),
      status: a.status,
    })),
    canReply: blocked === null,
    replyBlockedReason: blocked,
    replyUntil: window.until === null ? null : isoInZone(window.until, zone),
  };
}

export function markConversationRead(db: WritableDB, phone: string, now: number): UnreadCount {
  db.transaction(() => markThreadRead(db, phone, now)).immediate();
  return countUnread(db);
}

/**
 * Staff pick which appointment an ambiguous C meant: it is confirmed (its later reminders end in the same
 * transaction) and the choice is audited. The appointment must be one of that number's and still booked or
 * already confirmed; a reply is resolved once.
 */
export function resolveAmbiguousConfirm(
  db: WritableDB,
  input: Readonly<{ messageKey: string; appointmentId: number; actor: string; now: number }>,
): string {
  const providerId = input.messageKey.startsWith('in:') ? input.messageKey.slice(3) : input.messageKey;
  return db
    .transaction(() => {
      const reply = findInbound(db, providerId);
      if (!reply) throw notFound(`No reply ${input.messageKey}.`);
      if (reply.action !== 'confirm_ambiguous') throw badRequest('This reply does not need resolving: it was not an ambiguous C.');
      if (reply.resolved_at !== null) throw badRequest(`This reply was already resolved by ${reply.resolved_by ?? 'someone'}.`);
      const appt = findAppointmentById(db, input.appointmentId);
      const phoneOwns = appointmentsForPhone(db, reply.from_number, 0, Number.MAX_SAFE_INTEGER).some((a) => a.id === input.appointmentId);
      if (!appt || !phoneOwns) throw badRequest('That appointment is not one of this number’s.');
      if (appt.status !== 'booked' && appt.status !== 'confirmed')
        throw badRequest(`That appointment is ${appt.status}; pick a booked one.`);
      if (appt.status === 'booked') confirmAppointment(db, appt.id, input.now, `${input.actor} (patient reply from ${reply.from_number})`);
      markResolved(db, providerId, appt.id, input.actor, input.now);
      recordEvent(db, input.now, 'reply_resolved', input.actor, {
        phone: reply.from_number,
        providerId,
        appointmentId: appt.id,
        externalId: appt.external_id,
      });
      return reply.from_number;
    })
    .immediate();
}
