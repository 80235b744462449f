import type { ContactDay } from '../../../shared/domain/reports';
import type { LedgerFactRow } from '../db/repos/reports-repo';
import { dayIndex, type DayRange } from './range';

/** Days in a rolling week (the weekly cap of docs/safeguards.md#contact-budgets). */
const WEEK_DAYS = 7;

/**
 * Texts, calls and emails per clinic day, and how close any one number came to the caps: the most
 * texts-or-calls one number got that day and in the 7 days ending that day. Only attempts that count
 * against the budgets are counted (every attempt but a definite "not sent"), as the dispatcher counts them.
 * `wide` is `range` widened by 6 days in front, and `rows` cover it, so the first days' weeks are whole.
 */
export function contactsPerDay(rows: readonly LedgerFactRow[], range: DayRange, wide: DayRange, capPerDay: number): ContactDay[] {
  const offset = wide.days.length - range.days.length;
  const days: ContactDay[] = range.days.map((date) => ({
    date,
    sms: 0,
    voice: 0,
    email: 0,
    maxPerNumber: 0,
    numbersAtCap: 0,
    maxPerNumberWeek: 0,
  }));
  // Per number, texts-or-calls per day of the widened range.
  const perNumber = new Map<string, number[]>();
  for (const row of rows) {
    if (row.counts_for_budget !== 1) continue;
    const wideDay = dayIndex(wide, row.attempted_at);
    if (wideDay < 0) continue;
    const day = days[wideDay - offset];
    if (day) day[row.channel] += 1;
    if (row.channel === 'email') continue;
    let counts = perNumber.get(row.recipient);
    if (!counts) perNumber.set(row.recipient, (counts = new Array<number>(wide.days.length).fill(0)));
    counts[wideDay]! += 1;
  }
  for (const counts of perNumber.values()) {
    days.forEach((day, i) => {
      const n = counts[i + offset]!;
      day.maxPerNumber = Math.max(day.maxPerNumber, n);
      if (capPerDay > 0 && n >= capPerDay) day.numbersAtCap += 1;
      let week = 0;
      for (let k = Math.max(0, i + offset - WEEK_DAYS + 1); k <= i + offset; k += 1) week += counts[k]!;
      day.maxPerNumberWeek = Math.max(day.maxPerNumberWeek, week);
    });
  }
  return days;
}
