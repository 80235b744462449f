import type { TodayAppointment } from '../../../../shared/domain/dto';
import type { AppointmentStatus } from '../../../../shared/domain/types';

export type StatusFilter = 'all' | AppointmentStatus;
export type IssueFilter = 'all' | 'attention' | 'unconfirmed' | 'no-contact';

const ATTENTION_STATES = new Set(['unknown', 'failed', 'undelivered']);

/** True when the engine reports something a person should look at for this appointment. */
export function needsAttention(a: TodayAppointment): boolean {
  return a.phoneInvalid !== null || a.contacts.some((c) => ATTENTION_STATES.has(c.state));
}

/** Sorts by start instant (offsets may differ across a DST change). */
export function byStartTime(rows: readonly TodayAppointment[]): TodayAppointment[] {
  return rows
    .map((a) => ({ a, t: Date.parse(a.startsAt) }))
    .sort((x, y) => x.t - y.t || x.a.patient.localeCompare(y.a.patient, undefined, { numeric: true }))
    .map((x) => x.a);
}

const digits = (s: string) => s.replace(/\D/g, '');

/** Applies the status, issue and search filters; search matches patient, phone or external id. */
export function filterAppointments(
  rows: readonly TodayAppointment[],
  f: Readonly<{ status: StatusFilter; issue: IssueFilter; search: string }>,
): TodayAppointment[] {
  const q = f.search.trim().toLowerCase();
  const qDigits = digits(q);
  return rows.filter((a) => {
    if (f.status !== 'all' && a.status !== f.status) return false;
    if (f.issue === 'attention' && !needsAttention(a)) return false;
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
