import type { ImportResult } from '../../../shared/domain/dto';
import { badRequest } from '../platform/errors';
import { cell, resolveColumns, type ColumnMap } from './csv-columns';
import { readCsvRecords, type CsvRecord } from './csv-records';
import { createRowParsers, parseScheduleRow, type RowContext, type ScheduleRow } from './csv-row';

export type ImportReject = ImportResult['rejected'][number];

export interface ScheduleFile {
  rows: ScheduleRow[];
  rejected: ImportReject[];
}

/**
 * Reads and validates a schedule CSV without touching the database. Reject row numbers are 1-based line
 * numbers of the file, the header being row 1 (so the first data row is row 2, as a spreadsheet shows it).
 * A record whose quoted field spans lines is numbered by the line it starts on, so it can be found in an
 * editor; blank lines are skipped but counted.
 */
export function readScheduleFile(csvText: string, context: Readonly<RowContext>): ScheduleFile {
  const { records, problems } = readCsvRecords(csvText);
  const [header, ...data] = records;
  if (!header) throw badRequest('the CSV file is empty: it needs a header row and one row per appointment');
  const brokenHeader = problems.find((problem) => problem.line <= header.line);
  if (brokenHeader) throw badRequest(`the CSV header row cannot be read: ${brokenHeader.reason}`);
  const columns = resolveColumns(header.fields);
  const rows: ScheduleRow[] = [];
  const rejected: ImportReject[] = problems.map((p) => ({ row: p.line, reason: p.reason }));
  const firstLineOf = new Map<string, number>();
  const parsers = createRowParsers(context);
  for (const record of data) {
    const reason = shapeProblem(record, header.fields.length) ?? duplicateProblem(record, columns, firstLineOf);
    if (reason) {
      rejected.push({ row: record.line, reason });
      continue;
    }
    const result = parseScheduleRow(record.fields, columns, parsers, record.line);
    if (result.ok) rows.push(result.row);
    else rejected.push({ row: record.line, reason: result.reason });
  }
  rejected.sort((a, b) => a.row - b.row);
  return { rows, rejected };
}

function shapeProblem(record: CsvRecord, expected: number): string | undefined {
  if (record.fields.length === expected) return undefined;
  return `row has ${record.fields.length} fields but the header has ${expected} (an unquoted comma, or a missing field?)`;
}

/**
 * The first row with an external_id claims it, even if it is rejected for another reason: a later row with the
 * same id is rejected rather than guessed to be the "real" one.
 */
function duplicateProblem(record: CsvRecord, columns: ColumnMap, firstLineOf: Map<string, number>): string | undefined {
  const externalId = cell(record.fields, columns, 'external_id');
  if (!externalId) return undefined;
  const first = firstLineOf.get(externalId);
  if (first !== undefined) return `external_id "${externalId}" already appears on row ${first} of this file`;
  firstLineOf.set(externalId, record.line);
  return undefined;
}
