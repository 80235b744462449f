import type { WritableDB } from '../types';

/**
 * Schedule sources (docs/schedule-sources.md): watched folders and what each file they delivered did, and the
 * saved column mappings of practice systems' exports. `source_runs` is also the history the stale-schedule
 * alarm learns the usual interval between exports from; a held full export keeps the path of its file there
 * until the desk approves or discards it.
 */
export function up(db: WritableDB): void {
  db.exec(`
    CREATE TABLE import_profiles (
      name TEXT PRIMARY KEY,
      mapping_json TEXT NOT NULL DEFAULT '{}',
      date_format TEXT CHECK (date_format IN ('MDY', 'DMY', 'YMD')),
      sheet TEXT,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE sources (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL,
      target TEXT NOT NULL,
      options_json TEXT NOT NULL DEFAULT '{}',
      -- When the stale-schedule alarm was last raised (once per silence, not every minute).
      stale_alarm_at INTEGER,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      UNIQUE (kind, target)
    ) STRICT;

    CREATE TABLE source_runs (
      id INTEGER PRIMARY KEY,
      source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
      at INTEGER NOT NULL,
      file TEXT NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('imported', 'refused', 'held', 'failed', 'approved', 'discarded', 'superseded')),
      summary TEXT NOT NULL,
      detail_json TEXT NOT NULL DEFAULT '{}',
      -- A held full export: where its file waits for the desk (NULL once approved, discarded or superseded).
      held_path TEXT
    ) STRICT;
    CREATE INDEX source_runs_source_at ON source_runs (source_id, at);
  `);
}
