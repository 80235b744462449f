import { IANAZone } from 'luxon';
import { DAY_MS, MINUTE_MS } from '../platform/clock';
import { emptyWeek, type Weekday, type WeeklyHours } from './desk-hours';

/** Heartbeats are grouped into slots of this many minutes; the learned hours are multiples of it. */
export const SLOT_MINUTES = 30;
/** History needed before the hours are learned rather than assumed: a full week, so every weekday was seen. */
export const MIN_HISTORY_MS = 7 * DAY_MS;
/** How far back learning looks: recent weeks, so a change of routine is picked up within a month. */
export const LEARN_WINDOW_MS = 28 * DAY_MS;
/** A slot is desk time when the engine ran in it on at least this share of the days it occurred. */
const ON_SHARE = 0.5;

const SLOT_MS = SLOT_MINUTES * MINUTE_MS;
const SLOTS_PER_DAY = (24 * 60) / SLOT_MINUTES;

/**
 * Desk hours learned from heartbeats (docs/coverage.md#learned-hours). `slots` are the UTC slot indices
 * (ms / SLOT_MS) in which a dispatch cycle ran during [from, to); each is mapped to its local weekday and time
 * of day in `zone`, and a (weekday, time) slot is desk time when it was on for at least half of its occurrences.
 * A zone whose offset is not a whole number of half hours is read to the nearest slot.
 */
export function learnDeskHours(slots: readonly number[], zone: string, from: number, to: number): WeeklyHours {
  const seen = new Map<number, number>();
  const occurred = new Map<number, number>();
  const tz = IANAZone.create(zone);
  // Local wall time as if it were UTC: the zone's offset at that instant (cheap) instead of a full date object per slot.
  const keyOf = (slot: number): number => {
    const wall = new Date(slot * SLOT_MS + tz.offset(slot * SLOT_MS) * MINUTE_MS);
    const weekday = (wall.getUTCDay() + 6) % 7; // Monday = 0
    return weekday * SLOTS_PER_DAY + Math.floor((wall.getUTCHours() * 60 + wall.getUTCMinutes()) / SLOT_MINUTES);
  };
  for (let slot = Math.ceil(from / SLOT_MS); slot < Math.floor(to / SLOT_MS); slot += 1) {
    const key = keyOf(slot);
    occurred.set(key, (occurred.get(key) ?? 0) + 1);
  }
  for (const slot of slots) {
    const key = keyOf(slot);
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  const week = emptyWeek();
  for (let key = 0; key < 7 * SLOTS_PER_DAY; key += 1) {
    const times = occurred.get(key) ?? 0;
    if (times === 0 || (seen.get(key) ?? 0) / times < ON_SHARE) continue;
    const day = (Math.floor(key / SLOTS_PER_DAY) + 1) as Weekday;
    const start = (key % SLOTS_PER_DAY) * SLOT_MINUTES;
    const ranges = week[day];
    const last = ranges[ranges.length - 1];
    if (last && last.until === start) ranges[ranges.length - 1] = { from: last.from, until: start + SLOT_MINUTES };
    else ranges.push({ from: start, until: start + SLOT_MINUTES });
  }
  return week;
}
