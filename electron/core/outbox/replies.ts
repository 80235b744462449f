import type { InboundMessage, Transports } from '../channels/channel';
import { classifyReply } from '../channels/reply-keywords';
import type { WritableDB } from '../db/types';
import { getCursor, setCursor } from '../db/repos/engine-repo';
import { recordEvent } from '../db/repos/events-repo';
import { isInboundApplied, recordInbound } from '../db/repos/inbound-repo';
import { appointmentsForPhone, arrivesRead, unconfirmedAppointmentsFor } from '../db/repos/conversations-repo';
import { optInAddress, optOutAddress } from '../schedule/consent-changes';
import { type Clock, DAY_MS, HOUR_MS } from '../platform/clock';
import type { EngineEventBus } from '../platform/engine-events';
import type { Logger } from '../platform/logger';
import { confirmAppointment } from './appointment-actions';
import { requestUnwantedCancels } from './scheduled-cancel';

const INBOUND_CURSOR = 'inbound-sms';

/** What polling replies needs: the inbound poller, the schedule, and somewhere to say what changed. */
export interface ReplyPollDeps {
  readonly db: WritableDB;
  readonly clock: Clock;
  readonly transports: Pick<Transports, 'inbound'>;
  readonly events: Pick<EngineEventBus, 'emit'>;
  readonly logger: Pick<Logger, 'warn'>;
}

/** How long after its start an appointment is still what a free-text reply is probably about ("running late"). */
const ABOUT_GRACE_MS = 2 * HOUR_MS;

/**
 * Applies one patient reply exactly once (deduplicated by provider id): C confirms and stops later
 * steps; STOP and the other opt-out words stop SMS and calls to the number at once; START restores.
 * A C from a number whose upcoming unconfirmed appointments belong to several patients (a family sharing a phone)
 * confirms none of them: it waits in the inbox for staff to pick one (docs/conversations.md#ambiguous-c).
 */
export function applyReply(db: WritableDB, message: InboundMessage, now: number): string {
  if (isInboundApplied(db, message.providerId)) return 'duplicate';
  const kind = classifyReply(message.body);
  let appointmentId: number | null = null;
  let action: string = kind;
  if (kind === 'confirm') {
    // C confirms the patient's next unconfirmed appointment within 7 days (docs/twilio.md#inbound-replies).
    const candidates = unconfirmedAppointmentsFor(db, message.from, now, now + 7 * DAY_MS);
    const patients = new Set(candidates.map((c) => c.patient_id));
    if (patients.size === 1) {
      // One patient: their next unconfirmed appointment, as the rule says.
      appointmentId = candidates[0]!.id;
      confirmAppointment(db, appointmentId, now, `patient reply from ${message.from}`);
    } else if (patients.size > 1) {
      // Several patients share the number: which one means C cannot be known. Staff ask and pick.
      action = 'confirm_ambiguous';
      recordEvent(db, now, 'reply_ambiguous', `patient reply from ${message.from}`, {
        candidates: candidates.map((c) => c.id),
        body: message.body,
      });
    } else action = 'confirm_no_appointment';
  } else if (kind === 'opt_out') {
    optOutAddress(db, message.from, { at: now, source: 'reply', actor: `patient reply from ${message.from}` });
    // Twilio does not cancel scheduled texts on STOP: they go on our "to cancel" list at once (docs/send-ahead.md).
    requestUnwantedCancels(db, now, { paused: false });
    recordEvent(db, now, 'opted_out', `patient reply from ${message.from}`, { body: message.body });
  } else if (kind === 'opt_in') {
    optInAddress(db, message.from, { at: now, source: 'reply', actor: `patient reply from ${message.from}` });
    recordEvent(db, now, 'opted_in', `patient reply from ${message.from}`, { body: message.body });
  } else {
    // Free text and HELP: filed under the number's next appointment, for the inbox to show what it is about.
    appointmentId = appointmentsForPhone(db, message.from, now - ABOUT_GRACE_MS, now + 7 * DAY_MS)[0]?.id ?? null;
  }
  recordInbound(db, message, action, appointmentId, now, arrivesRead(action) ? now : null);
  return action;
}

/** Polls inbound SMS and applies them; the cursor is saved in the same transaction as the effects. */
export async function pollReplies(deps: ReplyPollDeps): Promise<number> {
  const poller = deps.transports.inbound;
  if (!poller) return 0;
  const { db, clock } = deps;
  let batch;
  try {
    batch = await poller.poll(getCursor(db, INBOUND_CURSOR));
  } catch (error) {
    deps.logger.warn('could not poll replies', { error: error instanceof Error ? error.message : String(error) });
    return 0;
  }
  const applied = db
    .transaction(() => {
      let n = 0;
      for (const message of batch.messages) if (applyReply(db, message, clock.now()) !== 'duplicate') n += 1;
      setCursor(db, INBOUND_CURSOR, batch.cursor, clock.now());
      return n;
    })
    .immediate();
  if (applied > 0) deps.events.emit({ type: 'changed', topics: ['schedule', 'outbox', 'inbox'] });
  return applied;
}
