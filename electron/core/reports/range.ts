import { DateTime } from 'luxon';
import { badRequest } from '../platform/errors';

/** Reports cover whole clinic days, at most a year and a day at once. */
export const MAX_REPORT_DAYS = 366;
/** The dashboard's default: the last 30 days, today included. */
export const DEFAULT_REPORT_DAYS = 30;

/** A range of whole clinic-local days, `from` and `to` inclusive; instants [fromMs, toMs). */
export interface DayRange {
  readonly from: string;
  readonly to: string;
  readonly fromMs: number;
  readonly toMs: number;
  /** Each day's start instant, in order, plus `toMs` at the end (day i is [starts[i], starts[i+1])). */
  readonly starts: readonly number[];
  readonly days: readonly string[];
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Parses a YYYY-MM-DD clinic date; `flag` names the option in the error ("--from"). */
export function parseDay(text: string, zone: string, flag: string): DateTime {
  const day = ISO_DATE.test(text) ? DateTime.fromISO(text, { zone }) : null;
  if (!day || !day.isValid) throw badRequest(`${flag} must be a date YYYY-MM-DD, got "${text}"`);
  return day.startOf('day');
}

/** The clinic day containing `now`, or `date`. */
export function clinicDay(date: string | undefined, now: number, zone: string, flag = '--date'): DateTime {
  return date === undefined ? DateTime.fromMillis(now, { zone }).startOf('day') : parseDay(date, zone, flag);
}

/** [from, to] as whole days; defaults to the 30 days ending today. Days follow the zone (DST days are 23 or 25 h). */
export function dayRange(from: string | undefined, to: string | undefined, now: number, zone: string): DayRange {
  const last = to === undefined ? DateTime.fromMillis(now, { zone }).startOf('day') : parseDay(to, zone, '--to');
  const first = from === undefined ? last.minus({ days: DEFAULT_REPORT_DAYS - 1 }) : parseDay(from, zone, '--from');
  if (first > last) throw badRequest(`--from (${first.toISODate()}) is after --to (${last.toISODate()})`);
  const count = Math.round(last.diff(first, 'days').days) + 1;
  if (count > MAX_REPORT_DAYS) throw badRequest(`a report covers at most ${MAX_REPORT_DAYS} days; this range has ${count}`);
  return daysFrom(first, count);
}

/** `count` whole days from `first` (a clinic-local start of day). */
export function daysFrom(first: DateTime, count: number): DayRange {
  const days: string[] = [];
  const starts: number[] = [];
  for (let i = 0; i <= count; i += 1) {
    const day = first.plus({ days: i });
    starts.push(day.toMillis());
    if (i < count) days.push(day.toISODate()!);
  }
  return { from: days[0]!, to: days[days.length - 1]!, fromMs: starts[0]!, toMs: starts[count]!, starts, days };
}

/** The same range with `before` more days in front (rolling-week counts need the 6 days before the first). */
export function widenedBefore(range: DayRange, before: number, zone: string): DayRange {
  return daysFrom(DateTime.fromMillis(range.fromMs, { zone }).minus({ days: before }), range.days.length + before);
}

/** Index of the day holding `at`, or -1 outside the range (binary search over the day starts). */
export function dayIndex(range: Pick<DayRange, 'starts'>, at: number): number {
  const { starts } = range;
  if (at < starts[0]! || at >= starts[starts.length - 1]!) return -1;
  let lo = 0;
  let hi = starts.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= at) lo = mid;
    else hi = mid;
  }
  return lo;
}
