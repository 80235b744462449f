import type { DB } from '../db/connection';
import {
  findAppointmentByExternalId,
  insertAppointment,
  updateAppointment,
  type AppointmentFields,
  type AppointmentRow,
} from '../db/repos/appointments-repo';
import { listStagedRows, type StagedRow } from '../db/repos/import-stage-repo';

const BATCH = 250;

export interface AppointmentApplyResult {
  created: number;
  updated: number;
  unchanged: number;
  /** Created and updated appointments in file order, all flagged needs_plan = 1. */
  changedIds: number[];
  /** The updated ones only: their pending reminders may be stale (a created one has none yet). */
  updatedIds: number[];
}

/**
 * Upserts the stage's rows by (source, external_id), in file order. Unchanged rows are not written at all, so
 * a re-import changes nothing. Call after applyStagedPatients, in the same transaction.
 */
export function applyStagedAppointments(
  db: DB,
  stageId: number,
  changedPatients: ReadonlySet<number>,
  source: string,
  now: number,
): AppointmentApplyResult {
  const result: AppointmentApplyResult = { created: 0, updated: 0, unchanged: 0, changedIds: [], updatedIds: [] };
  for (let after = 0; ; ) {
    const batch = listStagedRows(db, stageId, after, BATCH);
    if (batch.length === 0) return result;
    for (const row of batch) applyRow(db, row, changedPatients, source, now, result);
    after = batch[batch.length - 1]!.seq;
  }
}

function applyRow(
  db: DB,
  row: StagedRow,
  changedPatients: ReadonlySet<number>,
  source: string,
  now: number,
  result: AppointmentApplyResult,
): void {
  const patientId = row.patient_id;
  if (patientId === null) throw new Error(`patient ${row.patient_key} was not applied`);
  const existing = findAppointmentByExternalId(db, source, row.external_id);
  if (!existing) {
    const fields = fieldsFor(row, patientId, undefined, now);
    result.changedIds.push(insertAppointment(db, { source, external_id: row.external_id, ...fields }, now));
    result.created++;
    return;
  }
  const fields = fieldsFor(row, patientId, existing, now);
  // A patient whose phone, email or consent changed needs new reminders even if the visit did not move.
  if (sameFields(existing, fields) && !changedPatients.has(patientId)) {
    result.unchanged++;
    return;
  }
  updateAppointment(db, existing.id, fields, now);
  result.changedIds.push(existing.id);
  result.updatedIds.push(existing.id);
  result.updated++;
}

/**
 * The fields the row asks for. The file's status wins (cancelled cancels), with one exception: a `booked` row
 * does not undo a confirmation the app recorded (e.g. the patient replied C) for the same start time, because
 * practice-system exports never know about it and re-importing them would re-arm later reminders. A
 * reschedule drops the confirmation: the patient confirmed a different time.
 */
function fieldsFor(row: StagedRow, patientId: number, existing: AppointmentRow | undefined, now: number): AppointmentFields {
  const wanted = row.status;
  const rescheduled = existing !== undefined && existing.starts_at !== row.starts_at;
  const keepConfirmation = wanted === 'booked' && existing?.status === 'confirmed' && !rescheduled;
  const status = keepConfirmation ? 'confirmed' : wanted;
  let confirmedAt: number | null = existing?.confirmed_at ?? null;
  if (status === 'confirmed') confirmedAt = rescheduled ? now : (confirmedAt ?? now);
  else if (status === 'booked') confirmedAt = null;
  return {
    patient_id: patientId,
    provider: row.provider,
    starts_at: row.starts_at,
    duration_min: row.duration_min,
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
