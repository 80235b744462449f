import type { ReminderView, TodayAppointment } from '../../../shared/domain/dto';

/** Reminder states that reached the patient, or still will (a blocked pending row is shown as suppressed). */
const REACHING: ReadonlySet<ReminderView['state']> = new Set(['delivered', 'sent', 'sending', 'pending']);

/**
 * Why the front desk should phone this patient itself, or null: an unconfirmed (booked) appointment that no
 * reminder reached or will reach, or whose reminder call failed or has an unknown outcome. A patient marked
 * do-not-contact is never on the list. The day sheet's "needs a call" column and the daily summary's "at risk
 * tomorrow" both use this (docs/reports.md).
 */
export function needsCallReason(a: TodayAppointment): string | null {
  if (a.status !== 'booked' || a.doNotContact) return null;
  const call = a.contacts.find(
    (c) => c.channel === 'voice' && (c.state === 'unknown' || c.state === 'failed' || c.state === 'undelivered'),
  );
  if (call)
    return call.state === 'unknown' ? 'reminder call: outcome unknown' : `reminder call failed${call.reason ? ` (${call.reason})` : ''}`;
  if (a.contacts.some((c) => REACHING.has(c.state))) return null;
  if (a.contacts.length === 0) return a.phone === null && a.email === null ? 'no phone or email' : 'no reminder planned';
  if (a.phoneInvalid) return 'invalid phone number';
  const last = a.contacts[a.contacts.length - 1]!;
  return `no reminder got through (${last.reason ?? last.state})`;
}
