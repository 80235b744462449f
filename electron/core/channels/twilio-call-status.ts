import type { DeliveryStatus } from './channel';

/** What the callee's side of a finished call adds: who answered (AMD) and the key pressed (Studio mode). */
export interface CallFacts {
  readonly answeredBy?: string | null | undefined;
  readonly digits?: string | undefined;
}

/**
 * The one mapping of a Twilio call status to a reminder's delivery (both voice transports read it: the
 * call resource's `status` and a Studio call widget's `CallStatus` use the same words). Null for a call
 * that is not over yet (queued, initiated, ringing, in-progress) or a status Twilio may add later.
 */
export function finalCallStatus(status: string | null | undefined, facts: CallFacts = {}): DeliveryStatus | null {
  switch (status) {
    case 'completed':
      return { kind: 'completed', answeredBy: facts.answeredBy ?? undefined, ...(facts.digits ? { digits: facts.digits } : {}) };
    case 'busy':
      return { kind: 'undelivered', error: 'busy', code: 'busy' };
    case 'no-answer':
      return { kind: 'undelivered', error: 'no answer', code: 'no-answer' };
    case 'canceled':
    case 'failed':
      return { kind: 'failed', error: `call ${status}`, code: status };
    default:
      return null;
  }
}

/**
 * A failed call with the reason Twilio gave in the call's Notifications (calls carry no error_code of
 * their own; there it is a string). 13224 means Twilio cannot call that number: fix it.
 */
export function failedCallWithReason(notificationCode: string | undefined): DeliveryStatus {
  const hint = notificationCode === '13224' ? ' — fix this number' : '';
  return { kind: 'failed', error: `call failed${notificationCode ? ` (${notificationCode})` : ''}${hint}`, code: notificationCode };
}
