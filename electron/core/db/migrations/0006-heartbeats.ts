import type { WritableDB } from '../types';

/**
 * Heartbeats (docs/coverage.md#heartbeats): one row per minute in which a dispatch cycle ran, whichever process ran
 * it. Two uses: the desk hours are learned from when the engine was running, and "the sender is down" is the
 * time since the last one. Keyed by the minute (ms / 60 000), so a cycle that runs twice in a minute writes once;
 * old rows are pruned as new ones are written.
 */
export function up(db: WritableDB): void {
  db.exec(`
    CREATE TABLE heartbeats (
      minute INTEGER PRIMARY KEY,
      at INTEGER NOT NULL
    ) STRICT;
  `);
}
