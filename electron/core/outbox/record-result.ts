import type { DispatchResult } from '../../../shared/domain/dto';
import type { OutboxState } from '../../../shared/domain/types';
import type { RejectionAction, SendResult } from '../channels/channel';
import type { PauseInput } from '../control/control-store';
import { setAttemptOutcome } from '../db/repos/contacts-repo';
import { recordEvent } from '../db/repos/events-repo';
import { finishSending, type OutboxRow } from '../db/repos/outbox-repo';
import { markRecipientInvalid } from '../db/repos/recipients-repo';
import { optOutAddress } from '../schedule/consent-changes';
import { MINUTE_MS } from '../platform/clock';
import type { EngineEvent } from '../platform/engine-events';
import { assertNever } from '../platform/errors';
import { randomUnit } from '../platform/ids';
import type { DispatcherDeps } from './deps';

/** Definite "not processed" answers are retried with backoff, a few times, inside the window (docs/outbox-states.md#retries). */
export const MAX_ATTEMPTS = 5;

/** Backoff before retry `attempts`: 2^attempts minutes, at most an hour, times a jitter factor in [0.5, 1.5). */
export function retryDelayMs(attempts: number, random: () => number): number {
  // Whole milliseconds: not_before is an INTEGER column in a STRICT table.
  return Math.round(Math.min(2 ** attempts * MINUTE_MS, 60 * MINUTE_MS) * (0.5 + random()));
}

/** The ledger attempt's outcome, as the contacts repo records it. */
export type AttemptUpdate = Parameters<typeof setAttemptOutcome>[2];

/** The outbox row's next state; written only if the row is still `sending` under our lease token. */
export interface OutboxUpdate {
  readonly state: OutboxState;
  readonly reason: string | null;
  readonly providerId: string | null;
  readonly lastError: string | null;
  readonly notBefore?: number;
}

/** Which DispatchResult counter the result adds one to (a configuration pause adds to none). */
export type ResultCounter = 'sent' | 'unknown' | 'deferred' | 'failed';

/** Everything a provider's answer changes, decided without touching the database (table-tested). */
export interface SendResultDecision {
  readonly resultKind: SendResult['kind'];
  readonly outbox: OutboxUpdate;
  readonly attempt: AttemptUpdate;
  /** What the provider taught us about the number: invalid (fix it) or opted out (STOP). */
  readonly recipient: { readonly kind: 'invalid'; readonly reason: string } | { readonly kind: 'opted_out' } | null;
  /** An audit event for the schedule's log. */
  readonly event: { readonly kind: string; readonly detail: Record<string, unknown> } | null;
  /** A pause of all sending (a configuration fault, not the patient's); the write step adds `now`. */
  readonly pause: Omit<PauseInput, 'now'> | null;
  readonly counter: ResultCounter | null;
  /** Push notices for the UI and tray, to emit after the transaction commits. */
  readonly notices: readonly EngineEvent[];
}

export interface RecordedResult {
  /** All sending must stop (configuration fault). */
  readonly stop: boolean;
  /** Push notices for the UI and tray, to emit after the transaction commits. */
  readonly notices: readonly EngineEvent[];
}

/** The row facts a decision reads; `attempts` already counts the attempt being recorded. */
export type RecordedRow = Pick<OutboxRow, 'attempts' | 'expires_at' | 'recipient'>;

const NO_EFFECTS = { recipient: null, event: null, pause: null, notices: [] } as const;

function failedAttempt(res: { readonly error: string; readonly code?: string }): AttemptUpdate {
  return { outcome: 'failed', countsForBudget: false, errorCode: res.code ?? null, detail: res.error };
}

type Rejected = Extract<SendResult, { kind: 'rejected' }>;
/** The parts of a rejection's decision that every action shares. */
type RejectedBase = Pick<SendResultDecision, 'resultKind' | 'attempt' | 'recipient' | 'event' | 'pause' | 'notices'>;

/** The number cannot be reached: fail, mark it invalid until a human fixes it, and tell the front desk. */
function invalidAddress(base: RejectedBase, row: RecordedRow, res: Rejected): SendResultDecision {
  return {
    ...base,
    outbox: { state: 'failed', reason: `invalid number — fix this number (${res.error})`, providerId: null, lastError: res.error },
    recipient: { kind: 'invalid', reason: res.error },
    event: { kind: 'invalid_number', detail: { recipient: row.recipient, error: res.error } },
    counter: 'failed',
    notices: [{ type: 'attention', kind: 'invalid_number', message: `Fix this number: ${row.recipient} (${res.error})` }],
  };
}

/** A configuration fault, not the patient's: nothing was sent; the row waits and everything pauses for a human. */
function configPause(base: RejectedBase, res: Rejected): SendResultDecision {
  return {
    ...base,
    outbox: { state: 'pending', reason: 'paused: provider configuration error', providerId: null, lastError: res.error },
    pause: {
      kind: 'config',
      reason: `Provider rejected our credentials or sender: ${res.error}`,
      actor: 'dispatcher',
      audit: { kind: 'paused', detail: { kind: 'config', reason: res.error } },
    },
    counter: null,
    notices: [
      { type: 'paused', kind: 'config', reason: res.error },
      { type: 'attention', kind: 'auth_failed', message: 'Sending paused: the provider rejected our configuration' },
    ],
  };
}

