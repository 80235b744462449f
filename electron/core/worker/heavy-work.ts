import type { PlanResult } from '../../../shared/domain/dto';
import type { WritableDB } from '../db/types';
import { runPlannerInSteps } from '../outbox/planner';
import type { SourceFileResult } from '../sources/folder/process-file';
import type { ImportInput, ImportOutcome, SourceFileRequest } from './protocol';

/**
 * Heavy schedule work: imports and bulk planning (later: source sync). Long-running engines run it on
 * a worker thread (worker-client.ts); one-shot CLI commands and in-memory test databases run it inline.
 */
export interface HeavyWork {
  /** The import seam (api/import-schedule.ts), all-or-nothing. */
  importSchedule(now: number, input: ImportInput): Promise<ImportOutcome>;
  /** Plans every appointment flagged since its last planning. */
  plan(now: number): Promise<PlanResult>;
  /** Imports one complete file of a folder source and moves it to processed/ (or held/). */
  importSourceFile(now: number, request: SourceFileRequest): Promise<SourceFileResult>;
  /** True while an import runs (it holds the schedule's write lock until it commits). */
  importing(): boolean;
  close(): Promise<void>;
}

/** The same work on the calling thread. */
export function inlineHeavyWork(db: WritableDB): HeavyWork {
  let imports = 0;
  return {
    importSchedule: async (now, input) => {
      // Loaded on demand: the CSV parser and validators would slow every CLI start.
      const { importScheduleFile } = await import('../api/import-schedule');
      imports += 1;
      try {
        return await importScheduleFile(db, now, input);
      } finally {
        imports -= 1;
      }
    },
    plan: (now) => runPlannerInSteps(db, () => now),
    importSourceFile: async (now, request) => {
      const { importFolderFile } = await import('../sources/folder/process-file');
      imports += 1;
      try {
        return await importFolderFile(db, now, request.sourceId, request.path, { approve: request.approve });
      } finally {
        imports -= 1;
      }
    },
    importing: () => imports > 0,
    close: async () => {},
  };
}
