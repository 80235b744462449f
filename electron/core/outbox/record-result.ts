import type { DispatchResult } from '../../../shared/domain/dto';
import type { OutboxState } from '../../../shared/domain/types';
import type { SendResult } from '../channels/channel';
import { setAttemptOutcome } from '../db/repos/contacts-repo';
import { recordEvent } from '../db/repos/events-repo';
import { finishSending, type OutboxRow } from '../db/repos/outbox-repo';
import { markRecipientInvalid } from '../db/repos/recipients-repo';
import { optOutAddress } from '../schedule/consent-changes';
import { MINUTE_MS } from '../platform/clock';
import { jitterFactor } from '../platform/ids';
import type { EngineEvent } from '../api/engine-events';
import type { DispatcherDeps } from './dispatcher';

/** Definite "not processed" answers are retried with backoff, a few times, inside the window (docs/outbox-states.md#retries). */
export const MAX_ATTEMPTS = 5;

export function retryDelayMs(attempts: number): number {
  // Whole milliseconds: not_before is an INTEGER column in a STRICT table.
  return Math.round(Math.min(2 ** attempts * MINUTE_MS, 60 * MINUTE_MS) * jitterFactor());
}

export interface RecordedResult {
  /** All sending must stop (configuration fault). */
  readonly stop: boolean;
  /** Push notices for the UI and tray, to emit after the transaction commits. */
  readonly notices: readonly EngineEvent[];
}

/**
 * Records what the provider said, after the call, fenced by the lease token
 * (docs/outbox-states.md#fenced-results). Runs inside the caller's transaction: the dispatcher commits
 * it together with the next group's hand-off marks (one message per group for real providers).
 */
export function applySendResult(
  deps: Pick<DispatcherDeps, 'db' | 'control' | 'clock' | 'logger'>,
  row: OutboxRow,
  token: string,
  res: SendResult,
  result: DispatchResult,
): RecordedResult {
  const { db, clock, logger } = deps;
  const now = clock.now();
  let stop = false;
  const finish = (
    state: OutboxState,
    reason: string | null,
    extra: { providerId?: string; lastError?: string; notBefore?: number } = {},
  ): void => {
    const fenced = finishSending(
      db,
      row.id,
      token,
      {
        state,
        reason,
        providerId: extra.providerId ?? null,
        lastError: extra.lastError ?? null,
        ...(extra.notBefore !== undefined ? { notBefore: extra.notBefore } : {}),
      },
      now,
    );
    if (!fenced) {
      // Someone else changed a row we were sending: an alarm, never a retry (docs/outbox-states.md#fenced-results).
      logger.error(`outbox row ${row.id} was no longer ours when its result arrived`, { state, reason });
      recordEvent(db, now, 'fence_violation', 'dispatcher', { outboxId: row.id, result: res.kind });
    }
  };
  {
    switch (res.kind) {
      case 'accepted':
        finish('sent', null, { providerId: res.providerId });
        setAttemptOutcome(
          db,
          row.id,
          { outcome: res.simulated ? 'simulated' : 'sent', countsForBudget: true, providerId: res.providerId },
          now,
        );
        result.sent += 1;
        break;
      case 'unknown':
        finish('unknown', 'provider outcome unknown', { lastError: res.error });
        setAttemptOutcome(db, row.id, { outcome: 'unknown', countsForBudget: true, errorCode: res.code ?? null, detail: res.error }, now);
        result.unknown += 1;
        break;
      case 'rejected': {
        setAttemptOutcome(db, row.id, { outcome: 'failed', countsForBudget: false, errorCode: res.code ?? null, detail: res.error }, now);
        switch (res.action) {
          case 'retry': {
            const next = now + retryDelayMs(row.attempts);
            if (row.attempts < MAX_ATTEMPTS && next < row.expires_at) {
              finish('pending', 'provider busy; retrying', { lastError: res.error, notBefore: next });
              result.deferred += 1;
            } else {
              finish('failed', 'provider busy until the send window closed', { lastError: res.error });
              result.failed += 1;
            }
            break;
          }
          case 'invalid_address':
            finish('failed', `invalid number — fix this number (${res.error})`, { lastError: res.error });
            markRecipientInvalid(db, row.recipient, res.error, now);
            recordEvent(db, now, 'invalid_number', 'dispatcher', { recipient: row.recipient, error: res.error });
            result.failed += 1;
            break;
          case 'opt_out':
            finish('failed', 'number has opted out at the provider (STOP)', { lastError: res.error });
            optOutAddress(db, row.recipient, { at: now, source: 'provider', actor: 'dispatcher' });
            result.failed += 1;
            break;
          case 'pause':
            // A configuration fault, not the patient's: nothing was sent; pause everything for a human.
            finish('pending', 'paused: provider configuration error', { lastError: res.error });
            deps.control.pause({
              kind: 'config',
              reason: `Provider rejected our credentials or sender: ${res.error}`,
              actor: 'dispatcher',
              now,
              audit: { kind: 'paused', detail: { kind: 'config', reason: res.error } },
            });
            stop = true;
            break;
          case 'fail':
            finish('failed', res.error, { lastError: res.error });
            result.failed += 1;
            break;
        }
        break;
      }
    }
  }
  const notices: EngineEvent[] = [];
  if (res.kind === 'rejected' && res.action === 'invalid_address') {
    notices.push({ type: 'attention', kind: 'invalid_number', message: `Fix this number: ${row.recipient} (${res.error})` });
  }
  if (stop) {
    notices.push({ type: 'paused', kind: 'config', reason: res.kind === 'rejected' ? res.error : '' });
    notices.push({ type: 'attention', kind: 'auth_failed', message: 'Sending paused: the provider rejected our configuration' });
  }
  return { stop, notices };
}
