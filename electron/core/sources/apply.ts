import type { WritableDB } from '../db/types';
import { syncOutboxForAppointments } from '../outbox/schedule-sync';
import { applyStagedAppointments } from './apply-appointments';
import { applyStagedPatients } from './apply-patients';
import type { ScheduleStage } from './stage';

export interface ApplyOptions {
  /** Appointments are unique per (source, external_id): "csv" for files, a source id later. */
  source: string;
  now: number;
  /** Who imported (recorded in the consent history); default "import". */
  actor?: string | undefined;
}

export interface ApplyResult {
  created: number;
  updated: number;
  unchanged: number;
  /** Pending reminders cancelled or superseded by this change, in the same transaction. */
  remindersCancelled: number;
  /** Created or updated appointments, all flagged needs_plan = 1 for the planner. */
  changedAppointmentIds: number[];
}

/**
 * The one step every source ends with: applies a stage to the schedule — patients, appointments, and ending
 * the pending reminders the changes make stale (cancelled, confirmed, rescheduled = superseded). It must run
 * inside the caller's transaction (IMMEDIATE), so the schedule change and the outbox update commit together
 * or not at all, and no stale reminder can be claimed in between. Sources never write the schedule themselves
 * and never plan: the planner runs after the commit.
 */
export function applyStagedSchedule(db: WritableDB, stage: ScheduleStage, options: Readonly<ApplyOptions>): ApplyResult {
  if (!db.inTransaction) throw new Error('applyStagedSchedule must run inside a transaction');
  stage.flush();
  const changedPatients = applyStagedPatients(db, stage.id, options.now, options.actor);
  const appointments = applyStagedAppointments(db, stage.id, changedPatients, options.source, options.now);
  // Only updated appointments can have pending reminders: a created one has none yet (and appointments are never
  // deleted, so a new id never inherits old outbox rows). Nothing changed, nothing written.
  const { updatedIds, changedIds } = appointments;
  const remindersCancelled = updatedIds.length > 0 ? syncOutboxForAppointments(db, updatedIds, options.now) : 0;
  return {
    created: appointments.created,
    updated: appointments.updated,
    unchanged: appointments.unchanged,
    remindersCancelled,
    changedAppointmentIds: changedIds,
  };
}
