import type { ClinicSettings } from '../../../../shared/domain/dto';
import type { OutboxRow } from '../../db/repos/outbox-repo';
import type { PlanningAppointment } from '../../db/repos/planning-repo';
import type { ReadableDB } from '../../db/types';
import { assertNever } from '../../platform/errors';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../platform/clock';
import { decideClaim } from '../../outbox/final-checks';

/** Twilio takes SendAt 15 min to 35 days ahead; one extra minute covers the request's own time. */
export const MIN_LEAD_MS = 16 * MINUTE_MS;
export const MAX_LEAD_MS = 35 * DAY_MS - HOUR_MS;

export type SendAtDecision = { readonly kind: 'at'; readonly sendAt: number } | { readonly kind: 'none'; readonly reason: string };

const MAX_STEPS = 60;

/**
 * The first instant, at least 15 minutes and at most 35 days ahead, at which the final checks would let this
 * text go (docs/send-ahead.md#send-time): the claim's own checks run as if it were then — window, quiet hours
 * in the recipient's zone, budgets counted from the ledger (other scheduled texts included), consent, STOP.
 */
export function firstAllowedSendAt(
  db: ReadableDB,
  settings: ClinicSettings,
  row: OutboxRow,
  appt: PlanningAppointment | undefined,
  now: number,
): SendAtDecision {
  // Whole seconds: Twilio's SendAt has no milliseconds, and the ledger records the same instant.
  let t = Math.ceil(Math.max(row.not_before, now + MIN_LEAD_MS) / 1000) * 1000;
  for (let step = 0; step < MAX_STEPS; step += 1) {
    if (t > now + MAX_LEAD_MS) return { kind: 'none', reason: 'its first allowed send time is more than 35 days ahead' };
    const decision = decideClaim({ db, now: t, settings, configured: { email: true, sms: true, voice: true } }, row, appt);
    switch (decision.kind) {
      case 'send':
        return { kind: 'at', sendAt: t };
      case 'defer':
        t = Math.ceil(Math.max(decision.until, t + 1000) / 1000) * 1000;
        break;
      case 'end':
        return {
          kind: 'none',
          reason:
            decision.state === 'expired'
              ? 'its send window closes before Twilio could send it (15 minutes ahead at the least)'
              : decision.reason,
        };
      case 'rate_limited':
        t += MINUTE_MS;
        break;
      default:
        return assertNever(decision);
    }
  }
  return { kind: 'none', reason: 'no allowed send time found' };
}
