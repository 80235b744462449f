import { all, column, first, run, runReturning, scalar, sql } from '../sql';
import type { ReadableDB, WritableDB } from '../types';

export interface SourceRow {
  id: number;
  kind: string;
  target: string;
  options_json: string;
  stale_alarm_at: number | null;
  /** Why the source is paused (a FHIR server refused its token), or null. */
  paused_reason: string | null;
  created_at: number;
  updated_at: number;
}

export type RunOutcome = 'imported' | 'refused' | 'held' | 'failed' | 'approved' | 'discarded' | 'superseded';

export interface SourceRunRow {
  id: number;
  source_id: number;
  at: number;
  file: string;
  outcome: RunOutcome;
  summary: string;
  detail_json: string;
  held_path: string | null;
}

/** Adds a source, or returns the existing one with the same kind and target (options updated). */
export function upsertSource(db: WritableDB, kind: string, target: string, optionsJson: string, now: number): number {
  return runReturning<{ id: number }>(
    db,
    sql`INSERT INTO sources (kind, target, options_json, created_at, updated_at) VALUES (${kind}, ${target}, ${optionsJson}, ${now}, ${now})
     ON CONFLICT (kind, target) DO UPDATE SET options_json = excluded.options_json, updated_at = excluded.updated_at
     RETURNING id`,
  )!.id;
}

export function listSources(db: ReadableDB): SourceRow[] {
  return all<SourceRow>(db, sql`SELECT * FROM sources ORDER BY id`);
}

export function findSource(db: ReadableDB, id: number): SourceRow | undefined {
  return first<SourceRow>(db, sql`SELECT * FROM sources WHERE id = ${id}`);
}

/** Removes a source and its history; returns whether it existed. */
export function deleteSource(db: WritableDB, id: number): boolean {
  return run(db, sql`DELETE FROM sources WHERE id = ${id}`).changes === 1;
}

export function setStaleAlarmAt(db: WritableDB, id: number, at: number | null): void {
  run(db, sql`UPDATE sources SET stale_alarm_at = ${at} WHERE id = ${id}`);
}

export function insertSourceRun(db: WritableDB, sourceRun: Omit<SourceRunRow, 'id'>): number {
  const { source_id, at, file, outcome, summary, detail_json, held_path } = sourceRun;
  return Number(
    run(
      db,
      sql`INSERT INTO source_runs (source_id, at, file, outcome, summary, detail_json, held_path)
       VALUES (${source_id}, ${at}, ${file}, ${outcome}, ${summary}, ${detail_json}, ${held_path})`,
    ).lastInsertRowid,
  );
}

export function latestSourceRun(db: ReadableDB, sourceId: number): SourceRunRow | undefined {
  return first<SourceRunRow>(db, sql`SELECT * FROM source_runs WHERE source_id = ${sourceId} ORDER BY at DESC, id DESC LIMIT 1`);
}

/** The held full export of a source, if one waits for the desk. */
export function findHeldRun(db: ReadableDB, sourceId: number): SourceRunRow | undefined {
  return first<SourceRunRow>(
    db,
    sql`SELECT * FROM source_runs WHERE source_id = ${sourceId} AND held_path IS NOT NULL ORDER BY id DESC LIMIT 1`,
  );
}

/** The held file was approved, discarded or superseded: it no longer waits. */
export function clearHeld(db: WritableDB, runId: number): void {
  run(db, sql`UPDATE source_runs SET held_path = NULL WHERE id = ${runId}`);
}

/** When files arrived from a source (newest first, at most `limit`): the stale alarm learns from them. */
export function listArrivals(db: ReadableDB, sourceId: number, limit: number): number[] {
  return column<number>(
    db,
    sql`SELECT at FROM source_runs
     WHERE source_id = ${sourceId} AND outcome IN ('imported', 'refused', 'held', 'failed') ORDER BY at DESC LIMIT ${limit}`,
  );
}

/** Pauses a source with the reason shown to the desk, or resumes it (null). */
export function setSourcePaused(db: WritableDB, id: number, reason: string | null): void {
  run(db, sql`UPDATE sources SET paused_reason = ${reason} WHERE id = ${id}`);
}

/** Runs that were refused or failed since `since` (the Sources screen's error count). */
export function countFailedRuns(db: ReadableDB, sourceId: number, since: number): number {
  return (
    scalar<number>(
      db,
      sql`SELECT COUNT(*) FROM source_runs WHERE source_id = ${sourceId} AND outcome IN ('refused', 'failed') AND at >= ${since}`,
    ) ?? 0
  );
}

/** When a polled source last synced successfully (newest first): a source that answers nothing is not fresh. */
export function listImportedRunTimes(db: ReadableDB, sourceId: number, limit: number): number[] {
  return column<number>(
    db,
    sql`SELECT at FROM source_runs WHERE source_id = ${sourceId} AND outcome = 'imported' ORDER BY at DESC LIMIT ${limit}`,
  );
}
