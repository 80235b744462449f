import type { AppointmentStatus } from '../../../shared/domain/types';
import type { UndoTicket } from '../../../shared/domain/staff';
import { findAppointmentById } from '../db/repos/appointments-repo';
import { recordEvent } from '../db/repos/events-repo';
import { findUndoAction, insertUndoAction, latestUndoActionFor, markUndone, restoreAppointmentStatus } from '../db/repos/staff-repo';
import type { WritableDB } from '../db/types';
import { cancelAppointment, confirmAppointment } from '../outbox/appointment-actions';
import { syncOutboxForAppointments } from '../outbox/schedule-sync';
import { MINUTE_MS } from '../platform/clock';
import { notFound, UserError } from '../platform/errors';

/**
 * Undo of a desk confirm or cancel (docs/staff.md#undo): the appointment gets back the status it had, and
 * its reminders are re-planned through the normal path (the planner revives only rows that never reached
 * a provider, after the settle time), so nothing already sent goes twice.
 */

export type DeskAction = 'confirm' | 'cancel';

/** Confirms or cancels and records how to undo it, in one transaction. Returns the reminders ended and the ticket id. */
export function doUndoableAction(
  db: WritableDB,
  input: { appointmentId: number; action: DeskAction; now: number; actor: string },
): { ended: number; undoId: number } {
  return db
    .transaction(() => {
      const before = findAppointmentById(db, input.appointmentId)!;
      const ended =
        input.action === 'confirm'
          ? confirmAppointment(db, input.appointmentId, input.now, input.actor)
          : cancelAppointment(db, input.appointmentId, input.now, input.actor);
      const after = findAppointmentById(db, input.appointmentId)!;
      const undoId = insertUndoAction(db, {
        appointment_id: input.appointmentId,
        action: input.action,
        previous_status: before.status,
        previous_confirmed_at: before.confirmed_at,
        status_after: after.status,
        done_at: input.now,
        done_by: input.actor,
      });
      return { ended, undoId };
    })
    .immediate();
}

export function undoTicket(undoId: number, doneAt: number, undoMinutes: number, iso: (ms: number) => string): UndoTicket | null {
  return undoMinutes > 0 ? { undoId, until: iso(doneAt + undoMinutes * MINUTE_MS), seconds: undoMinutes * 60 } : null;
}

const conflict = (message: string) => new UserError('CONFLICT', message);

/**
 * Undoes action `undoId` if it is the appointment's latest desk action, less than `undoMinutes` old, not
 * undone yet, and the appointment still has the status the action gave it (an import or a patient's reply
 * since then wins). Audited. Returns the appointment id and the status restored.
 */
export function undoDeskAction(
  db: WritableDB,
  input: { undoId: number; now: number; actor: string; undoMinutes: number },
): { appointmentId: number; restored: AppointmentStatus } {
  return db
    .transaction(() => {
      const action = findUndoAction(db, input.undoId);
      if (!action) throw notFound(`nothing to undo with id ${input.undoId}`);
      if (action.undone_at !== null) throw conflict(`this ${action.action} was already undone`);
      if (input.now > action.done_at + input.undoMinutes * MINUTE_MS) {
        throw conflict(`this ${action.action} can no longer be undone (only for ${input.undoMinutes} minutes)`);
      }
      const appt = findAppointmentById(db, action.appointment_id);
      if (!appt) throw notFound('the appointment is no longer in the schedule');
      if (latestUndoActionFor(db, appt.id) !== action.id || appt.status !== action.status_after) {
        throw conflict(`appointment "${appt.external_id}" changed since (now ${appt.status}); nothing was undone`);
      }
      restoreAppointmentStatus(db, appt.id, action.previous_status, action.previous_confirmed_at, input.now);
      // Ends whatever the restored status no longer wants; the planner adds back what it wants (settle time applies).
      syncOutboxForAppointments(db, [appt.id], input.now);
      markUndone(db, action.id, input.actor, input.now);
      recordEvent(db, input.now, `appointment_${action.action}_undone`, input.actor, {
        appointmentId: appt.id,
        appointment: appt.external_id,
        restoredStatus: action.previous_status,
        undoneAction: { by: action.done_by, at: action.done_at },
      });
      return { appointmentId: appt.id, restored: action.previous_status };
    })
    .immediate();
}
