import type { ImportResult } from '../../../shared/domain/dto';
import type { ReadableDB, WritableDB } from '../db/types';
import { getClinicSettings } from '../clinic/clinic-settings';
import { getExtraSettings } from '../db/repos/clinic-repo';
import type { ImportReadOptions, PreviewRowRead } from '../../../shared/domain/sources';
import { recordEvent } from '../db/repos/events-repo';
import { applyStagedSchedule } from '../sources/apply';
import { importResult, stageScheduleCsv, stageScheduleCsvStream, type StagedCsv } from '../sources/csv/import-csv';
import { cancelMissing, planFullExport, type FullExportPlan } from '../sources/full-export';
import { stageScheduleFile, type ScheduleFile, type StagedFile } from '../sources/import-file';
import { fullExportReport, previewCollector, readingReport, rejectedRowsCsv } from '../sources/import-report';
import { resolveReadOptions } from '../sources/profiles';
import type { RowContext } from '../sources/table/row';

/**
 * A schedule file to import: its text (an older upload from the window, at most 5 MB), its bytes (an upload:
 * CSV in any encoding, or XLSX) or its path, read in 64 KiB chunks however large the file (the CLI's
 * `import FILE`, a watch folder). How it is read and applied: see docs/import.md and docs/schedule-sources.md.
 */
export type ScheduleFileInput = ({ csv: string } | { path: string } | { bytes: Uint8Array }) & {
  fileName?: string | undefined;
  actor: string;
} & ImportReadOptions &
  ScheduleApplyOptions;

/** What an import does with what it read, beyond applying it. */
export interface ScheduleApplyOptions {
  /** Read, validate and compute everything, then roll back: nothing is written. */
  dryRun?: boolean | undefined;
  /** The file is the whole schedule for its dates: appointments on them missing from it are cancelled. */
  fullExport?: boolean | undefined;
  /** The desk looked at a held full export: cancel even more than 20 % of its dates' appointments. */
  approveCancellations?: boolean | undefined;
  /** Also return the first N rows as read (the import wizard's preview). */
  previewRows?: number | undefined;
  /** Also return the rejected rows as a CSV to fix and import again. */
  withRejectedCsv?: boolean | undefined;
}

export interface ScheduleImportOutcome {
  changed: boolean;
  summary: ImportResult;
  /** The first rows as read, when asked for (the import wizard). */
  preview?: PreviewRowRead[];
  /** The file's header row as written, with the preview. */
  header?: string[];
}

/** Appointments from files are unique per ("csv", external_id): the practice system's ids, whatever the file kind. */
const FILE_SOURCE = 'csv';

/**
 * Imports a schedule CSV (docs/import.md) and records it in the audit log. The file is read and validated into
 * a stage first, without the schedule's write lock; then the changes and their audit event commit in ONE
 * transaction, or not at all. Synchronous and CSV only (text, or a path read as CSV): importScheduleFile reads
 * every kind.
 */
export function importScheduleWithAudit(db: WritableDB, now: number, input: ScheduleFileInput): ScheduleImportOutcome {
  const file =
    'csv' in input ? { text: input.csv } : 'path' in input ? { path: input.path, label: input.fileName } : { bytes: input.bytes };
  const staged = stageScheduleCsv(db, file, rowContext(db), resolveReadOptions(db, input));
  return applyWithAudit(db, now, { ...staged, kind: 'csv' }, input);
}

/** importScheduleWithAudit for a byte stream, read as it arrives (the apply step is the same transaction). */
export async function importScheduleStreamWithAudit(
  db: WritableDB,
  now: number,
  input: { stream: AsyncIterable<Uint8Array>; fileName?: string | undefined; actor: string },
): Promise<ScheduleImportOutcome> {
  const staged: StagedCsv = await stageScheduleCsvStream(db, input.stream, rowContext(db));
  return applyWithAudit(db, now, { ...staged, kind: 'csv' }, input);
}

/**
 * Imports any schedule file (CSV or XLSX, found from its content) with every option: a profile or explicit
 * mapping, the date format, a dry run, a full export. The seam the CLI, the window, the watch folder and the
 * engine's worker thread use.
 */
export async function importScheduleFile(db: WritableDB, now: number, input: ScheduleFileInput): Promise<ScheduleImportOutcome> {
  const context = rowContext(db);
  const preview = input.previewRows ? previewCollector(input.previewRows, context.timezone) : undefined;
  const options = { ...resolveReadOptions(db, input), observe: preview?.observe };
  const staged = await stageScheduleFile(db, fileOf(input), context, options);
  const outcome = applyWithAudit(db, now, staged, input);
  return preview ? { ...outcome, preview: preview.rows, header: [...staged.header] } : outcome;
}

