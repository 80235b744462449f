import type { PlanResult } from '../../../shared/domain/dto';
import type { importScheduleFile } from '../api/import-schedule';
import type { SourceFileResult } from '../sources/folder/process-file';

/**
 * Messages between an engine and its worker thread (docs/control.md). Everything here is structured-
 * clonable: the import's input and answer cross the thread boundary as they are.
 */

/** What the import seam takes and answers; the worker calls it as is (one narrow seam). */
export type ImportInput = Parameters<typeof importScheduleFile>[2];
export type ImportOutcome = Awaited<ReturnType<typeof importScheduleFile>>;

/** workerData: which schedule file the worker opens with its own connection. */
export interface WorkerInit {
  readonly file: string;
  readonly nativeBinding?: string | undefined;
}

/** One complete file of a folder source to import and move (docs/schedule-sources.md). */
export interface SourceFileRequest {
  readonly sourceId: number;
  readonly path: string;
  /** The desk approved a held full export. */
  readonly approve?: boolean | undefined;
}

export type WorkerJob =
  | { readonly kind: 'import'; readonly now: number; readonly input: ImportInput }
  | { readonly kind: 'plan'; readonly now: number }
  | { readonly kind: 'source-file'; readonly now: number; readonly request: SourceFileRequest };

export interface JobAnswers {
  readonly import: ImportOutcome;
  readonly plan: PlanResult;
  readonly 'source-file': SourceFileResult;
}

export type WorkerRequest = { readonly id: number; readonly job: WorkerJob } | { readonly id: number; readonly close: true };

export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly code?: string | undefined;
  readonly stack?: string | undefined;
}

export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: SerializedError };
