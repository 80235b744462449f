import type { ClinicSettings } from '../../../shared/domain/dto';
import { advancePendingEmail, listPendingEmailsDueWithin } from '../db/repos/coverage-repo';
import type { WritableDB } from '../db/types';
import { HOUR_MS, MINUTE_MS } from '../platform/clock';
import { DEFAULT_EMAIL_EARLY_HOURS, DEFAULT_LIMITS } from '../rules/defaults';
import { nextSendableInstant } from '../rules/quiet-hours';
import { assessWindow } from './at-risk';
import type { DeskCalendar } from './desk-calendar';

export const SENT_EARLY_REASON = 'sent early: this computer is expected to be off for its whole send window';

/**
 * Email early (docs/coverage.md#email-early): an email at risk whose due time is at most `emailEarlyHours` away is made
 * due now, so this cycle's claim sends it with every final check (consent, opt-out, rate). It is the same outbox row
 * with the same idempotency key, so it can go only once. It moves only inside quiet hours in the recipient's zone and
 * after the appointment's settle time. Returns how many were moved; the caller owns the transaction.
 */
export function moveAtRiskEmailsEarly(db: WritableDB, now: number, settings: ClinicSettings, deskFor: () => DeskCalendar): number {
  const hours = settings.emailEarlyHours ?? DEFAULT_EMAIL_EARLY_HOURS;
  if (hours <= 0) return 0;
  const settleMs = (settings.limits.settleMinutes ?? DEFAULT_LIMITS.settleMinutes ?? 0) * MINUTE_MS;
  let moved = 0;
  let desk: DeskCalendar | undefined;
  for (const row of listPendingEmailsDueWithin(db, now, now + hours * HOUR_MS)) {
    if (row.appointment_updated_at + settleMs > now) continue;
    // The calendar (learned from heartbeats) is worked out only when some email could go early.
    desk ??= deskFor();
    if (assessWindow({ start: row.not_before, end: row.expires_at }, desk, 'always') === null) continue;
    const zone = row.patient_timezone ?? settings.timezone;
    if (nextSendableInstant(now, zone, settings.sendFrom, settings.sendUntil) !== now) continue;
    if (advancePendingEmail(db, row.outbox_id, now, SENT_EARLY_REASON)) moved += 1;
  }
  return moved;
}
