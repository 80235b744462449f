import type { OutboxState } from '../../../../shared/domain/types';
import type { ScheduledSmsTransport } from '../../channels/channel';
import { writeWhenFree } from '../../db/busy';
import { setAttemptOutcome } from '../../db/repos/contacts-repo';
import type { OutboxRow } from '../../db/repos/outbox-repo';
import { finishScheduled, listScheduledRows } from '../../db/repos/send-ahead-repo';
import type { WritableDB } from '../../db/types';
import type { AttemptUpdate } from '../../outbox/record-result';

/** Twilio asked about a scheduled text this long after its SendAt (its own queue needs a moment). */
const ASK_AFTER_SEND_AT_MS = 60_000;

/** A Twilio message status, for a row that was `scheduled`: its next outbox state and ledger outcome; null = still waiting. */
export function scheduledStatusEffect(status: string): { state: OutboxState; attempt: AttemptUpdate } | null {
  switch (status) {
    case 'scheduled':
      return null;
    case 'delivered':
    case 'read':
      return { state: 'delivered', attempt: { outcome: 'delivered', countsForBudget: true } };
    case 'undelivered':
      return { state: 'undelivered', attempt: { outcome: 'undelivered', countsForBudget: true } };
    case 'failed':
      return { state: 'undelivered', attempt: { outcome: 'failed', countsForBudget: true, detail: 'failed at Twilio at its send time' } };
    case 'canceled':
      return {
        state: 'cancelled',
        attempt: { outcome: 'failed', countsForBudget: false, detail: 'cancelled at Twilio outside Frontdesk' },
      };
    default:
      // accepted, queued, sending, sent: it left the schedule; delivery polling follows it from `sent`.
      return { state: 'sent', attempt: { outcome: 'sent', countsForBudget: true } };
  }
}

/** Records what Twilio reports for a row that was `scheduled` (inside the caller's transaction). */
export function applyProviderStatus(db: WritableDB, row: OutboxRow, status: string, now: number, reason?: string): void {
  const effect = scheduledStatusEffect(status);
  if (!effect) return;
  const why = reason ?? (effect.state === 'cancelled' ? 'cancelled at Twilio outside Frontdesk' : `sent by Twilio at its scheduled time`);
  if (!finishScheduled(db, row.id, effect.state, why, now)) return;
  setAttemptOutcome(db, row.id, { ...effect.attempt, providerId: row.provider_id }, now);
}

/**
 * After its SendAt, each scheduled text is asked about once a cycle until Twilio says it left (or was cancelled
 * in Twilio's console): `scheduled` → `sent`/`delivered`… Rows waiting for a cancel are the canceller's.
 */
export async function pollScheduledStatuses(db: WritableDB, scheduler: ScheduledSmsTransport, now: () => number): Promise<number> {
  let moved = 0;
  for (const row of listScheduledRows(db)) {
    if (row.cancel_requested_at != null || !row.provider_id || (row.send_at ?? 0) + ASK_AFTER_SEND_AT_MS > now()) continue;
    const answer = await scheduler.status(row.provider_id);
    if (answer.kind === 'error' || answer.status === 'scheduled') continue;
    await writeWhenFree(db, () => db.transaction(() => applyProviderStatus(db, row, answer.status, now())).immediate());
    moved += 1;
  }
  return moved;
}
