import type { TodayAppointment } from '../../../../shared/domain/dto';
import type { AppointmentStatus } from '../../../../shared/domain/types';

export type StatusFilter = 'all' | AppointmentStatus;
export type IssueFilter = 'all' | 'attention' | 'not-reached' | 'unconfirmed' | 'no-contact';

const ATTENTION_STATES = new Set(['unknown', 'failed', 'undelivered']);

/**
 * True when the engine reports something a person should look at for this appointment: a patient who will
 * get no text and no call (the engine's reason in `notReached`), an invalid number, a failed or unknown attempt.
 */
export function needsAttention(a: TodayAppointment): boolean {
  return !!a.notReached || a.phoneInvalid !== null || a.contacts.some((c) => ATTENTION_STATES.has(c.state));
}

/** The day's providers, sorted, for the provider filter. */
export function providersOf(rows: readonly TodayAppointment[]): string[] {
  return [...new Set(rows.map((a) => a.provider))].sort((a, b) => a.localeCompare(b));
}

/** Sorts by start instant (offsets may differ across a DST change). */
export function byStartTime(rows: readonly TodayAppointment[]): TodayAppointment[] {
  return rows
    .map((a) => ({ a, t: Date.parse(a.startsAt) }))
    .sort((x, y) => x.t - y.t || x.a.patient.localeCompare(y.a.patient, undefined, { numeric: true }))
    .map((x) => x.a);
}

const digits = (s: string) => s.replace(/\D/g, '');

/** Applies the status, provider, issue and search filters; search matches patient, phone or external id. */
export function filterAppointments(
  rows: readonly TodayAppointment[],
  f: Readonly<{ status: StatusFilter; issue: IssueFilter; search: string; provider?: string | null }>,
): TodayAppointment[] {
  const q = f.search.trim().toLowerCase();
  const qDigits = digits(q);
  return rows.filter((a) => {
    if (f.status !== 'all' && a.status !== f.status) return false;
    if (f.provider && a.provider !== f.provider) return false;
    if (f.issue === 'attention' && !needsAttention(a)) return false;
    if (f.issue === 'not-reached' && !a.notReached) return false;
    if (f.issue === 'unconfirmed' && a.status !== 'booked') return false;
    if (f.issue === 'no-contact' && !a.doNotContact && !a.optedOut) return false;
    if (!q) return true;
    return (
      a.patient.toLowerCase().includes(q) ||
      a.appointment.toLowerCase().includes(q) ||
      (qDigits.length >= 3 && a.phone !== null && digits(a.phone).includes(qDigits))
    );
  });
}
