import { IANAZone } from 'luxon';
import type { ImportResult } from '../../../../shared/domain/dto';
import type { WritableDB } from '../../db/types';
import { badRequest } from '../../platform/errors';
import { isPhoneRegion } from '../../schedule/phone';
import { applyStagedSchedule, type ApplyResult } from '../apply';
import { ScheduleStage } from '../stage';
import { createRowParsers, type RowContext } from '../table/row';
import { ScheduleTableReader } from '../table/table-reader';
import type { FileEncoding } from './decode';
import { readCsvFile, readCsvStream, readCsvText } from './read-csv';

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

/** A CSV read into a stage, not applied yet. The caller applies it in its transaction, then disposes the stage. */
export interface StagedCsv {
  stage: ScheduleStage;
  /** The file's encoding; "text" for text that arrived decoded. */
  encoding: FileEncoding | 'text';
}

/**
 * Reads and validates a schedule CSV into a new stage without touching the schedule (and without its write
 * lock): rows stream from the input into TEMP tables, rejects into a bounded list. A file that cannot be read
 * at all (encoding, header) throws a UserError and leaves nothing behind.
 */
export function stageScheduleCsv(db: WritableDB, input: CsvInput, context: Readonly<RowContext>): StagedCsv {
  checkContext(context);
  const { stage, reader } = openStage(db, context);
  try {
    let encoding: StagedCsv['encoding'] = 'text';
    if ('text' in input) readCsvText(input.text, reader);
    else encoding = readCsvFile(input.path, reader, input.label);
    return closeStage(stage, reader, encoding);
  } catch (error) {
    stage.dispose();
    throw error;
  }
}

/** stageScheduleCsv for a byte stream (an HTTP body, a file stream), read as it arrives. */
export async function stageScheduleCsvStream(
  db: WritableDB,
  stream: AsyncIterable<Uint8Array>,
  context: Readonly<RowContext>,
): Promise<StagedCsv> {
  checkContext(context);
  const { stage, reader } = openStage(db, context);
  try {
    return closeStage(stage, reader, await readCsvStream(stream, reader));
  } catch (error) {
    stage.dispose();
    throw error;
  }
}

function openStage(db: WritableDB, context: Readonly<RowContext>): { stage: ScheduleStage; reader: ScheduleTableReader } {
  const stage = ScheduleStage.open(db);
  return { stage, reader: new ScheduleTableReader(stage, createRowParsers(context)) };
}

function closeStage(stage: ScheduleStage, reader: ScheduleTableReader, encoding: StagedCsv['encoding']): StagedCsv {
  reader.finish();
  stage.flush();
  return { stage, encoding };
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
