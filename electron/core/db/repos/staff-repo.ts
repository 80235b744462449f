import type { AppointmentStatus } from '../../../../shared/domain/types';
import { all, first, run, scalar, sql } from '../sql';
import type { ReadableDB, WritableDB } from '../types';

/** Desk staff and undoable desk actions (docs/staff.md); migration 0008. */

export type StaffRole = 'admin' | 'desk';

export interface StaffRow {
  id: number;
  name: string;
  role: StaffRole;
  pin_hash: string | null;
  created_at: number;
}

export function countStaff(db: ReadableDB): number {
  return scalar<number>(db, sql`SELECT COUNT(*) FROM staff_users`) ?? 0;
}

export function countAdmins(db: ReadableDB): number {
  return scalar<number>(db, sql`SELECT COUNT(*) FROM staff_users WHERE role = 'admin'`) ?? 0;
}

export function listStaff(db: ReadableDB): StaffRow[] {
  return all<StaffRow>(db, sql`SELECT id, name, role, pin_hash, created_at FROM staff_users ORDER BY name`);
}

export function findStaffById(db: ReadableDB, id: number): StaffRow | undefined {
  return first<StaffRow>(db, sql`SELECT id, name, role, pin_hash, created_at FROM staff_users WHERE id = ${id}`);
}

/** Case-insensitive (the column is COLLATE NOCASE). */
export function findStaffByName(db: ReadableDB, name: string): StaffRow | undefined {
  return first<StaffRow>(db, sql`SELECT id, name, role, pin_hash, created_at FROM staff_users WHERE name = ${name}`);
}

export function insertStaff(db: WritableDB, user: { name: string; role: StaffRole; pinHash: string | null }, now: number): number {
  return Number(
    run(
      db,
      sql`INSERT INTO staff_users (name, role, pin_hash, created_at, updated_at) VALUES (${user.name}, ${user.role}, ${user.pinHash}, ${now}, ${now})`,
    ).lastInsertRowid,
  );
}

export function deleteStaff(db: WritableDB, id: number): boolean {
  return run(db, sql`DELETE FROM staff_users WHERE id = ${id}`).changes === 1;
}

export interface UndoRow {
  id: number;
  appointment_id: number;
  action: 'confirm' | 'cancel';
  previous_status: AppointmentStatus;
  previous_confirmed_at: number | null;
  status_after: AppointmentStatus;
  done_at: number;
  done_by: string;
  undone_at: number | null;
}

export function insertUndoAction(db: WritableDB, action: Omit<UndoRow, 'id' | 'undone_at'>): number {
  return Number(
    run(
      db,
      sql`INSERT INTO undo_actions (appointment_id, action, previous_status, previous_confirmed_at, status_after, done_at, done_by)
       VALUES (${action.appointment_id}, ${action.action}, ${action.previous_status}, ${action.previous_confirmed_at},
         ${action.status_after}, ${action.done_at}, ${action.done_by})`,
    ).lastInsertRowid,
  );
}

export function findUndoAction(db: ReadableDB, id: number): UndoRow | undefined {
  return first<UndoRow>(
    db,
    sql`SELECT id, appointment_id, action, previous_status, previous_confirmed_at, status_after, done_at, done_by, undone_at
     FROM undo_actions WHERE id = ${id}`,
  );
}

/** The newest desk action on an appointment: only that one may be undone. */
export function latestUndoActionFor(db: ReadableDB, appointmentId: number): number | undefined {
  return scalar<number>(db, sql`SELECT MAX(id) FROM undo_actions WHERE appointment_id = ${appointmentId}`) ?? undefined;
}

/** Marks an action undone once; false when it already was. */
export function markUndone(db: WritableDB, id: number, actor: string, now: number): boolean {
  return (
    run(db, sql`UPDATE undo_actions SET undone_at = ${now}, undone_by = ${actor} WHERE id = ${id} AND undone_at IS NULL`).changes === 1
  );
}

/** Puts back the status (and confirmation time) an appointment had before a desk action; flags it for planning. */
export function restoreAppointmentStatus(
  db: WritableDB,
  id: number,
  status: AppointmentStatus,
  confirmedAt: number | null,
  now: number,
): void {
  run(
    db,
    sql`UPDATE appointments SET status = ${status}, confirmed_at = ${confirmedAt}, needs_plan = 1, updated_at = ${now} WHERE id = ${id}`,
  );
}
