/**
 * Writing CSV files (reports, rejected-row exports): the one helper every CSV the app writes goes through.
 * Pure and runtime-agnostic, so core, reports and the window can all use it.
 */

/** A value for one cell. Numbers and booleans are written as they are; null and undefined as an empty cell. */
export type CsvValue = string | number | boolean | null | undefined;

/** RFC 4180 line ending, which Excel and every other reader accept. */
export const CSV_EOL = '\r\n';
/** Excel on Windows reads a UTF-8 CSV as UTF-8 only when it starts with this mark ("José" otherwise breaks). */
export const CSV_BOM = '\uFEFF';

/**
 * Text a spreadsheet would run as a formula when the file is opened ("CSV injection", OWASP): = + - @ first,
 * also after leading spaces, tab or CR, and their full-width forms.
 */
const FORMULA_START = /^[\s]*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/**
 * One cell. Text that would start a formula gets a leading apostrophe (shown as text, never run), so
 * "=HYPERLINK(…)" or "+1 212…" arrives in the sheet as the characters written; then the cell is quoted when it
 * holds a comma, a quote, a line break or edge spaces. Numbers are not text: -5 stays a number.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} to a CSV cell`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One line: cells joined by commas, with its CRLF. */
export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',') + CSV_EOL;
}

/** A whole file: BOM, header row and rows. For large files write CSV_BOM and csvRow() lines to a stream instead. */
export function csvDocument(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  let text = CSV_BOM + csvRow(header);
  for (const row of rows) text += csvRow(row);
  return text;
}
