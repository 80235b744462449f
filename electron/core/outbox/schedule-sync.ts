import type { WritableDB } from '../db/types';
import { getPlanningAppointment } from '../db/repos/planning-repo';
import { desiredContacts, endUnwantedPending } from './appointment-plan';
import { planPolicy } from './planner';
import { requestUnwantedCancels } from './scheduled-cancel';

/**
 * Called inside the transaction of every schedule change (import, confirm, cancel): ends the pending
 * reminders the changed appointments no longer want — cancelled, confirmed, rescheduled (superseded) —
 * so no stale reminder can be claimed between the change and the next planner run (docs/safeguards.md#confirm-cancel-and-reschedule).
 * New reminders are left to the planner, which runs right after. Returns how many were ended.
 */
export function syncOutboxForAppointments(db: WritableDB, appointmentIds: readonly number[], now: number): number {
  if (appointmentIds.length === 0) return 0;
  const policy = planPolicy(db);
  let ended = 0;
  for (const id of appointmentIds) {
    const appt = getPlanningAppointment(db, id);
    if (!appt) continue;
    ended += endUnwantedPending(db, appt, desiredContacts(appt, policy, now), now);
  }
  // Texts already scheduled at Twilio go on the durable "to cancel" list in this same transaction (docs/send-ahead.md).
  requestUnwantedCancels(db, now, { paused: false, appointmentIds });
  return ended;
}
