import { badRequest } from '../../platform/errors';
import { quoted } from '../../platform/quote';
import type { ScheduleStage } from '../stage';
import type { ColumnMapping } from '../../../../shared/domain/sources';
import { resolveMapping, type TableMapping } from '../mapping/resolve-mapping';
import { otherCellProblem } from './cell-checks';
import { parseScheduleRow, patientNameOf, type RowParsers, type RowResult } from './row';

/** A record of a table-shaped source (a CSV record today; a sheet row later), numbered by its file line. */
export interface TableRecord {
  line: number;
  endLine: number;
  fields: string[];
  /** The most delimiters on one of its lines after the first (CSV only; 0 otherwise). */
  continuationDelimiters: number;
}

/** A stretch of the source that could not be read as a record. */
export interface TableProblem {
  line: number;
  reason: string;
}

interface Header {
  line: number;
  names: string[];
  mapping: TableMapping;
  /** Positions of the columns we read (all others are ignored, but still checked for control characters). */
  read: ReadonlySet<number>;
}

/** Sees each data row as it is read (the import wizard's preview of the first rows). */
export type RowObserver = (record: TableRecord, result: RowResult) => void;

export interface TableReaderOptions {
  /** Explicit header → field mapping (a profile or --map) over the names practice systems use. */
  mapping?: ColumnMapping | undefined;
  observe?: RowObserver | undefined;
}

/**
 * Turns a table's records into staged schedule rows or rejected rows, one record at a time. The first non-blank
 * record is the header; row numbers are the file's line numbers (header = row 1, as a spreadsheet shows it),
 * blank lines skipped but counted. A record whose quoted field spans lines is only accepted when that looks
 * like a real multi-line note: otherwise a stray quote glued rows together, and every line it spans is
 * rejected by number, so no patient gets the next line's phone or time and no line vanishes unreported.
 */
export class ScheduleTableReader {
  private header: Header | undefined;
  /** Rows rejected before their appointment id could be known (a full export must not cancel theirs). */
  private unidentified = 0;

  constructor(
    private readonly stage: ScheduleStage,
    private readonly parsers: RowParsers,
    private readonly options: TableReaderOptions = {},
  ) {}

  record(record: TableRecord): void {
    if (record.fields.every((field) => field.trim() === '')) return;
    if (!this.header) this.header = readHeader(record, this.options.mapping);
    else this.readRow(record, this.header);
  }

  /** How the header was mapped; undefined before the header row. */
  get mapping(): TableMapping | undefined {
    return this.header?.mapping;
  }

  /** Rejected rows whose appointment id is unknown (malformed rows, or rows without an id column). */
  get unidentifiedRejects(): number {
    return this.unidentified;
  }

  problem(problem: TableProblem): void {
    if (!this.header) throw badRequest(`the CSV header row cannot be read: ${problem.reason}`);
    this.unidentified++;
    this.stage.reject(problem.line, problem.reason);
  }

  /** Call after the last record: a source with no header is refused as a whole. */
  finish(): void {
    if (!this.header) throw badRequest('the CSV file is empty: it needs a header row and one row per appointment');
  }

