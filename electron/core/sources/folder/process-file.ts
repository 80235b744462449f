import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { DateTime } from 'luxon';
import type { ImportResult } from '../../../../shared/domain/dto';
import { importScheduleFile } from '../../api/import-schedule';
import type { WritableDB } from '../../db/types';
import { recordEvent } from '../../db/repos/events-repo';
import { clearHeld, findHeldRun, findSource, insertSourceRun, type RunOutcome, type SourceRow } from '../../db/repos/sources-repo';
import { notFound, UserError } from '../../platform/errors';
import { HELD_FOLDER, PROCESSED_FOLDER } from './folder-files';

/** A folder source's settings (sources.options_json). */
export interface FolderOptions {
  fullExport: boolean;
  profile: string | null;
}

export function folderOptions(row: Pick<SourceRow, 'options_json'>): FolderOptions {
  const o = JSON.parse(row.options_json) as Partial<FolderOptions>;
  return { fullExport: o.fullExport === true, profile: o.profile ?? null };
}

/** What one file from a source did (the `sources sync` JSON, the run history, the result file). */
export interface SourceFileResult {
  sourceId: number;
  file: string;
  outcome: RunOutcome;
  /** One line for people: counts, or why it was refused or held. */
  summary: string;
  /** Where the file went (processed/ or held/); undefined when it stayed to be retried. */
  movedTo?: string | undefined;
  result?: ImportResult | undefined;
}

/**
 * Imports one complete file from a folder source, then moves it out of the way with a result file beside it:
 * to processed/, or to held/ when it is a full export that would cancel too many appointments (the desk
 * approves or discards it). A file that cannot be read is moved too, with the reason, so it is not retried
 * forever; a database failure leaves it in place for the next try. Runs where blocking is fine (the engine's
 * worker thread, or a one-shot CLI command).
 */
export async function importFolderFile(
  db: WritableDB,
  now: number,
  sourceId: number,
  path: string,
  options: Readonly<{ approve?: boolean }> = {},
): Promise<SourceFileResult> {
  const source = findSource(db, sourceId);
  if (!source) throw notFound(`no source with id ${sourceId}`);
  const settings = folderOptions(source);
  const file = basename(path);
  let result: SourceFileResult;
  try {
    const { summary } = await importScheduleFile(db, now, {
      path,
      fileName: file,
      actor: `folder source ${sourceId}`,
      fullExport: settings.fullExport,
      approveCancellations: options.approve === true,
      ...(settings.profile ? { profile: settings.profile } : {}),
      withRejectedCsv: true,
    });
    const held = summary.fullExport?.held === true;
    result = {
      sourceId,
      file,
      outcome: held ? 'held' : options.approve ? 'approved' : 'imported',
      summary: summaryLine(summary),
      result: summary,
    };
  } catch (error) {
    if (!(error instanceof UserError)) {
      insertSourceRun(db, run(sourceId, now, file, 'failed', `failed, will retry: ${(error as Error).message}`, null));
      return { sourceId, file, outcome: 'failed', summary: `failed, will retry: ${(error as Error).message}` };
    }
    result = { sourceId, file, outcome: 'refused', summary: `refused: ${error.message}` };
  }
  return settle(db, now, source, path, result);
}

/** Moves the file, writes its result file, records the run and supersedes an older held file. */
function settle(db: WritableDB, now: number, source: SourceRow, path: string, result: SourceFileResult): SourceFileResult {
  const folder = result.outcome === 'held' ? HELD_FOLDER : PROCESSED_FOLDER;
  const movedTo = moveWithResult(source.target, path, folder, now, result);
  const olderHeld = findHeldRun(db, source.id);
  db.transaction(() => {
    if (olderHeld && olderHeld.held_path !== path && (result.outcome === 'imported' || result.outcome === 'held')) {
      supersede(db, now, source, olderHeld.id, olderHeld.held_path!);
    }
    if (olderHeld && olderHeld.held_path === path) clearHeld(db, olderHeld.id);
    insertSourceRun(
      db,
      run(source.id, now, result.file, result.outcome, result.summary, result.outcome === 'held' ? movedTo : null, result.result),
    );
  }).immediate();
  return { ...result, movedTo, ...(result.result ? { result: { ...result.result, rejectedCsv: undefined } } : {}) };
}

