/**
 * Desk hours as the clinic writes them (docs/coverage.md#desk-hours): comma-separated entries, each a day or a
 * day range and a time range, e.g. "Mon-Fri 07:30-18:00, Sat 09:00-13:00". Times are the clinic's local times.
 */

/** ISO weekday numbers, Monday = 1 … Sunday = 7 (luxon's `weekday`). */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Minutes since local midnight: [from, until), until ≤ 1440. */
export interface MinuteRange {
  readonly from: number;
  readonly until: number;
}

/** The desk's week: for each weekday, its on-ranges, sorted and not overlapping. */
export type WeeklyHours = Readonly<Record<Weekday, readonly MinuteRange[]>>;

export const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];
const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const FULL_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

export type DeskHoursParse = { readonly ok: true; readonly hours: WeeklyHours } | { readonly ok: false; readonly reason: string };

const EXAMPLE = 'e.g. "Mon-Fri 07:30-18:00, Sat 09:00-13:00"';

export function emptyWeek(): Record<Weekday, MinuteRange[]> {
  return { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] };
}

function dayOf(word: string): Weekday | null {
  const lower = word.toLowerCase();
  const index = FULL_NAMES.findIndex((name) => lower.length >= 3 && name.startsWith(lower));
  return index === -1 ? null : ((index + 1) as Weekday);
}

function minutesOf(hhmm: string, allow24: boolean): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!match) return null;
  const h = Number(match[1]);
  const m = Number(match[2]);
  if (m > 59) return null;
  if (h === 24 && m === 0 && allow24) return 1440;
  return h <= 23 ? h * 60 + m : null;
}

function daysOf(text: string): Weekday[] | string {
  const [firstWord = '', lastWord, extra] = text.split('-');
  if (extra !== undefined) return `"${text}" is not a day or a day range such as Mon-Fri`;
  const first = dayOf(firstWord.trim());
  if (first === null) return `"${firstWord.trim()}" is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)`;
  if (lastWord === undefined) return [first];
  const last = dayOf(lastWord.trim());
  if (last === null) return `"${lastWord.trim()}" is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)`;
  if (last < first) return `day range "${text}" runs backwards; write it from Monday towards Sunday (e.g. Mon-Fri)`;
  return WEEKDAYS.filter((d) => d >= first && d <= last);
}

function rangeOf(text: string): MinuteRange | string {
  const [fromText = '', untilText, extra] = text.split('-');
  if (untilText === undefined || extra !== undefined) return `"${text}" is not a time range such as 07:30-18:00`;
  const from = minutesOf(fromText.trim(), false);
  const until = minutesOf(untilText.trim(), true);
  if (from === null) return `"${fromText.trim()}" is not a time (HH:mm, 00:00 to 23:59)`;
  if (until === null) return `"${untilText.trim()}" is not a time (HH:mm, 00:01 to 24:00)`;
  if (until <= from)
    return `"${text}" ends before it starts; a range past midnight is two entries (e.g. "Fri 20:00-24:00, Sat 00:00-06:00")`;
  return { from, until };
}

/** Parses desk hours strictly: every entry must be understood, or the whole text is refused with the reason. */
export function parseDeskHours(text: string): DeskHoursParse {
  const entries = text.split(',').map((e) => e.trim());
  if (text.trim() === '') return { ok: false, reason: `desk hours are empty; ${EXAMPLE}` };
  const week = emptyWeek();
  for (const entry of entries) {
    if (entry === '') return { ok: false, reason: `desk hours "${text}" have an empty entry between commas` };
    const match = /^(\S+)\s+(\S+)$/.exec(entry.replace(/\s*-\s*/g, '-'));
    if (!match) return { ok: false, reason: `desk hours entry "${entry}" is not "DAYS HH:mm-HH:mm"; ${EXAMPLE}` };
    const days = daysOf(match[1]!);
    if (typeof days === 'string') return { ok: false, reason: `desk hours entry "${entry}": ${days}` };
    const range = rangeOf(match[2]!);
    if (typeof range === 'string') return { ok: false, reason: `desk hours entry "${entry}": ${range}` };
    for (const day of days) week[day].push(range);
  }
  for (const day of WEEKDAYS) week[day] = mergeRanges(week[day]);
  return { ok: true, hours: week };
}

/** Sorts ranges and joins overlapping or touching ones. */
export function mergeRanges(ranges: readonly MinuteRange[]): MinuteRange[] {
  const sorted = [...ranges].sort((a, b) => a.from - b.from);
  const merged: MinuteRange[] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r.from <= last.until) merged[merged.length - 1] = { from: last.from, until: Math.max(last.until, r.until) };
    else merged.push(r);
  }
  return merged;
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The canonical text of a week ("Mon-Fri 07:30-18:00, Sat 09:00-13:00"): consecutive days with equal hours are joined. */
export function formatDeskHours(hours: WeeklyHours): string {
  const key = (d: Weekday) => hours[d].map((r) => `${r.from}-${r.until}`).join('|');
  const parts: string[] = [];
  let i = 0;
  while (i < WEEKDAYS.length) {
    const day = WEEKDAYS[i]!;
    let j = i;
    while (j + 1 < WEEKDAYS.length && key(WEEKDAYS[j + 1]!) === key(day)) j += 1;
    if (hours[day].length > 0) {
      const days = i === j ? DAY_NAMES[i]! : `${DAY_NAMES[i]!}-${DAY_NAMES[j]!}`;
      for (const r of hours[day]) parts.push(`${days} ${hhmm(r.from)}-${hhmm(r.until)}`);
    }
    i = j + 1;
  }
  return parts.join(', ');
}

/** Typical office hours, assumed until the desk's own hours are configured or learned. */
export const ASSUMED_DESK_HOURS = 'Mon-Fri 08:00-18:00';
