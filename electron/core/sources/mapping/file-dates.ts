import type { DateFormat } from '../../../../shared/domain/sources';
import { badRequest } from '../../platform/errors';
import { quoted } from '../../platform/quote';
import { type CalendarDate, isRealDate, readDateText } from './date-text';

/**
 * Countries whose own way is month first (the US and the territories and states that follow it; the
 * Philippines). Day first is read only when asked (--date-format DMY or a profile) or in a country listed
 * as day first; a file whose dates could be read either way is never guessed day first (a 03/04 read the
 * wrong way is a reminder for the wrong month).
 */
const MONTH_FIRST = new Set(['US', 'PR', 'GU', 'VI', 'AS', 'MP', 'UM', 'FM', 'MH', 'PW', 'PH']);
const DAY_FIRST = new Set([
  'GB',
  'IE',
  'AU',
  'NZ',
  'IN',
  'ZA',
  'FR',
  'DE',
  'ES',
  'IT',
  'NL',
  'BE',
  'PT',
  'BR',
  'MX',
  'AR',
  'CL',
  'CO',
  'PE',
  'AT',
  'CH',
  'DK',
  'NO',
  'SE',
  'FI',
  'PL',
  'GR',
  'IL',
  'TR',
  'RU',
  'UA',
  'SG',
  'MY',
  'NG',
  'KE',
  'EG',
  'SA',
  'AE',
]);

/** The order a clinic in `country` writes numeric dates in, or undefined where both are common (Canada). */
export function localeDateOrder(country: string): 'MDY' | 'DMY' | undefined {
  if (MONTH_FIRST.has(country)) return 'MDY';
  if (DAY_FIRST.has(country)) return 'DMY';
  return undefined;
}

/** How the file's numeric dates are read, and why (shown with the import result). */
export interface DateChoice {
  readonly format: DateFormat | undefined;
  readonly source: 'option' | 'locale' | 'none';
  readonly country: string;
}

export function chooseDateFormat(option: DateFormat | undefined, country: string): DateChoice {
  if (option) return { format: option, source: 'option', country };
  const local = localeDateOrder(country);
  return local ? { format: local, source: 'locale', country } : { format: undefined, source: 'none', country };
}

export type DateResult = { ok: true; date: CalendarDate } | { ok: false; reason: string };

/**
 * Reads a file's dates with one order for the whole file. A date that only makes sense in another order
 * (25/12/2027 read month first) means the file is not written the way we read it, so every other row of it
 * may be misread too: the file is refused (with a pointer to --date-format), not that row alone.
 */
export class FileDates {
  /** Dates read so far that the other order would have read differently (the import says how it read them). */
  yearLastDates = 0;

  constructor(readonly choice: DateChoice) {}

  /** `label` names the column in messages, `line` the row. */
  read(raw: string, label: string, line: number): DateResult {
    const parts = readDateText(raw);
    if (parts.kind === 'invalid') return { ok: false, reason: `${label} ${quoted(raw)} is not a date` };
    if (parts.kind === 'exact') return real(parts.date, raw, label);
    const monthFirst = { year: parts.year, month: parts.first, day: parts.second };
    const dayFirst = { year: parts.year, month: parts.second, day: parts.first };
    const [mdy, dmy] = [isRealDate(monthFirst), isRealDate(dayFirst)];
    if (!mdy && !dmy) return { ok: false, reason: `${label} ${quoted(raw)} is not a real calendar date` };
    const { format } = this.choice;
    if (mdy && dmy && parts.first !== parts.second) this.yearLastDates++;
    if (format === 'YMD') return { ok: false, reason: `${label} ${quoted(raw)} is not year-month-day, as --date-format YMD says` };
    if (format === 'MDY') return mdy ? { ok: true, date: monthFirst } : this.contradiction(raw, label, line, 'DMY');
    if (format === 'DMY') return dmy ? { ok: true, date: dayFirst } : this.contradiction(raw, label, line, 'MDY');
    // No order for this country: only a date that reads the same either way (04/04/2027) is read.
    if (mdy && dmy && parts.first === parts.second) return { ok: true, date: monthFirst };
    throw this.noOrder(raw, label, line);
  }

  private contradiction(raw: string, label: string, line: number, other: DateFormat): never {
    const why = this.choice.source === 'option' ? `--date-format ${this.choice.format} was given` : this.localeWhy();
    const order = other === 'DMY' ? 'day first' : 'month first';
    throw badRequest(
      `row ${line}: ${label} ${quoted(raw)} can only be read ${order}, but ${why}; the file's other dates could be misread, ` +
        `so nothing was imported. If the file writes dates ${order}, import it with --date-format ${other}`,
    );
  }

  private noOrder(raw: string, label: string, line: number): never {
    throw badRequest(
      `row ${line}: ${label} ${quoted(raw)} has the year last, and clinics in ${this.choice.country} write such dates ` +
        `month first or day first; import the file with --date-format MDY or --date-format DMY`,
    );
  }

  private localeWhy(): string {
    return `dates are read ${this.choice.format === 'MDY' ? 'month first' : 'day first'} in ${this.choice.country}, the clinic's country`;
  }
}

function real(date: CalendarDate, raw: string, label: string): DateResult {
  return isRealDate(date) ? { ok: true, date } : { ok: false, reason: `${label} ${quoted(raw)} is not a real calendar date` };
}