/** An older held full export is out of date once a newer file was read: it is never applied. */
function supersede(db: WritableDB, now: number, source: SourceRow, runId: number, heldPath: string): void {
  const file = basename(heldPath);
  const summary = 'superseded by a newer export: not applied';
  if (existsSync(heldPath))
    moveWithResult(source.target, heldPath, PROCESSED_FOLDER, now, { sourceId: source.id, file, outcome: 'superseded', summary });
  clearHeld(db, runId);
  recordEvent(db, now, 'full_export_superseded', `folder source ${source.id}`, { file });
}

/** Discards a held full export: moved to processed/ unapplied, with the desk's decision recorded. */
export function discardHeld(db: WritableDB, now: number, sourceId: number, actor: string): SourceFileResult {
  const source = findSource(db, sourceId);
  if (!source) throw notFound(`no source with id ${sourceId}`);
  const held = findHeldRun(db, sourceId);
  if (!held) throw notFound(`source ${sourceId} has no export waiting for review`);
  const file = basename(held.held_path!);
  const result: SourceFileResult = { sourceId, file, outcome: 'discarded', summary: `discarded by ${actor}: not applied` };
  const movedTo = existsSync(held.held_path!) ? moveWithResult(source.target, held.held_path!, PROCESSED_FOLDER, now, result) : undefined;
  db.transaction(() => {
    clearHeld(db, held.id);
    insertSourceRun(db, run(sourceId, now, file, 'discarded', result.summary, null));
    recordEvent(db, now, 'full_export_discarded', actor, { sourceId, file });
  }).immediate();
  return { ...result, movedTo };
}

function run(
  sourceId: number,
  at: number,
  file: string,
  outcome: RunOutcome,
  summary: string,
  heldPath: string | null,
  result?: ImportResult,
) {
  const detail = result ? { ...result, rejected: result.rejected.slice(0, 20), rejectedCsv: undefined } : {};
  return { source_id: sourceId, at, file, outcome, summary, detail_json: JSON.stringify(detail), held_path: heldPath };
}

/** "12 created, 3 updated, 40 unchanged, 1 rejected; 2 cancelled (missing from the full export)". */
export function summaryLine(r: ImportResult): string {
  if (r.fullExport?.held) return `held for review: ${r.fullExport.reason ?? ''}`;
  const counts = `${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejectedCount} rejected`;
  const full = r.fullExport && r.fullExport.cancelled > 0 ? `; ${r.fullExport.cancelled} cancelled (missing from the full export)` : '';
  return counts + full;
}

/**
 * Moves `path` into `dir/<folder>/` under a dated name (the same export name arrives every day) and writes
 * `<name>.result.json` beside it, plus `<name>.rejected.csv` when rows were rejected. Returns the new path.
 */
function moveWithResult(dir: string, path: string, folder: string, now: number, result: SourceFileResult): string {
  const target = join(dir, folder);
  mkdirSync(target, { recursive: true });
  const stamp = DateTime.fromMillis(now, { zone: 'utc' }).toFormat("yyyyLLdd'T'HHmmss'Z'");
  const name = basename(path);
  let dest = join(target, `${stamp}-${name}`);
  for (let n = 2; existsSync(dest); n++) dest = join(target, `${stamp}-${basename(name, extname(name))}-${n}${extname(name)}`);
  renameSync(path, dest);
  const { result: full, ...head } = result;
  const body = {
    ...head,
    file: name,
    at: new Date(now).toISOString(),
    movedTo: dest,
    result: full ? { ...full, rejectedCsv: undefined } : undefined,
  };
  writeFileSync(`${dest}.result.json`, `${JSON.stringify(body, null, 2)}\n`);
  if (full?.rejectedCsv) writeFileSync(`${dest}.rejected.csv`, full.rejectedCsv);
  return dest;
}