function fileOf(input: ScheduleFileInput): ScheduleFile {
  if ('csv' in input) return { text: input.csv };
  if ('bytes' in input) return { bytes: input.bytes };
  return { path: input.path, label: input.fileName };
}

function rowContext(db: ReadableDB): RowContext {
  return { timezone: getClinicSettings(db).timezone, defaultRegion: getExtraSettings(db).defaultRegion ?? 'US' };
}

/** Thrown to roll a dry run back; carries what the import would have done. */
class DryRunRollback extends Error {
  constructor(readonly outcome: ScheduleImportOutcome) {
    super('dry run');
  }
}

type ApplyInput = Pick<ScheduleFileInput, 'dryRun' | 'fullExport' | 'approveCancellations' | 'withRejectedCsv'> & {
  fileName?: string | undefined;
  actor: string;
};

function applyWithAudit(db: WritableDB, now: number, staged: StagedFile, input: ApplyInput): ScheduleImportOutcome {
  try {
    return db.transaction(() => applyInTransaction(db, now, staged, input)).immediate();
  } catch (error) {
    if (error instanceof DryRunRollback) return error.outcome;
    throw error;
  } finally {
    staged.stage.dispose();
  }
}

/**
 * Patients, appointments, the stale reminders they end, a full export's missing appointments and the audit
 * event, all in the caller's transaction. A held full export applies nothing and records why.
 */
function applyInTransaction(db: WritableDB, now: number, staged: StagedFile, input: ApplyInput): ScheduleImportOutcome {
  const { stage } = staged;
  const zone = getClinicSettings(db).timezone;
  const full = input.fullExport
    ? planFullExport(db, stage, {
        source: staged.source ?? FILE_SOURCE,
        zone,
        unidentifiedRejects: staged.unidentifiedRejects,
        approved: input.approveCancellations === true,
      })
    : undefined;
  if (full?.held) return held(db, now, staged, full, input);
  const applied = applyStagedSchedule(db, stage, { source: staged.source ?? FILE_SOURCE, now, actor: input.actor });
  const cancelled = full ? full.missing.length : 0;
  const endedByFull = full ? cancelMissing(db, full, now) : 0;
  const { changedAppointmentIds, ...counts } = importResult(stage, applied);
  const summary: ImportResult = {
    ...counts,
    remindersCancelled: counts.remindersCancelled + endedByFull,
    ...readingReport(staged, full),
    ...(full ? { fullExport: fullExportReport(full, cancelled) } : {}),
    ...(input.dryRun ? { dryRun: true } : {}),
    ...(input.withRejectedCsv && counts.rejected.length > 0 ? { rejectedCsv: rejectedRowsCsv(staged, counts.rejected) } : {}),
  };
  const outcome = { changed: changedAppointmentIds.length + cancelled > 0, summary };
  if (input.dryRun) throw new DryRunRollback({ ...outcome, changed: false });
  recordEvent(db, now, 'import', input.actor, {
    file: input.fileName ?? null,
    kind: staged.kind,
    encoding: staged.encoding ?? null,
    created: summary.created,
    updated: summary.updated,
    unchanged: summary.unchanged,
    rejected: summary.rejectedCount,
    ...(full ? { fullExport: true, cancelledMissing: cancelled } : {}),
  });
  return outcome;
}

/** A full export that would cancel too many: nothing applied, the reason audited (the desk is asked). */
function held(db: WritableDB, now: number, staged: StagedFile, full: FullExportPlan, input: ApplyInput): ScheduleImportOutcome {
  const summary: ImportResult = {
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: staged.stage.rejected,
    rejectedCount: staged.stage.rejectedCount,
    remindersCancelled: 0,
    ...readingReport(staged, full),
    fullExport: fullExportReport(full, 0),
    ...(input.dryRun ? { dryRun: true } : {}),
  };
  if (input.dryRun) throw new DryRunRollback({ changed: false, summary });
  recordEvent(db, now, 'full_export_held', input.actor, {
    file: input.fileName ?? null,
    wouldCancel: full.missing.length,
    ofAppointments: full.ofAppointments,
    dates: full.dates,
  });
  return { changed: false, summary };
}
