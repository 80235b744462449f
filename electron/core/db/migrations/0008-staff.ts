import type { WritableDB } from '../types';

/**
 * Named desk staff and undo (docs/staff.md):
 * - `staff_users`: who may be "at the desk". The PIN is stored only as an scrypt hash with its own salt
 *   (`pin_hash` = `scrypt$N$r$p$salt$hash`, base64 parts), NULL when the user has no PIN. With no rows the
 *   clinic works as before (everyone may do everything); the first user added is an admin.
 * - `undo_actions`: a confirm or cancel made from the desk, with the appointment's state before it, so it can
 *   be undone for a few minutes (`limits.undoMinutes`). `undone_at` is set once; an action is never undone twice.
 */
export function up(db: WritableDB): void {
  db.exec(`
    CREATE TABLE staff_users (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) BETWEEN 1 AND 60),
      role TEXT NOT NULL CHECK (role IN ('admin', 'desk')),
      pin_hash TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE undo_actions (
      id INTEGER PRIMARY KEY,
      appointment_id INTEGER NOT NULL REFERENCES appointments (id),
      action TEXT NOT NULL CHECK (action IN ('confirm', 'cancel')),
      previous_status TEXT NOT NULL,
      previous_confirmed_at INTEGER,
      status_after TEXT NOT NULL,
      done_at INTEGER NOT NULL,
      done_by TEXT NOT NULL,
      undone_at INTEGER,
      undone_by TEXT
    ) STRICT;
    CREATE INDEX undo_actions_appointment ON undo_actions (appointment_id, done_at);
  `);
}
