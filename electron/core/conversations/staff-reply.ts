import type { StaffReplyResult } from '../../../shared/domain/conversations';
import { smsSegments } from '../../../shared/util/sms-segments';
import type { SendResult, Transports } from '../channels/channel';
import { getClinicSettings } from '../clinic/clinic-settings';
import type { ControlStore } from '../control/control-store';
import {
  discardConversationAttempt,
  insertConversationAttempt,
  insertStaffReply,
  latestAppointmentFor,
  setConversationAttemptOutcome,
  setStaffReplyOutcome,
} from '../db/repos/conversations-repo';
import { recordEvent } from '../db/repos/events-repo';
import type { WritableDB } from '../db/types';
import type { Clock } from '../platform/clock';
import { HOUR_MS } from '../platform/clock';
import { badRequest, UserError } from '../platform/errors';
import { optOutAddress } from '../schedule/consent-changes';
import { replyWindow } from './reply-window';

export interface StaffReplyDeps {
  readonly db: WritableDB;
  readonly clock: Clock;
  readonly control: Pick<ControlStore, 'isPaused'>;
  readonly transports: Pick<Transports, 'sms'>;
}

const PAUSED = 'Sending is paused: resume before answering a patient.';

/**
 * Sends a staff answer by SMS through the reminders' number and transport (docs/conversations.md#answering-by-text).
 * Checked and recorded first (ledger row kind `conversation`, not counted against the reminder budget), committed
 * before the request like a reminder's claim; the kill switch is read again right before the request.
 */
export async function sendStaffReply(
  deps: StaffReplyDeps,
  input: Readonly<{ phone: string; body: string; actor: string }>,
): Promise<StaffReplyResult> {
  const { db, clock, control } = deps;
  const transport = deps.transports.sms;
  if (!transport) throw badRequest('SMS is not configured: add the Twilio settings first.');
  if (control.isPaused()) throw new UserError('PAUSED', PAUSED);
  const body = input.body.trim();
  if (!body) throw badRequest('Write a message first.');
  const segments = smsSegments(body).segments;
  const now = clock.now();
  const prepared = db
    .transaction(() => {
      const window = replyWindow(db, getClinicSettings(db), input.phone, now);
      if (!window.open) throw new UserError('SAFEGUARD_BLOCKED', window.reason);
      const appointmentId = latestAppointmentFor(db, input.phone, now);
      if (appointmentId === undefined) throw badRequest(`No patient has the number ${input.phone}.`);
      const contactId = insertConversationAttempt(db, { appointmentId, recipient: input.phone, at: now, segments });
      const replyId = insertStaffReply(db, { phone: input.phone, appointmentId, body, actor: input.actor, at: now, contactId });
      return { contactId, replyId };
    })
    .immediate();
  // The same last look the dispatcher takes before every provider request (docs/safeguards.md#kill-switch).
  if (control.isPaused()) {
    db.transaction(() => discardConversationAttempt(db, prepared.replyId, prepared.contactId, 'paused before sending')).immediate();
    throw new UserError('PAUSED', PAUSED);
  }
  let res: SendResult;
  try {
    res = await transport.send({
      outboxId: 0,
      idempotencyKey: `conversation:${prepared.replyId}`,
      channel: 'sms',
      to: input.phone,
      body,
      expiresAt: now + 4 * HOUR_MS,
      claimedAt: now,
    });
  } catch (error) {
    res = { kind: 'unknown', error: error instanceof Error ? error.message : String(error) };
  }
  return recordReplyResult(db, clock.now(), { ...prepared, phone: input.phone, actor: input.actor, segments }, res);
}

function recordReplyResult(
  db: WritableDB,
  now: number,
  r: Readonly<{ contactId: number; replyId: number; phone: string; actor: string; segments: number }>,
  res: SendResult,
): StaffReplyResult {
  const outcome = res.kind === 'accepted' ? (res.simulated ? 'simulated' : 'sent') : res.kind === 'unknown' ? 'unknown' : 'failed';
  const error = res.kind === 'accepted' ? null : res.error;
  db.transaction(() => {
    setConversationAttemptOutcome(
      db,
      r.contactId,
      { outcome, providerId: res.kind === 'accepted' ? res.providerId : null, detail: error },
      now,
    );
    setStaffReplyOutcome(db, r.replyId, outcome, error);
    // The provider says the number opted out (Twilio 21610): honour it for reminders too.
    if (res.kind === 'rejected' && res.action === 'opt_out') optOutAddress(db, r.phone, { at: now, source: 'provider', actor: 'provider' });
    recordEvent(db, now, 'staff_reply', r.actor, { phone: r.phone, replyId: r.replyId, outcome });
  }).immediate();
  return { id: r.replyId, phone: r.phone, outcome, error, segments: r.segments };
}
