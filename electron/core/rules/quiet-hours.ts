import { DateTime } from 'luxon';
import { DAY_MS } from '../platform/clock';

/** Minutes since local midnight for "HH:mm". */
function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * Quiet hours (docs/safeguards.md#quiet-hours): the earliest instant ≥ `at` inside the daily send window [from, until) in `zone`,
 * DST-correct (luxon does the local-time arithmetic). Returns `at` itself when it is already inside.
 */
export function nextSendableInstant(at: number, zone: string, from: string, until: string): number {
  const local = DateTime.fromMillis(at, { zone });
  const minuteOfDay = local.hour * 60 + local.minute;
  const start = minutesOf(from);
  const end = minutesOf(until);
  if (minuteOfDay >= start && minuteOfDay < end) return at;
  const day = minuteOfDay < start ? local : local.plus({ days: 1 });
  return day
    .startOf('day')
    .set({ hour: Math.floor(start / 60), minute: start % 60 })
    .toMillis();
}

/** Start of the local calendar day containing `at` (budgets count per local day: docs/safeguards.md#contact-budgets). */
export function startOfLocalDay(at: number, zone: string): number {
  return DateTime.fromMillis(at, { zone }).startOf('day').toMillis();
}

/** Start of the next local calendar day. */
export function startOfNextLocalDay(at: number, zone: string): number {
  return DateTime.fromMillis(at, { zone }).startOf('day').plus({ days: 1 }).toMillis();
}

/** How far ahead the all-zones search looks before it gives up (a window no instant satisfies). */
const SEARCH_DAYS = 8;

/**
 * The earliest instant ≥ `at` inside the send window in every zone of `zones` — a recipient whose zone is
 * only known to be one of several (a multi-zone country). Infinity when no instant in the next
 * SEARCH_DAYS is allowed everywhere (e.g. a short window across a country spanning many hours).
 */
export function nextSendableInAllZones(at: number, zones: readonly string[], from: string, until: string): number {
  if (zones.length === 1) return nextSendableInstant(at, zones[0]!, from, until);
  const limit = at + SEARCH_DAYS * DAY_MS;
  let t = at;
  while (t < limit) {
    // Jump to the latest window opening among the zones; stop when every zone is inside at once.
    const next = Math.max(...zones.map((zone) => nextSendableInstant(t, zone, from, until)));
    if (next === t) return t;
    t = next;
  }
  return Number.POSITIVE_INFINITY;
}

/** The earliest local midnight before `at` among `zones`: a contact after it shares a local day with `at` in some zone. */
export function startOfLocalDayInAnyZone(at: number, zones: readonly string[]): number {
  return Math.min(...zones.map((zone) => startOfLocalDay(at, zone)));
}

/** The latest next local midnight among `zones`: from then on, `at`'s day is over in every zone. */
export function startOfNextLocalDayInEveryZone(at: number, zones: readonly string[]): number {
  return Math.max(...zones.map((zone) => startOfNextLocalDay(at, zone)));
}
