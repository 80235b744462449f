import type { ImportResult } from '../../../shared/domain/dto';
import type { ReadableDB, WritableDB } from '../db/types';
import { getClinicSettings } from '../clinic/clinic-settings';
import { getExtraSettings } from '../db/repos/clinic-repo';
import { recordEvent } from '../db/repos/events-repo';
import { applyStagedSchedule } from '../sources/apply';
import { importResult, stageScheduleCsv, stageScheduleCsvStream, type StagedCsv } from '../sources/csv/import-csv';
import type { RowContext } from '../sources/table/row';

/**
 * A schedule file to import: its text (an upload from the window, at most 5 MB) or its path, read in 64 KiB
 * chunks however large the file (the CLI's `import FILE`; a watch folder later). See docs/import.md.
 */
export type ScheduleFileInput = ({ csv: string } | { path: string }) & { fileName?: string | undefined; actor: string };

export interface ScheduleImportOutcome {
  changed: boolean;
  summary: ImportResult;
}

/**
 * Imports a schedule CSV (docs/import.md) and records it in the audit log. The file is read and validated into
 * a stage first, without the schedule's write lock; then the changes and their audit event commit in ONE
 * transaction, or not at all. Synchronous: run it in a worker thread to keep an event loop free.
 */
export function importScheduleWithAudit(db: WritableDB, now: number, input: ScheduleFileInput): ScheduleImportOutcome {
  const file = 'csv' in input ? { text: input.csv } : { path: input.path, label: input.fileName };
  const staged = stageScheduleCsv(db, file, rowContext(db));
  return applyWithAudit(db, now, staged, input);
}

/** importScheduleWithAudit for a byte stream, read as it arrives (the apply step is the same transaction). */
export async function importScheduleStreamWithAudit(
  db: WritableDB,
  now: number,
  input: { stream: AsyncIterable<Uint8Array>; fileName?: string | undefined; actor: string },
): Promise<ScheduleImportOutcome> {
  const staged = await stageScheduleCsvStream(db, input.stream, rowContext(db));
  return applyWithAudit(db, now, staged, input);
}

function rowContext(db: ReadableDB): RowContext {
  return { timezone: getClinicSettings(db).timezone, defaultRegion: getExtraSettings(db).defaultRegion ?? 'US' };
}

function applyWithAudit(
  db: WritableDB,
  now: number,
  { stage, encoding }: StagedCsv,
  input: { fileName?: string | undefined; actor: string },
): ScheduleImportOutcome {
  try {
    return db
      .transaction(() => {
        const { changedAppointmentIds, ...summary } = importResult(stage, applyStagedSchedule(db, stage, { source: 'csv', now }));
        recordEvent(db, now, 'import', input.actor, {
          file: input.fileName ?? null,
          encoding,
          created: summary.created,
          updated: summary.updated,
          unchanged: summary.unchanged,
          rejected: summary.rejectedCount,
        });
        return { changed: changedAppointmentIds.length > 0, summary };
      })
      .immediate();
  } finally {
    stage.dispose();
  }
}
