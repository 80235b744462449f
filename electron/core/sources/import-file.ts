import type { WritableDB } from '../db/types';
import { closeTableStage, openTableStage, stageScheduleCsv, type StagedTable, type TableReadOptions } from './csv/import-csv';
import { type FileKind, kindOfBytes, kindOfFile } from './file-kind';
import type { RowContext } from './table/row';
import { readXlsx } from './xlsx/read-xlsx';
import { feedFileText, stageFeedFile } from './feed-file';

/** A schedule file: text already decoded (older uploads), its bytes (an upload), or a path (`label` names it). */
export type ScheduleFile = { text: string } | { bytes: Uint8Array } | { path: string; label?: string | undefined };

export interface FileReadOptions extends TableReadOptions {
  /** The sheet of a workbook to read (by name); default the first. */
  sheet?: string | undefined;
}

/** A file read into a stage: what it was, and how it was read. */
export interface StagedFile extends StagedTable {
  kind: FileKind;
  /** A CSV's encoding ("text" when it arrived decoded). */
  encoding?: string;
  /** The sheet an XLSX was read from, when named. */
  sheet?: string;
  /** The appointments' source namespace when not "csv" (HL7 and FHIR files share their feeds' ids). */
  source?: string;
}

/**
 * Reads any schedule file into a new stage, its kind found from its content (CSV in any of its encodings, or an
 * XLSX workbook), without touching the schedule. A file that cannot be read at all throws a UserError and
 * leaves nothing behind. Async because the workbook reader is; a CSV is read synchronously.
 */
export async function stageScheduleFile(
  db: WritableDB,
  file: ScheduleFile,
  context: Readonly<RowContext>,
  options: Readonly<FileReadOptions> = {},
): Promise<StagedFile> {
  if ('text' in file) return { ...stageScheduleCsv(db, file, context, options), kind: 'csv' };
  const kind = 'bytes' in file ? kindOfBytes(file.bytes) : kindOfFile(file.path, file.label);
  if (kind === 'csv') return { ...stageScheduleCsv(db, file, context, options), kind };
  if (kind === 'hl7' || kind === 'fhir') return stageFeedFile(db, kind, feedFileText(file), context);
  const { stage, reader, dates } = openTableStage(db, context, options);
  try {
    await readXlsx(file, options.sheet, reader);
    return { ...closeTableStage(stage, reader, dates), kind, ...(options.sheet ? { sheet: options.sheet } : {}) };
  } catch (error) {
    stage.dispose();
    throw error;
  }
}
