import type { ScheduledSmsTransport } from '../../channels/channel';
import { writeWhenFree } from '../../db/busy';
import { setAttemptOutcome } from '../../db/repos/contacts-repo';
import { recordEvent } from '../../db/repos/events-repo';
import type { OutboxRow } from '../../db/repos/outbox-repo';
import { getPlanningAppointment } from '../../db/repos/planning-repo';
import { finishCancelled, hasScheduledRows, listCancelRequested, noteCancelError } from '../../db/repos/send-ahead-repo';
import type { WritableDB } from '../../db/types';
import { requestUnwantedCancels } from '../../outbox/scheduled-cancel';
import type { SendAheadDeps } from './deps';
import { applyProviderStatus } from './provider-status';

/** What one pass of the canceller did. */
export interface CancelPass {
  cancelled: number;
  /** 30409: it had already left Twilio; recorded as sent. */
  alreadySent: number;
  /** Twilio did not confirm: still on the list, shown loudly. */
  notCancelled: number;
}

export const CANCELLED_DETAIL = 'cancelled at Twilio before its send time';

/** Twilio confirmed: nothing reached the patient; the attempt no longer counts against the budget. */
function recordCancelled(db: WritableDB, row: OutboxRow, now: number): void {
  const appt = getPlanningAppointment(db, row.appointment_id);
  const recipient = row.cancel_to === 'pending' && appt?.phone ? appt.phone : row.recipient;
  if (!finishCancelled(db, row.id, recipient, now)) return;
  setAttemptOutcome(db, row.id, { outcome: 'failed', countsForBudget: false, providerId: row.provider_id, detail: CANCELLED_DETAIL }, now);
  recordEvent(db, now, 'send_ahead_cancelled', 'send-ahead', { outboxId: row.id, providerId: row.provider_id, reason: row.cancel_reason });
}

/**
 * One pass of the canceller (docs/send-ahead.md#cancelling): first every scheduled text the schedule (or the
 * kill switch) no longer wants joins the durable list, then each one on it is cancelled at Twilio with
 * `Status=canceled`. 30409 means it was no longer scheduled: Twilio's status says whether it went (sent) or was
 * cancelled already (a retry after a crash). Anything else leaves it on the list with the error.
 */
export async function cancelRequested(deps: SendAheadDeps): Promise<CancelPass> {
  const { db, clock, control } = deps;
  const pass: CancelPass = { cancelled: 0, alreadySent: 0, notCancelled: 0 };
  // Nothing waits at Twilio (the usual case): no write at all, so stop paths cost nothing extra.
  if (!hasScheduledRows(db)) return pass;
  // The kill switch lives in the control file; its promise covers texts at Twilio too.
  await writeWhenFree(db, () => db.transaction(() => requestUnwantedCancels(db, clock.now(), { paused: control.isPaused() })).immediate());
  const scheduler = deps.transports.scheduledSms;
  for (const row of listCancelRequested(db)) {
    const outcome = scheduler
      ? await cancelOne(scheduler, row)
      : { kind: 'error' as const, error: 'Twilio Messaging Service not configured: cannot cancel' };
    const now = clock.now();
    await writeWhenFree(db, () =>
      db
        .transaction(() => {
          if (outcome.kind === 'canceled') {
            recordCancelled(db, row, now);
            pass.cancelled += 1;
          } else if (outcome.kind === 'not_scheduled') {
            if (outcome.status === 'canceled') {
              recordCancelled(db, row, now);
              pass.cancelled += 1;
              return;
            }
            applyProviderStatus(db, row, outcome.status ?? 'sent', now, 'already sent when the cancel reached Twilio (30409)');
            recordEvent(db, now, 'send_ahead_too_late', 'send-ahead', { outboxId: row.id, providerId: row.provider_id });
            pass.alreadySent += 1;
          } else {
            noteCancelError(db, row.id, `could not cancel at Twilio: ${outcome.error}`, now);
            pass.notCancelled += 1;
          }
        })
        .immediate(),
    );
  }
  return pass;
}

type CancelOutcome = Awaited<ReturnType<ScheduledSmsTransport['cancel']>>;

async function cancelOne(scheduler: ScheduledSmsTransport, row: OutboxRow): Promise<CancelOutcome> {
  if (!row.provider_id) return { kind: 'error', error: 'no Twilio SID recorded' };
  try {
    return await scheduler.cancel(row.provider_id);
  } catch (error) {
    return { kind: 'error', error: error instanceof Error ? error.message : String(error) };
  }
}
