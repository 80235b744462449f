import type { WritableDB } from '../db/types';
import { setAppointmentStatus } from '../db/repos/appointments-repo';
import { recordEvent } from '../db/repos/events-repo';
import { syncOutboxForAppointments } from './schedule-sync';

/**
 * Confirms an appointment and ends its unconfirmed-only reminders in the same transaction
 * (docs/safeguards.md#confirm-cancel-and-reschedule): a confirmation can never race a pending call. Returns reminders cancelled.
 */
export function confirmAppointment(db: WritableDB, appointmentId: number, now: number, actor: string): number {
  return db
    .transaction(() => {
      setAppointmentStatus(db, appointmentId, 'confirmed', now);
      const ended = syncOutboxForAppointments(db, [appointmentId], now);
      recordEvent(db, now, 'appointment_confirmed', actor, { appointmentId, remindersCancelled: ended });
      return ended;
    })
    .immediate();
}

/** Cancels an appointment and all its pending reminders atomically. Returns reminders cancelled. */
export function cancelAppointment(db: WritableDB, appointmentId: number, now: number, actor: string): number {
  return db
    .transaction(() => {
      setAppointmentStatus(db, appointmentId, 'cancelled', now);
      const ended = syncOutboxForAppointments(db, [appointmentId], now);
      recordEvent(db, now, 'appointment_cancelled', actor, { appointmentId, remindersCancelled: ended });
      return ended;
    })
    .immediate();
}
