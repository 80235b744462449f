import { DateTime } from 'luxon';

/** Minutes since local midnight for "HH:mm". */
function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * DESIGN §5.7: the earliest instant ≥ `at` inside the daily send window [from, until) in `zone`,
 * DST-correct (luxon does the local-time arithmetic). Returns `at` itself when it is already inside.
 */
export function nextSendableInstant(at: number, zone: string, from: string, until: string): number {
  const local = DateTime.fromMillis(at, { zone });
  const minuteOfDay = local.hour * 60 + local.minute;
  const start = minutesOf(from);
  const end = minutesOf(until);
  if (minuteOfDay >= start && minuteOfDay < end) return at;
  const day = minuteOfDay < start ? local : local.plus({ days: 1 });
  return day.startOf('day').set({ hour: Math.floor(start / 60), minute: start % 60 }).toMillis();
}

/** Start of the local calendar day containing `at` (budgets count per local day, DESIGN §8). */
export function startOfLocalDay(at: number, zone: string): number {
  return DateTime.fromMillis(at, { zone }).startOf('day').toMillis();
}

/** Start of the next local calendar day. */
export function startOfNextLocalDay(at: number, zone: string): number {
  return DateTime.fromMillis(at, { zone }).startOf('day').plus({ days: 1 }).toMillis();
}
