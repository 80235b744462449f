import { quoted } from '../../platform/quote';
import { parseLocal, parseStartsAt, type StartsAtResult } from '../../schedule/starts-at';
import { readTimeText, splitDateTime, type CalendarDate, type TimeOfDay } from './date-text';
import type { DateChoice, FileDates } from './file-dates';

/** A cell as read: its text and the column's name for messages. */
export interface LabelledCell {
  readonly text: string;
  readonly label: string;
}

/** The cells a row's start comes from: one date-and-time column, or a date and a time column. */
export interface StartCells {
  readonly startsAt?: LabelledCell | undefined;
  readonly date?: LabelledCell | undefined;
  readonly time?: LabelledCell | undefined;
}

/** ISO 8601 (`2026-11-27T09:30:00-05:00`, `2026-11-27 09:30`): the §7 format, read by parseStartsAt. */
const ISO_START = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/;
const EXAMPLES = 'e.g. 12/14/2027 9:30 AM, 2027-12-14 09:30 or 2027-12-14T09:30:00-05:00';
/** Distinct texts remembered per import (start times repeat: the same slots every day). */
const MEMO_LIMIT = 2_000;

/**
 * Reads a row's start as an instant: ISO texts exactly as before, practice-export texts through the file's
 * date order (FileDates), wall-clock times in the clinic's zone (a time in a DST gap is rejected, one that
 * happens twice is the earlier instant). Remembers recent texts, so a 300,000-row file parses each slot once.
 */
export class StartReader {
  private readonly memo = new Map<string, StartsAtResult>();

  constructor(
    private readonly zone: string,
    private readonly dates: FileDates,
  ) {}

  /** How this file's numeric dates are read. */
  get dateChoice(): DateChoice {
    return this.dates.choice;
  }

  /** How many numeric dates with the year last were read (their order matters). */
  get yearLastDates(): number {
    return this.dates.yearLastDates;
  }

  read(cells: StartCells, line: number): StartsAtResult {
    // One column (the usual case) needs no composed key.
    const key =
      cells.date || cells.time
        ? `${cells.startsAt?.text ?? ''}\u0000${cells.date?.text ?? ''}\u0000${cells.time?.text ?? ''}`
        : (cells.startsAt?.text ?? '');
    const known = this.memo.get(key);
    if (known) return known;
    const result = this.parse(cells, line);
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(key, result);
    return result;
  }

  /** A time-of-day or date-and-time cell (an end time) on the start's date, as an instant. */
  readOn(cell: LabelledCell, startDate: CalendarDate, line: number): StartsAtResult {
    const [datePart, timePart] = splitDateTime(cell.text);
    const time = readTimeText(timePart ?? datePart);
    if (!time) return { ok: false, reason: `${cell.label} ${quoted(cell.text)} is not a time` };
    const date = timePart ? this.dates.read(datePart, cell.label, line) : { ok: true as const, date: startDate };
    return date.ok ? this.instant(cell.label, cell.text, date.date, time) : date;
  }

  private parse(cells: StartCells, line: number): StartsAtResult {
    const { startsAt, date, time } = cells;
    if (date && time) return this.fromParts(date, time, line);
    const single = startsAt ?? date ?? time;
    if (!single) return { ok: false, reason: 'the row has no start time' };
    if (ISO_START.test(single.text)) return relabel(parseStartsAt(single.text, this.zone), single.label);
    const [datePart, timePart] = splitDateTime(single.text);
    if (!timePart) return { ok: false, reason: `${single.label} ${quoted(single.text)} is not a date and time (${EXAMPLES})` };
    return this.combine(single, datePart, { text: timePart, label: single.label }, line, single.text);
  }

  /** Separate date and time columns; a date cell's own "0:00" (spreadsheets add it) is ignored. */
  private fromParts(date: LabelledCell, time: LabelledCell, line: number): StartsAtResult {
    const [datePart] = splitDateTime(date.text);
    // A time cell with a date in front (a spreadsheet's "12/30/1899 9:30 AM") keeps only its time.
    const [timeOnly, timeTail] = splitDateTime(time.text);
    const timeText = timeTail ?? timeOnly;
    return this.combine(date, datePart, { text: timeText, label: time.label }, line, `${datePart} ${timeText}`);
  }

  /** `shown` is the text messages quote: what the file says, not our reading of it. */
  private combine(dateCell: LabelledCell, dateText: string, timeCell: LabelledCell, line: number, shown: string): StartsAtResult {
    const date = this.dates.read(dateText, dateCell.label, line);
    if (!date.ok) return date;
    const time = readTimeText(timeCell.text);
    if (!time) return { ok: false, reason: `${timeCell.label} ${quoted(timeCell.text)} is not a time (e.g. 9:30 AM or 13:15)` };
    return this.instant(dateCell.label, shown, date.date, time);
  }

  private instant(label: string, shown: string, d: CalendarDate, t: TimeOfDay): StartsAtResult {
    return parseLocal(shown, [d.year, d.month, d.day, t.hour, t.minute, t.second], this.zone, label);
  }
}

/** parseStartsAt's messages name "starts_at"; a mapped column is named as the file names it. */
function relabel(result: StartsAtResult, label: string): StartsAtResult {
  if (result.ok || label === 'starts_at') return result;
  return { ok: false, reason: result.reason.replace(/^starts_at /, `${label} `) };
}
