import type { SourceRow } from '../../db/repos/sources-repo';
import { FileStability, listFolderFiles, type FolderFile } from './folder-files';
import type { SourceFileResult } from './process-file';

/** Imports one file of a source (the engine's worker thread, or inline). */
export type ImportSourceFile = (sourceId: number, path: string) => Promise<SourceFileResult>;

export interface PullOptions {
  /** How long a file's size must stay the same before it is read. */
  stableMs: number;
  /** Real time (file times are real, whatever the engine's clock says). */
  realNow: () => number;
  sleep: (ms: number) => Promise<void>;
  /** The longest to wait for a file still being written; after that it is left for the next pull. */
  maxWaitMs: number;
}

/**
 * `sources sync`: every folder source pulled once, now. Files still being written are waited for (their size
 * must stay the same for `stableMs`), up to `maxWaitMs`; then imported oldest first, one at a time. A folder
 * that cannot be read gives a "refused" result of its own; the other sources still run.
 */
export async function pullFolderSources(
  sources: readonly SourceRow[],
  importFile: ImportSourceFile,
  options: Readonly<PullOptions>,
): Promise<SourceFileResult[]> {
  const results: SourceFileResult[] = [];
  for (const source of sources.filter((s) => s.kind === 'folder')) {
    let files: FolderFile[];
    try {
      files = await completeFiles(source.target, options);
    } catch (error) {
      results.push({ sourceId: source.id, file: source.target, outcome: 'refused', summary: `refused: ${(error as Error).message}` });
      continue;
    }
    for (const file of files) results.push(await importFile(source.id, file.path));
  }
  return results;
}

/** The folder's files that are complete, waiting (bounded) for any still being written. */
async function completeFiles(dir: string, options: Readonly<PullOptions>): Promise<FolderFile[]> {
  const stability = new FileStability(options.stableMs);
  const started = options.realNow();
  for (;;) {
    const files = listFolderFiles(dir);
    const now = options.realNow();
    const ready = files.filter((f) => stability.ready(f, now));
    if (ready.length === files.length || now - started >= options.maxWaitMs) return ready;
    await options.sleep(Math.min(200, options.stableMs));
  }
}
