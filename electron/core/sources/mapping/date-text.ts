/**
 * Date and time texts as practice exports write them, read without guessing: "12/14/2027", "12/14/27",
 * "2027-12-14", "Dec 14, 2027", "14-Dec-2027", "Tuesday, December 14, 2027"; "9:30 AM", "9:30am", "13:15",
 * "09:30:00", "0930". A numeric date with the year last can be read two ways; this module only says what the
 * two readings are, and FileDates (file-dates.ts) decides for the whole file.
 */

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export interface TimeOfDay {
  hour: number;
  minute: number;
  second: number;
}

/** A date text split into its parts: unambiguous, or "first/second/year" where first and second may swap. */
export type DateText =
  | { kind: 'exact'; date: CalendarDate }
  | { kind: 'year-last'; first: number; second: number; year: number }
  | { kind: 'invalid' };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAY_PREFIX = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i;
const YEAR_FIRST = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const YEAR_LAST = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/;
const MONTH_NAME_FIRST = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i;
const DAY_FIRST_NAME = /^(\d{1,2})[-\s]([a-z]{3,9})\.?[-\s,]+(\d{2}|\d{4})$/i;

/** A two-digit year is this century: schedules are about the coming weeks, never 1927. */
function fullYear(text: string): number {
  const n = Number(text);
  return text.length === 2 ? 2000 + n : n;
}

function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase();
  const index = MONTHS.findIndex((m) => lower.startsWith(m));
  if (index < 0) return undefined;
  // "Sept" and the full names are fine; "Decimal" is not a month.
  const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'][
    index
  ]!;
  return full.startsWith(lower) || lower === 'sept' ? index + 1 : undefined;
}

/** Splits a date text into its parts (see DateText); day and month ranges are checked later, per reading. */
export function readDateText(raw: string): DateText {
  const text = raw.trim().replace(WEEKDAY_PREFIX, '');
  const yearFirst = YEAR_FIRST.exec(text) ?? COMPACT.exec(text);
  if (yearFirst) return exact(Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3]));
  const yearLast = YEAR_LAST.exec(text);
  if (yearLast) return { kind: 'year-last', first: Number(yearLast[1]), second: Number(yearLast[2]), year: fullYear(yearLast[3]!) };
  const named = MONTH_NAME_FIRST.exec(text);
  if (named) {
    const month = monthNumber(named[1]!);
    return month ? exact(Number(named[3]), month, Number(named[2])) : { kind: 'invalid' };
  }
  const dayFirstNamed = DAY_FIRST_NAME.exec(text);
  if (dayFirstNamed) {
    const month = monthNumber(dayFirstNamed[2]!);
    return month ? exact(fullYear(dayFirstNamed[3]!), month, Number(dayFirstNamed[1])) : { kind: 'invalid' };
  }
  return { kind: 'invalid' };
}

function exact(year: number, month: number, day: number): DateText {
  return { kind: 'exact', date: { year, month, day } };
}

/** True when the day exists in that month (29 February only in leap years). */
export function isRealDate(d: CalendarDate): boolean {
  if (d.month < 1 || d.month > 12 || d.day < 1) return false;
  return d.day <= new Date(Date.UTC(d.year, d.month, 0)).getUTCDate();
}

const CLOCK = /^(\d{1,2})(?::(\d{2}))?(?::(\d{2})(?:\.\d+)?)?\s*([ap])?\.?\s*(m\.?)?$/i;
const MILITARY = /^(\d{2})(\d{2})$/;

/** A time of day, 24-hour or with AM/PM; undefined when it is not one (13:15 PM, 0:30 AM, 25:00, 9:75). */
export function readTimeText(raw: string): TimeOfDay | undefined {
  const text = raw.trim();
  const military = MILITARY.exec(text);
  if (military) return checked(Number(military[1]), Number(military[2]), 0);
  const m = CLOCK.exec(text);
  if (!m) return undefined;
  const [, h, min, sec, ampm, mSuffix] = m;
  // "9" alone is not a time; "9 AM" is. A lone "m" without a or p is not a meridiem.
  if ((min === undefined && !ampm) || (mSuffix && !ampm)) return undefined;
  let hour = Number(h);
  if (ampm) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (ampm.toLowerCase() === 'p' ? 12 : 0);
  }
  return checked(hour, Number(min ?? 0), Number(sec ?? 0));
}

function checked(hour: number, minute: number, second: number): TimeOfDay | undefined {
  return hour <= 23 && minute <= 59 && second <= 59 ? { hour, minute, second } : undefined;
}

const TRAILING_TIME = /^(.*?)(?:[\sT,]+|\s+at\s+)(\d{1,2}(?::\d{2}){0,2}(?:\.\d+)?\s*(?:[ap]\.?\s*m?\.?)?)$/i;

/** "12/14/2027 9:30 AM" → ["12/14/2027", "9:30 AM"]; a text without a time at the end → [text, undefined]. */
export function splitDateTime(raw: string): [string, string | undefined] {
  const text = raw.trim();
  const m = TRAILING_TIME.exec(text);
  // A time inside a date-and-time text has a colon or AM/PM: "Dec 14, 2027" must not end in the time 20:27.
  if (!m || !/[:ap]/i.test(m[2]!) || !readTimeText(m[2]!)) return [text, undefined];
  return [m[1]!.trim().replace(/,$/, ''), m[2]!];
}
