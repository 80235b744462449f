import { IANAZone } from 'luxon';
import type { ImportResult } from '../../../../shared/domain/dto';
import type { ColumnMapping, DateFormat } from '../../../../shared/domain/sources';
import type { WritableDB } from '../../db/types';
import { badRequest } from '../../platform/errors';
import { isPhoneRegion } from '../../schedule/phone';
import { applyStagedSchedule, type ApplyResult } from '../apply';
import type { DateChoice } from '../mapping/file-dates';
import type { TableMapping } from '../mapping/resolve-mapping';
import type { StartReader } from '../mapping/start-reader';
import { ScheduleStage } from '../stage';
import { createRowParsers, type RowContext } from '../table/row';
import { ScheduleTableReader, type RowObserver } from '../table/table-reader';
import { CsvByteReader, readCsvFile, readCsvStream, readCsvText } from './read-csv';
import type { FileEncoding } from './decode';

/**
 * Where a CSV comes from: text already decoded (an upload from the window), or a file read in chunks (`label`
 * names it in messages, as the user gave it; default the path).
 */
export type CsvInput = { text: string } | { path: string; label?: string | undefined };

export interface ScheduleImportOptions extends RowContext {
  now: number;
  /** Import source; appointments are unique per (source, external_id). Default "csv". */
  source?: string;
}

export type ScheduleImportResult = ImportResult & { changedAppointmentIds: number[] };

/** How a table is read beyond its bytes: --date-format, an explicit mapping, a watcher of the first rows. */
export interface TableReadOptions {
  dateFormat?: DateFormat | undefined;
  mapping?: ColumnMapping | undefined;
  observe?: RowObserver | undefined;
}

/** A table read into a stage, not applied yet. The caller applies it in its transaction, then disposes the stage. */
export interface StagedTable {
  stage: ScheduleStage;
  mapping: TableMapping;
  /** The header row as written. */
  header: readonly string[];
  dates: DateChoice;
  /** Numeric dates with the year last in the file (read in the order `dates` says). */
  yearLastDates: number;
  /** Rejected rows whose appointment id is unknown: a full export must not cancel appointments then. */
  unidentifiedRejects: number;
}

/** A CSV read into a stage. */
export interface StagedCsv extends StagedTable {
  /** The file's encoding; "text" for text that arrived decoded. */
  encoding: FileEncoding | 'text';
}

/** A stage and the reader that fills it (for sources that feed records themselves, such as XLSX). */
export function openTableStage(
  db: WritableDB,
  context: Readonly<RowContext>,
  options: Readonly<TableReadOptions> = {},
): { stage: ScheduleStage; reader: ScheduleTableReader; dates: StartReader } {
  checkContext(context);
  const stage = ScheduleStage.open(db);
  const parsers = createRowParsers(context, options.dateFormat);
  const reader = new ScheduleTableReader(stage, parsers, { mapping: options.mapping, observe: options.observe });
  return { stage, reader, dates: parsers.start };
}

/** After the last record: the staged table, or a UserError for a file with no header. */
export function closeTableStage(stage: ScheduleStage, reader: ScheduleTableReader, dates: StartReader): StagedTable {
  reader.finish();
  stage.flush();
  return {
    stage,
    mapping: reader.mapping!,
    header: reader.headerNames,
    dates: dates.dateChoice,
    yearLastDates: dates.yearLastDates,
    unidentifiedRejects: reader.unidentifiedRejects,
  };
}

/**
 * Reads and validates a schedule CSV into a new stage without touching the schedule (and without its write
 * lock): rows stream from the input into TEMP tables, rejects into a bounded list. A file that cannot be read
 * at all (encoding, header) throws a UserError and leaves nothing behind.
 */
export function stageScheduleCsv(
  db: WritableDB,
  input: CsvInput | { bytes: Uint8Array },
  context: Readonly<RowContext>,
  options: Readonly<TableReadOptions> = {},
): StagedCsv {
  const { stage, reader, dates } = openTableStage(db, context, options);
  try {
    let encoding: StagedCsv['encoding'] = 'text';
    if ('text' in input) readCsvText(input.text, reader);
    else if ('bytes' in input) encoding = readCsvBytes(input.bytes, reader);
    else encoding = readCsvFile(input.path, reader, input.label);
    return { ...closeTableStage(stage, reader, dates), encoding };
  } catch (error) {
    stage.dispose();
    throw error;
  }
}

/** A whole CSV file's bytes (an upload), decoded as a file on disk would be: BOMs, UTF-16, Windows-1252. */
function readCsvBytes(bytes: Uint8Array, reader: ScheduleTableReader): FileEncoding {
  const decoder = new CsvByteReader(reader);
  const piece = 1 << 16;
  for (let at = 0; at < bytes.length; at += piece) decoder.push(bytes.slice(at, at + piece));
  return decoder.end();
}

/** stageScheduleCsv for a byte stream (an HTTP body, a file stream), read as it arrives. */
export async function stageScheduleCsvStream(
  db: WritableDB,
  stream: AsyncIterable<Uint8Array>,
  context: Readonly<RowContext>,
  options: Readonly<TableReadOptions> = {},
): Promise<StagedCsv> {
  const { stage, reader, dates } = openTableStage(db, context, options);
  try {
    const encoding = await readCsvStream(stream, reader);
    return { ...closeTableStage(stage, reader, dates), encoding };
  } catch (error) {
    stage.dispose();
    throw error;
  }
}

function checkContext(context: Readonly<RowContext>): void {
  const { timezone, defaultRegion } = context;
  if (!IANAZone.isValidZone(timezone)) throw badRequest(`clinic time zone "${timezone}" is not an IANA time zone`);
  if (!isPhoneRegion(defaultRegion)) throw badRequest(`phone region "${defaultRegion}" is not a known country code`);
}

/** The CLI `import` result (docs/cli.md) of an applied stage. */
export function importResult(stage: ScheduleStage, applied: ApplyResult): ScheduleImportResult {
  return {
    created: applied.created,
    updated: applied.updated,
    unchanged: applied.unchanged,
    rejected: stage.rejected,
    rejectedCount: stage.rejectedCount,
    remindersCancelled: applied.remindersCancelled,
    changedAppointmentIds: applied.changedAppointmentIds,
  };
}

/**
 * Imports a schedule CSV (docs/import.md): bad rows are rejected with their row number and reason, good rows
 * are applied. Reading and validation stream into a stage first; then patients, appointments and ending the
 * reminders the changes make stale happen in ONE transaction: a crash or error part-way leaves the schedule
 * exactly as it was, and no reminder for a cancelled or moved visit can be claimed in between.
 */
export function importScheduleCsv(
  db: WritableDB,
  input: string | CsvInput,
  options: Readonly<ScheduleImportOptions>,
): ScheduleImportResult {
  const { stage } = stageScheduleCsv(db, typeof input === 'string' ? { text: input } : input, options);
  try {
    const source = options.source ?? 'csv';
    // IMMEDIATE: take the write lock up front rather than fail to upgrade a read lock mid-import.
    const applied = db.transaction(() => applyStagedSchedule(db, stage, { source, now: options.now })).immediate();
    return importResult(stage, applied);
  } finally {
    stage.dispose();
  }
}
