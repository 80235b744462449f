import type { WritableDB } from './types';

/**
 * The control file's own schema, versioned by its own `user_version` (the schedule's migrations never
 * touch it). Listed explicitly, like the schedule's; a shipped step is never edited, only appended.
 */
const STEPS: readonly ((db: WritableDB) => void)[] = [
  (db) =>
    db.exec(`
      -- The kill switch (docs/control.md): one row, read before every claim and every provider call.
      CREATE TABLE pause_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        paused INTEGER NOT NULL,
        pause_kind TEXT,
        pause_reason TEXT,
        paused_at INTEGER,
        paused_by TEXT,
        breaker_reviewed_until INTEGER,
        updated_at INTEGER NOT NULL
      ) STRICT;

      -- One sender per schedule file.
      CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        pid INTEGER NOT NULL,
        hostname TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      ) STRICT;

      -- Pauses, resumes and breaker trips; merged with the schedule's events in the audit view.
      CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        actor TEXT NOT NULL,
        detail_json TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
    `),
  (db) =>
    db.exec(`
      -- Scoped pauses (docs/control.md#scoped-pauses): one provider ("Dr. Patel is out sick") or one channel.
      -- \`target_key\` is the normalized name (a provider is matched case- and space-insensitively).
      CREATE TABLE scoped_pauses (
        scope TEXT NOT NULL CHECK (scope IN ('provider', 'channel')),
        target_key TEXT NOT NULL,
        target TEXT NOT NULL,
        reason TEXT NOT NULL,
        paused_at INTEGER NOT NULL,
        paused_by TEXT NOT NULL,
        PRIMARY KEY (scope, target_key)
      ) STRICT;
    `),
];

export const CONTROL_SCHEMA_VERSION = STEPS.length;

/** Brings the control file to the current schema; refuses one written by a newer Frontdesk. */
export function migrateControl(db: WritableDB): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > CONTROL_SCHEMA_VERSION) {
    throw new Error(
      `the control file ${db.name} is at version ${current}, newer than this Frontdesk (${CONTROL_SCHEMA_VERSION}); update the app`,
    );
  }
  for (let version = current + 1; version <= CONTROL_SCHEMA_VERSION; version += 1) {
    db.transaction(() => {
      // Re-read inside the write lock: another process may have created the file a moment ago.
      if ((db.pragma('user_version', { simple: true }) as number) >= version) return;
      STEPS[version - 1]!(db);
      // user_version cannot be bound as a parameter; the value is our own loop counter.
      db.pragma(`user_version = ${Number(version)}`);
    }).immediate();
  }
}
