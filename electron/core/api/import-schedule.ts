import type { ImportResult } from '../../../shared/domain/dto';
import type { DB } from '../db/connection';
import { getClinicSettings, getExtraSettings } from '../db/repos/clinic-repo';
import { recordEvent } from '../db/repos/events-repo';
import { applyStagedSchedule } from '../sources/apply';
import { importResult, stageScheduleCsv, stageScheduleCsvStream, type StagedCsv } from '../sources/csv/import-csv';
import type { RowContext } from '../sources/table/row';
import type { ScheduleFileInput } from './service-types';

export type { ScheduleFileInput };

export interface ScheduleImportOutcome {
  changed: boolean;
  summary: ImportResult;
}

/**
 * Imports a schedule CSV (docs/import.md) and records it in the audit log. The file is read and validated into
 * a stage first, without the schedule's write lock; then the changes and their audit event commit in ONE
 * transaction, or not at all. Synchronous: run it in a worker thread to keep an event loop free.
 */
export function importScheduleWithAudit(db: DB, now: number, input: ScheduleFileInput): ScheduleImportOutcome {
  const file = 'csv' in input ? { text: input.csv } : { path: input.path, label: input.fileName };
  const staged = stageScheduleCsv(db, file, rowContext(db));
  return applyWithAudit(db, now, staged, input);
}

/** importScheduleWithAudit for a byte stream, read as it arrives (the apply step is the same transaction). */
export async function importScheduleStreamWithAudit(
  db: DB,
  now: number,
  input: { stream: AsyncIterable<Uint8Array>; fileName?: string | undefined; actor: string },
): Promise<ScheduleImportOutcome> {
  const staged = await stageScheduleCsvStream(db, input.stream, rowContext(db));
  return applyWithAudit(db, now, staged, input);
}

function rowContext(db: DB): RowContext {
  return { timezone: getClinicSettings(db).timezone, defaultRegion: getExtraSettings(db).defaultRegion ?? 'US' };
}

function applyWithAudit(
  db: DB,
  now: number,
  { stage, encoding }: StagedCsv,
  input: { fileName?: string | undefined; actor: string },
): ScheduleImportOutcome {
  try {
    return db
      .transaction(() => {
        const { changedAppointmentIds, ...summary } = importResult(
          stage,
          applyStagedSchedule(db, stage, { source: 'csv', now, actor: input.actor }),
        );
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