/** A definite rejection: nothing reached the patient, so the attempt does not count for the budget. */
function decideRejected(row: RecordedRow, res: Rejected, now: number, random: () => number): SendResultDecision {
  const base: RejectedBase = { resultKind: res.kind, attempt: failedAttempt(res), ...NO_EFFECTS };
  const failed = (reason: string): OutboxUpdate => ({ state: 'failed', reason, providerId: null, lastError: res.error });
  const action: RejectionAction = res.action;
  switch (action) {
    case 'retry': {
      const next = now + retryDelayMs(row.attempts, random);
      if (row.attempts < MAX_ATTEMPTS && next < row.expires_at) {
        const outbox = {
          state: 'pending',
          reason: 'provider busy; retrying',
          providerId: null,
          lastError: res.error,
          notBefore: next,
        } as const;
        return { ...base, outbox, counter: 'deferred' };
      }
      return { ...base, outbox: failed('provider busy until the send window closed'), counter: 'failed' };
    }
    case 'invalid_address':
      return invalidAddress(base, row, res);
    case 'opt_out':
      return {
        ...base,
        outbox: failed('number has opted out at the provider (STOP)'),
        recipient: { kind: 'opted_out' },
        counter: 'failed',
      };
    case 'pause':
      return configPause(base, res);
    case 'fail':
      return { ...base, outbox: failed(res.error), counter: 'failed' };
    default:
      return assertNever(action);
  }
}

/**
 * What the provider's answer to one send means (docs/outbox-states.md#fenced-results and 8): the row's next state, the
 * ledger outcome, what we learned about the number, and whether all sending must pause. Pure.
 */
export function decideSendResult(row: RecordedRow, res: SendResult, now: number, random: () => number): SendResultDecision {
  switch (res.kind) {
    case 'accepted':
      return {
        resultKind: res.kind,
        outbox: { state: 'sent', reason: null, providerId: res.providerId, lastError: null },
        attempt: { outcome: res.simulated ? 'simulated' : 'sent', countsForBudget: true, providerId: res.providerId },
        ...NO_EFFECTS,
        counter: 'sent',
      };
    case 'unknown':
      // It may have reached the patient: it counts for the budget until reconciliation says otherwise.
      return {
        resultKind: res.kind,
        outbox: { state: 'unknown', reason: 'provider outcome unknown', providerId: null, lastError: res.error },
        attempt: { outcome: 'unknown', countsForBudget: true, errorCode: res.code ?? null, detail: res.error },
        ...NO_EFFECTS,
        counter: 'unknown',
      };
    case 'rejected':
      return decideRejected(row, res, now, random);
    default:
      return assertNever(res);
  }
}

/**
 * Writes a decision inside the caller's transaction. The row update is fenced by the lease token
 * (docs/outbox-states.md#fenced-results): a row someone else changed meanwhile is an alarm, never a retry.
 */
export function writeSendResult(
  deps: Pick<DispatcherDeps, 'db' | 'control' | 'logger'>,
  row: Pick<OutboxRow, 'id' | 'recipient'>,
  token: string,
  decision: SendResultDecision,
  now: number,
): void {
  const { db, logger } = deps;
  if (!finishSending(db, row.id, token, decision.outbox, now)) {
    logger.error(`outbox row ${row.id} was no longer ours when its result arrived`, {
      state: decision.outbox.state,
      reason: decision.outbox.reason,
    });
    recordEvent(db, now, 'fence_violation', 'dispatcher', { outboxId: row.id, result: decision.resultKind });
  }
  setAttemptOutcome(db, row.id, decision.attempt, now);
  if (decision.recipient?.kind === 'invalid') markRecipientInvalid(db, row.recipient, decision.recipient.reason, now);
  if (decision.recipient?.kind === 'opted_out') optOutAddress(db, row.recipient, { at: now, source: 'provider', actor: 'dispatcher' });
  if (decision.event) recordEvent(db, now, decision.event.kind, 'dispatcher', decision.event.detail);
  if (decision.pause) deps.control.pause({ ...decision.pause, now });
}

/**
 * Records what the provider said, after the call (docs/outbox-states.md#fenced-results). Runs inside the caller's
 * transaction: the dispatcher commits it together with the next row's hand-off mark.
 */
export function applySendResult(
  deps: Pick<DispatcherDeps, 'db' | 'control' | 'clock' | 'logger' | 'random'>,
  row: OutboxRow,
  token: string,
  res: SendResult,
  result: DispatchResult,
): RecordedResult {
  const now = deps.clock.now();
  const decision = decideSendResult(row, res, now, deps.random ?? randomUnit);
  writeSendResult(deps, row, token, decision, now);
  if (decision.counter) result[decision.counter] += 1;
  return { stop: decision.pause !== null, notices: decision.notices };
}
