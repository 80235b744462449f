import type { ClinicSettings } from '../../../shared/domain/dto';
import type { ReadableDB } from '../db/types';
import { countDueRows, maxDuePerRecipient } from '../db/repos/outbox-repo';
import { countAppointmentsWithOpenWindow } from '../db/repos/planning-repo';
import { MINUTE_MS } from '../platform/clock';

/**
 * The backlog breaker (docs/safeguards.md#backlog-breaker). With non-overlapping windows an appointment has at most one due step,
 * so the due set can never legitimately exceed the appointments whose windows are open. A due set far
 * above that, or a pile of due contacts for one number, means something upstream is wrong (the 2 a.m.
 * queue of the incident, docs/safeguards.md#the-incident): sending stops and a human looks. Returns the reason to trip, or null.
 */
export function breakerReason(db: ReadableDB, now: number, settings: ClinicSettings): string | null {
  const limits = settings.limits;
  const due = countDueRows(db, now);
  const maxOffset = Math.max(0, ...settings.rules.filter((r) => r.enabled).map((r) => r.offsetMinutes));
  // An email at risk of the desk being off may be due emailEarlyHours before its step (docs/coverage.md#email-early).
  const emailOffsets = settings.rules.filter((r) => r.enabled && r.channel === 'email').map((r) => r.offsetMinutes);
  const early = emailOffsets.length > 0 ? Math.max(...emailOffsets) + (settings.emailEarlyHours ?? 0) * 60 : 0;
  const predicted = countAppointmentsWithOpenWindow(
    db,
    now + limits.lastStepCutoffMinutes * MINUTE_MS,
    now + Math.max(maxOffset, early) * MINUTE_MS,
  );
  if (due > limits.breakerFactor * predicted + limits.breakerMinDue) {
    return `${due} reminders are due at once but the schedule accounts for at most ${predicted}`;
  }
  const top = maxDuePerRecipient(db, now);
  if (top && top.n > limits.breakerMaxDuePerRecipient) {
    return `${top.n} texts or calls are due for one number (${top.recipient}); the limit is ${limits.smsOrCallPerWeek} a week`;
  }
  return null;
}
