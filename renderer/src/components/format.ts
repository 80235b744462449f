/** Display helpers. Times from the engine carry the clinic's offset, so their wall-clock part is the clinic time. */

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "09:30" from "2025-03-14T09:30:00-04:00". */
export function clockTime(iso: string): string {
  return iso.slice(11, 16);
}

/** "2025-03-14" from an ISO string with offset. */
export function isoDay(iso: string): string {
  return iso.slice(0, 10);
}

/** "Fri 14 Mar" for a YYYY-MM-DD day. */
export function shortDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return day;
  const date = new Date(Date.UTC(y, m - 1, d));
  return `${WEEKDAYS[date.getUTCDay()]} ${d} ${MONTHS[m - 1]}`;
}

/** "09:30" if on `sameDay`, else "Thu 13 Mar 09:30". */
export function whenRelativeTo(iso: string, sameDay: string): string {
  return isoDay(iso) === sameDay ? clockTime(iso) : `${shortDay(isoDay(iso))} ${clockTime(iso)}`;
}

/** Compact form for chips: "09:30" if on `sameDay`, else "Sun 09:30" (full date is in the tooltip and the detail panel). */
export function compactWhen(iso: string, sameDay: string): string {
  if (isoDay(iso) === sameDay) return clockTime(iso);
  return `${shortDay(isoDay(iso)).split(' ')[0]} ${clockTime(iso)}`;
}

/** Any instant, shown in the clinic's zone: "Fri 14 Mar 09:30". Falls back to the raw string. */
export function formatInstant(iso: string | null | undefined, timeZone: string | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(date);
    const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
    return `${get('weekday')} ${get('day')} ${get('month')} ${get('hour')}:${get('minute')}`;
  } catch {
    return iso;
  }
}

/** Today's date (YYYY-MM-DD) in `timeZone`, for the date picker's default. */
export function todayIn(timeZone: string | undefined, now: Date = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/** Adds `days` to a YYYY-MM-DD day. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
  return date.toISOString().slice(0, 10);
}

export const CHANNEL_LABEL = { email: 'Email', sms: 'SMS', voice: 'Call' } as const;
