import type { DB } from '../connection';
import { stmt } from '../sql';

export interface SourceRow {
  id: number;
  kind: string;
  target: string;
  options_json: string;
  stale_alarm_at: number | null;
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
export function upsertSource(db: DB, kind: string, target: string, optionsJson: string, now: number): number {
  return stmt(
    db,
    `INSERT INTO sources (kind, target, options_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (kind, target) DO UPDATE SET options_json = excluded.options_json, updated_at = excluded.updated_at
     RETURNING id`,
  )
    .pluck()
    .get(kind, target, optionsJson, now, now) as number;
}

export function listSources(db: DB): SourceRow[] {
  return stmt(db, `SELECT * FROM sources ORDER BY id`).all() as SourceRow[];
}

export function findSource(db: DB, id: number): SourceRow | undefined {
  return stmt(db, `SELECT * FROM sources WHERE id = ?`).get(id) as SourceRow | undefined;
}

/** Removes a source and its history; returns whether it existed. */
export function deleteSource(db: DB, id: number): boolean {
  return stmt(db, `DELETE FROM sources WHERE id = ?`).run(id).changes === 1;
}

export function setStaleAlarmAt(db: DB, id: number, at: number | null): void {
  stmt(db, `UPDATE sources SET stale_alarm_at = ? WHERE id = ?`).run(at, id);
}

export function insertSourceRun(db: DB, run: Omit<SourceRunRow, 'id'>): number {
  return Number(
    stmt(db, `INSERT INTO source_runs (source_id, at, file, outcome, summary, detail_json, held_path) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
      run.source_id,
      run.at,
      run.file,
      run.outcome,
      run.summary,
      run.detail_json,
      run.held_path,
    ).lastInsertRowid,
  );
}

export function latestSourceRun(db: DB, sourceId: number): SourceRunRow | undefined {
  return stmt(db, `SELECT * FROM source_runs WHERE source_id = ? ORDER BY at DESC, id DESC LIMIT 1`).get(sourceId) as
    | SourceRunRow
    | undefined;
}

/** The held full export of a source, if one waits for the desk. */
export function findHeldRun(db: DB, sourceId: number): SourceRunRow | undefined {
  return stmt(db, `SELECT * FROM source_runs WHERE source_id = ? AND held_path IS NOT NULL ORDER BY id DESC LIMIT 1`).get(sourceId) as
    | SourceRunRow
    | undefined;
}

/** The held file was approved, discarded or superseded: it no longer waits. */
export function clearHeld(db: DB, runId: number): void {
  stmt(db, `UPDATE source_runs SET held_path = NULL WHERE id = ?`).run(runId);
}

/** When files arrived from a source (newest first, at most `limit`): the stale alarm learns from them. */
export function listArrivals(db: DB, sourceId: number, limit: number): number[] {
  return stmt(
    db,
    `SELECT at FROM source_runs WHERE source_id = ? AND outcome IN ('imported', 'refused', 'held', 'failed') ORDER BY at DESC LIMIT ?`,
  )
    .pluck()
    .all(sourceId, limit) as number[];
}