  private readRow(record: TableRecord, header: Header): void {
    const expected = header.names.length;
    const count = record.fields.length;
    if (record.endLine > record.line) {
      const shape = count === expected ? undefined : `makes a row of ${count} fields where the header has ${expected}`;
      const glued = shape ?? lineBreakInReadColumn(record, header) ?? swallowedRow(record, expected);
      if (glued) return this.rejectSpan(record, glued);
    } else if (count !== expected) {
      const reason = `row has ${count} fields but the header has ${expected} (an unquoted comma, or a missing field?)`;
      this.unidentified++;
      return this.stage.reject(record.line, reason);
    }
    const idIndex = header.mapping.at.external_id;
    const givenId = idIndex === undefined ? undefined : (record.fields[idIndex] ?? '').trim();
    const duplicate = givenId ? this.claim(givenId, record.line) : undefined;
    if (duplicate) return this.reject(record, { ok: false, reason: duplicate }, header);
    let result = this.parse(record, header);
    if (result.ok && idIndex === undefined) {
      // Without an id column the id is derived from the row, so it is claimed once the row is read.
      const again = this.claim(result.row.externalId, record.line);
      if (again) result = { ok: false, reason: again.replace(/^external_id "[^"]*"/, 'the same patient, start and provider') };
    } else if (!result.ok && !givenId) {
      this.unidentified++;
    }
    if (result.ok) {
      this.options.observe?.(record, result);
      return this.stage.add(result.row);
    }
    this.reject(record, result, header);
  }

  private parse(record: TableRecord, header: Header): RowResult {
    const other = otherColumnsProblems(record, header);
    const result = parseScheduleRow(record.fields, header.mapping, this.parsers, record.line);
    if (other.length === 0) return result;
    return { ok: false, reason: (result.ok ? other : [...other, result.reason]).join('; ') };
  }

  /** A rejected row, with its patient's name where the row gives one (read only now: most rows are good). */
  private reject(record: TableRecord, result: RowResult & { ok: false }, header: Header): void {
    this.options.observe?.(record, result);
    this.stage.reject(record.line, result.reason, patientNameOf(record.fields, header.mapping), record.fields);
  }

  /** The header row as written (trimmed); empty before it was read. */
  get headerNames(): readonly string[] {
    return this.header?.names ?? [];
  }

  /**
   * The first row with an external_id claims it, even if it is rejected for another reason: a later row with
   * the same id is rejected rather than guessed to be the "real" one.
   */
  private claim(externalId: string, line: number): string | undefined {
    if (!externalId) return undefined;
    const first = this.stage.claim(externalId, line);
    return first === undefined ? undefined : `external_id ${quoted(externalId)} already appears on row ${first} of this file`;
  }

  private rejectSpan(record: TableRecord, cause: string): void {
    const { line, endLine } = record;
    this.unidentified += endLine - line + 1;
    this.stage.reject(
      line,
      `a quoted field runs from line ${line} to line ${endLine} and ${cause}: lines ${line}–${endLine} are not imported ` +
        `(a stray or missing " on line ${line}?)`,
    );
    for (let next = line + 1; next <= endLine; next++) {
      this.stage.reject(next, `not imported: this line is inside the quoted field that starts on line ${line}`);
    }
  }
}

function readHeader(record: TableRecord, overrides: ColumnMapping | undefined): Header {
  if (record.endLine > record.line) {
    throw badRequest(`the CSV header row cannot be read: a quoted field in it runs from line ${record.line} to line ${record.endLine}`);
  }
  record.fields.forEach((name, i) => {
    const problem = otherCellProblem(`${i + 1}`, name);
    if (problem) throw badRequest(`the CSV header row cannot be read: ${problem}`);
  });
  const mapping = resolveMapping(record.fields, overrides);
  const read = new Set(Object.values(mapping.at).filter((index): index is number => index !== undefined));
  return { line: record.line, names: record.fields.map((name) => name.trim()), mapping, read };
}

function lineBreakInReadColumn(record: TableRecord, header: Header): string | undefined {
  for (const index of header.read) {
    if (record.fields[index]?.includes('\n')) return `puts a line break into ${header.mapping.labels[index] ?? index + 1}`;
  }
  return undefined;
}

/** A line inside a quoted field with as many delimiters as a whole row is most likely a row it swallowed. */
function swallowedRow(record: TableRecord, columns: number): string | undefined {
  if (record.continuationDelimiters < columns - 1) return undefined;
  return 'swallows a line that looks like a row of its own';
}

function otherColumnsProblems(record: TableRecord, header: Header): string[] {
  const problems: string[] = [];
  record.fields.forEach((value, index) => {
    if (header.read.has(index)) return;
    const problem = otherCellProblem(header.names[index] ?? `${index + 1}`, value);
    if (problem) problems.push(problem);
  });
  return problems;
}
