import type { DB } from '../db/connection';
import {
  findAppointmentByExternalId,
  insertAppointment,
  updateAppointment,
  type AppointmentFields,
  type AppointmentRow,
} from '../db/repos/appointments-repo';
import type { ScheduleRow } from './csv-row';
import type { PatientUpsertResult } from './patient-upsert';

export interface AppointmentUpsertResult {
  created: number;
  updated: number;
  unchanged: number;
  /** Created or updated appointments, all flagged needs_plan = 1. */
  changedIds: number[];
}

/** Upserts by (source, external_id): unchanged rows are not written at all, so a re-import changes nothing. */
export function upsertAppointments(
  db: DB,
  rows: readonly ScheduleRow[],
  patients: PatientUpsertResult,
  source: string,
  now: number,
): AppointmentUpsertResult {
  const result: AppointmentUpsertResult = { created: 0, updated: 0, unchanged: 0, changedIds: [] };
  for (const row of rows) {
    const patientId = patients.idByKey.get(row.patient.key);
    if (patientId === undefined) throw new Error(`patient ${row.patient.key} was not upserted`);
    const existing = findAppointmentByExternalId(db, source, row.externalId);
    if (!existing) {
      const fields = fieldsFor(row, patientId, undefined, now);
      result.changedIds.push(insertAppointment(db, { source, external_id: row.externalId, ...fields }, now));
      result.created++;
      continue;
    }
    const fields = fieldsFor(row, patientId, existing, now);
    // A patient whose phone, email or consent changed needs new reminders even if the visit did not move.
    if (sameFields(existing, fields) && !patients.changedIds.has(patientId)) {
      result.unchanged++;
      continue;
    }
    updateAppointment(db, existing.id, fields, now);
    result.changedIds.push(existing.id);
    result.updated++;
  }
  return result;
}

/**
 * The fields the row asks for. The file's status wins (cancelled cancels), with one exception: a `booked` row
 * does not undo a confirmation the app recorded (e.g. the patient replied C) for the same start time, because
 * practice-system exports never know about it and re-importing them would re-arm later reminders. A
 * reschedule drops the confirmation: the patient confirmed a different time.
 */
function fieldsFor(row: ScheduleRow, patientId: number, existing: AppointmentRow | undefined, now: number): AppointmentFields {
  const rescheduled = existing !== undefined && existing.starts_at !== row.startsAt;
  const keepConfirmation = row.status === 'booked' && existing?.status === 'confirmed' && !rescheduled;
  const status = keepConfirmation ? 'confirmed' : row.status;
  let confirmedAt: number | null = existing?.confirmed_at ?? null;
  if (status === 'confirmed') confirmedAt = rescheduled ? now : (confirmedAt ?? now);
  else if (status === 'booked') confirmedAt = null;
  return {
    patient_id: patientId,
    provider: row.provider,
    starts_at: row.startsAt,
    duration_min: row.durationMin,
    status,
    confirmed_at: confirmedAt,
  };
}

function sameFields(row: AppointmentRow, fields: AppointmentFields): boolean {
  return (
    row.patient_id === fields.patient_id &&
    row.provider === fields.provider &&
    row.starts_at === fields.starts_at &&
    row.duration_min === fields.duration_min &&
    row.status === fields.status &&
    row.confirmed_at === fields.confirmed_at
  );
}
