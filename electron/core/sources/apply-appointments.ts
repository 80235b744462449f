import type { WritableDB } from '../db/types';
import { insertAppointment, updateAppointment, type AppointmentFields } from '../db/repos/appointments-repo';
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
  db: WritableDB,
  stageId: number,
  changedPatients: ReadonlySet<number>,
  source: string,
  now: number,
): AppointmentApplyResult {
  const result: AppointmentApplyResult = { created: 0, updated: 0, unchanged: 0, changedIds: [], updatedIds: [] };
  for (let after = 0; ; ) {
    const batch = listStagedRows(db, stageId, source, after, BATCH);
    if (batch.length === 0) return result;
    for (const row of batch) applyRow(db, row, changedPatients, source, now, result);
    after = batch[batch.length - 1]!.seq;
  }
}

function applyRow(
  db: WritableDB,
  row: StagedRow,
  changedPatients: ReadonlySet<number>,
  source: string,
  now: number,
  result: AppointmentApplyResult,
): void {
  const patientId = row.patient_id;
  if (patientId === null) throw new Error(`patient ${row.patient_key} was not applied`);
  const stored = storedAppointment(row);
  const fields = fieldsFor(row, patientId, stored?.fields, now);
  if (!stored) {
    result.changedIds.push(insertAppointment(db, { source, external_id: row.external_id, ...fields }, now));
    result.created++;
    return;
  }
  // A patient whose phone, email or consent changed needs new reminders even if the visit did not move.
  if (sameFields(stored.fields, fields) && !changedPatients.has(patientId)) {
    result.unchanged++;
    return;
  }
  updateAppointment(db, stored.id, fields, now);
  result.changedIds.push(stored.id);
  result.updatedIds.push(stored.id);
  result.updated++;
}

/** The stored appointment with the row's external id: the columns listStagedRows joined in. */
function storedAppointment(row: StagedRow): { id: number; fields: AppointmentFields } | undefined {
  if (row.existing_id === null) return undefined;
  const fields: AppointmentFields = {
    patient_id: row.existing_patient_id!,
    provider: row.existing_provider!,
    starts_at: row.existing_starts_at!,
    duration_min: row.existing_duration_min!,
    status: row.existing_status!,
    confirmed_at: row.existing_confirmed_at,
  };
  return { id: row.existing_id, fields };
}

/**
 * The fields the row asks for. The file's status wins (cancelled cancels), with one exception: a `booked` row
 * does not undo a confirmation the app recorded (e.g. the patient replied C) for the same start time, because
 * practice-system exports never know about it and re-importing them would re-arm later reminders. A
 * reschedule drops the confirmation: the patient confirmed a different time.
 */
function fieldsFor(row: StagedRow, patientId: number, existing: AppointmentFields | undefined, now: number): AppointmentFields {
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

function sameFields(stored: AppointmentFields, fields: AppointmentFields): boolean {
  return (
    stored.patient_id === fields.patient_id &&
    stored.provider === fields.provider &&
    stored.starts_at === fields.starts_at &&
    stored.duration_min === fields.duration_min &&
    stored.status === fields.status &&
    stored.confirmed_at === fields.confirmed_at
  );
}
