import { DateTime } from 'luxon';
import { DAY_MS } from '../platform/clock';
import type { Weekday, WeeklyHours } from './desk-hours';
import { formatDeskHours } from './desk-hours';

/** Where the desk hours came from: the clinic's setting, the engine's own history, or typical office hours. */
export type DeskHoursSource = 'configured' | 'learned' | 'assumed';

/** [start, end) in ms since the epoch. */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

/** When this computer is expected to be on (docs/coverage.md#desk-hours). */
export interface DeskCalendar {
  readonly source: DeskHoursSource;
  /** The hours in the canonical text form, e.g. "Mon-Fri 07:30-18:00". */
  readonly description: string;
  isDeskTime(ms: number): boolean;
  /**
   * When the desk next goes off: the end of the desk period `nowMs` is in; `nowMs` itself when the desk is
   * already expected to be off; null when no off time is coming within two weeks (a desk that never closes).
   */
  nextOffStartMs(nowMs: number): number | null;
  /** The desk periods overlapping [fromMs, toMs), clipped to it, in order. */
  intervals(fromMs: number, toMs: number): Interval[];
}

/** How far nextOffStartMs looks. */
const LOOKAHEAD_DAYS = 14;

/** A weekly calendar in the clinic's zone; local times are converted per day, so daylight saving is handled. */
export function weeklyDeskCalendar(hours: WeeklyHours, zone: string, source: DeskHoursSource): DeskCalendar {
  const intervals = (fromMs: number, toMs: number): Interval[] => clip(weekIntervals(hours, zone, fromMs - DAY_MS, toMs), fromMs, toMs);
  return {
    source,
    description: formatDeskHours(hours),
    intervals,
    isDeskTime: (ms) => intervals(ms, ms + 1).length > 0,
    nextOffStartMs: (nowMs) => {
      const horizon = nowMs + LOOKAHEAD_DAYS * DAY_MS;
      const current = intervals(nowMs, horizon)[0];
      if (!current || current.start > nowMs) return nowMs;
      return current.end >= horizon ? null : current.end;
    },
  };
}

/** Desk periods of every local day touching [fromMs, toMs), merged where one runs into the next. */
function weekIntervals(hours: WeeklyHours, zone: string, fromMs: number, toMs: number): Interval[] {
  const out: Interval[] = [];
  let day = DateTime.fromMillis(fromMs, { zone }).startOf('day');
  while (day.toMillis() < toMs) {
    const next = day.plus({ days: 1 });
    for (const range of hours[day.weekday as Weekday]) {
      const start = day.set({ hour: Math.floor(range.from / 60), minute: range.from % 60 }).toMillis();
      const end =
        range.until >= 1440 ? next.toMillis() : day.set({ hour: Math.floor(range.until / 60), minute: range.until % 60 }).toMillis();
      if (end > start) push(out, { start, end });
    }
    day = next;
  }
  return out;
}

function push(out: Interval[], interval: Interval): void {
  const last = out[out.length - 1];
  if (last && interval.start <= last.end) out[out.length - 1] = { start: last.start, end: Math.max(last.end, interval.end) };
  else out.push(interval);
}

function clip(intervals: readonly Interval[], fromMs: number, toMs: number): Interval[] {
  return intervals
    .filter((i) => i.end > fromMs && i.start < toMs)
    .map((i) => ({ start: Math.max(i.start, fromMs), end: Math.min(i.end, toMs) }));
}

/** The overlap of two ordered interval lists. */
export function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i]!.start, b[j]!.start);
    const end = Math.min(a[i]!.end, b[j]!.end);
    if (end > start) out.push({ start, end });
    if (a[i]!.end < b[j]!.end) i += 1;
    else j += 1;
  }
  return out;
}

/**
 * The calendar of a desk that goes off at `offStart` (the app is quitting): the rest of the desk period that
 * `offStart` falls in is off time too; later periods are as the desk calendar says (docs/desktop-power.md#quit-warning).
 */
export function offFrom(desk: DeskCalendar, offStart: number): DeskCalendar {
  const current = desk.intervals(offStart, offStart + LOOKAHEAD_DAYS * DAY_MS)[0];
  const offUntil = current && current.start <= offStart ? current.end : offStart;
  const intervals = (fromMs: number, toMs: number): Interval[] =>
    desk.intervals(fromMs, toMs).flatMap((i) => {
      if (i.end <= offStart || i.start >= offUntil) return [i];
      return [
        ...(i.start < offStart ? [{ start: i.start, end: offStart }] : []),
        ...(i.end > offUntil ? [{ start: offUntil, end: i.end }] : []),
      ];
    });
  return {
    source: desk.source,
    description: desk.description,
    intervals,
    isDeskTime: (ms) => intervals(ms, ms + 1).length > 0,
    nextOffStartMs: (nowMs) => (nowMs >= offStart && nowMs < offUntil ? nowMs : desk.nextOffStartMs(nowMs)),
  };
}
