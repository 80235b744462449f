import { badRequest } from '../../platform/errors';
import type { ScheduleTableReader } from '../table/table-reader';

/** An XLSX workbook to read: a file on disk (`label` names it in messages) or its bytes (an upload). */
export type XlsxInput = { path: string; label?: string | undefined } | { bytes: Uint8Array };

type CellValue = string | number | boolean | Date | null;
type ReadSheet = (input: string | Buffer, sheet?: number | string) => Promise<CellValue[][]>;

/** Excel's day zero for times of day: a time cell carries the date 1899-12-30 (1900 system) or 1904-01-01. */
const TIME_ONLY_DAYS = new Set(['1899-12-30', '1899-12-31', '1904-01-01']);

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * A cell as text, as a person reads it in Excel: dates are Excel serial numbers with a date style, which
 * read-excel-file returns as Dates whose UTC fields are the wall-clock date and time. They become ISO texts
 * ("2027-12-14", "09:30:00", "2027-12-14 09:30:00"), which no date order can misread.
 */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e6) / 1e6);
  // Serial fractions are binary: 9:30 comes back as 09:29:59.999. Round to the second.
  const d = new Date(Math.round(value.getTime() / 1000) * 1000);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  if (TIME_ONLY_DAYS.has(date)) return time;
  return time === '00:00:00' ? date : `${date} ${time}`;
}

function loadReader(): ReadSheet {
  // Loaded on demand: only an XLSX import pays for the unzip and XML code.
  return (require('read-excel-file/node') as { readSheet: ReadSheet }).readSheet;
}

/**
 * Feeds one sheet of a workbook (the first, or `sheet` by name) to the table reader, row by row, numbered
 * as Excel numbers them (the header is row 1). The workbook is unpacked in memory (read-excel-file); a file
 * that is not a readable workbook, or a sheet that is not there, is refused with one error.
 */
export async function readXlsx(input: XlsxInput, sheet: string | undefined, reader: ScheduleTableReader): Promise<void> {
  const label = 'path' in input ? (input.label ?? input.path) : 'the workbook';
  let rows: CellValue[][];
  try {
    rows = await loadReader()('path' in input ? input.path : Buffer.from(input.bytes), sheet ?? 1);
  } catch (error) {
    throw workbookError(error, label, sheet);
  }
  rows.forEach((row, index) => {
    reader.record({ line: index + 1, endLine: index + 1, fields: row.map(cellText), continuationDelimiters: 0 });
  });
}

function workbookError(error: unknown, label: string, sheet: string | undefined): Error {
  const e = error as { name?: string; code?: string; sheets?: string[]; message?: string };
  if (e.name === 'SheetNotFoundError') {
    const names = (e.sheets ?? []).map((n) => `"${n}"`).join(', ');
    return badRequest(`${label} has no sheet named "${sheet ?? ''}" (its sheets: ${names || 'none'})`);
  }
  if (e.code === 'ENOENT' || e.code === 'EACCES') return badRequest(`cannot read ${label}: ${e.code}`);
  return badRequest(`${label} is not a readable Excel workbook (${e.message ?? String(error)})`);
}
