import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { badRequest } from '../../platform/errors';

/** Where picked-up files go, with their result file beside them. */
export const PROCESSED_FOLDER = 'processed';
/** Where a held full export waits for the desk. */
export const HELD_FOLDER = 'held';

/** A file waiting in a watched folder. */
export interface FolderFile {
  name: string;
  path: string;
  size: number;
  mtimeMs: number;
}

/**
 * Names that are never a finished export: hidden files, Office lock files (~$…), partial downloads and
 * temporary files a practice system writes before renaming into place, and our own result files.
 */
const NOT_AN_EXPORT = /^(?:\.|~\$)|\.(?:tmp|temp|part|partial|crdownload|download|lock|swp)$|\.result\.json$|\.rejected\.csv$/i;

export function isCandidateName(name: string): boolean {
  return !NOT_AN_EXPORT.test(name);
}

/** The files waiting in `dir` (not its subfolders), oldest first: full exports must apply in order. */
export function listFolderFiles(dir: string): FolderFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    throw badRequest(`cannot read the folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const files: FolderFile[] = [];
  for (const name of names) {
    if (!isCandidateName(name)) continue;
    const path = join(dir, name);
    try {
      const stat = statSync(path);
      if (stat.isFile()) files.push({ name, path, size: stat.size, mtimeMs: stat.mtimeMs });
    } catch {
      // Gone between readdir and stat (moved by another engine, or renamed by the writer): next scan.
    }
  }
  return files.sort((a, b) => a.mtimeMs - b.mtimeMs || a.name.localeCompare(b.name));
}

/**
 * Decides when a file is complete: a practice system writes an export in parts, and a file read half-way
 * would import half a schedule (or, as a full export, cancel the other half). A file is ready when its size
 * and modification time have not changed for `stableMs`, or at first sight when it was last written more
 * than `stableMs` ago (it was renamed or copied into place whole). Uses real time: file times are real.
 */
export class FileStability {
  private readonly seen = new Map<string, { size: number; mtimeMs: number; since: number }>();

  constructor(private readonly stableMs: number) {}

  ready(file: FolderFile, realNow: number): boolean {
    const last = this.seen.get(file.path);
    if (!last || last.size !== file.size || last.mtimeMs !== file.mtimeMs) {
      this.seen.set(file.path, { size: file.size, mtimeMs: file.mtimeMs, since: realNow });
      return file.size > 0 && realNow - file.mtimeMs >= this.stableMs;
    }
    return file.size > 0 && realNow - last.since >= this.stableMs;
  }

  /** Forgets a file (imported and moved away, or gone). */
  forget(path: string): void {
    this.seen.delete(path);
  }

  /** When the file might be ready, if it is not yet (for the next check). */
  readyAt(path: string): number | undefined {
    const last = this.seen.get(path);
    return last ? last.since + this.stableMs : undefined;
  }
}
