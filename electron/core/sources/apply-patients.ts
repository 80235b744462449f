import type { WritableDB } from '../db/types';
import { listStagedPatients, type StagedPatient } from '../db/repos/import-stage-repo';
import { findPatientById, insertPatient, updatePatientContact, type PatientContact, type PatientRow } from '../db/repos/patients-repo';
import { recordPatientContactChange } from '../schedule/consent-changes';

const BATCH = 250;

/**
 * Creates or updates the stage's patients, one write at most per patient: rows of the same patient were merged
 * while staging (later rows win), so a file that lists a patient twice still re-imports with no writes.
 * Returns the existing patients whose contact details or consent changed: their appointments need re-planning.
 * Consent and address changes go to the consent history, attributed to `actor` (docs/reports.md).
 */
export function applyStagedPatients(db: WritableDB, stageId: number, now: number, actor: string = 'import'): Set<number> {
  const ctx = { at: now, source: 'import', actor };
  const changed = new Set<number>();
  for (let after = 0; ; ) {
    const batch = listStagedPatients(db, stageId, after, BATCH);
    if (batch.length === 0) return changed;
    for (const staged of batch) {
      const existing = staged.stored_id === null ? undefined : findPatientById(db, staged.stored_id);
      if (!existing) {
        insertPatient(db, { patient_key: staged.patient_key, ...contactFor(staged, undefined) }, now);
        continue;
      }
      const wanted = contactFor(staged, existing);
      if (!sameContact(existing, wanted)) {
        recordPatientContactChange(db, existing, wanted, ctx);
        updatePatientContact(db, existing.id, wanted, now);
        changed.add(existing.id);
      }
    }
    after = batch[batch.length - 1]!.seq;
  }
}

/**
 * The stored contact a row asks for. Phone and email come from the file as given (blank clears). Consent and
 * zone the file is silent on keep their stored value; a new patient defaults to consent, since a phone number or
 * email in the schedule is consent to reminders on that channel (docs/import.md). Keeping a stored "no" means a
 * refusal is never silently re-granted by a later file that lacks the consent columns.
 */
function contactFor(staged: StagedPatient, existing: PatientRow | undefined): PatientContact {
  const consent = (given: number | null, stored: number | undefined): number => given ?? stored ?? 1;
  return {
    name: staged.name,
    phone: staged.phone,
    email: staged.email,
    timezone: staged.timezone_given ? staged.timezone : (existing?.timezone ?? null),
    language: staged.language_given ? staged.language : (existing?.language ?? null),
    sms_consent: consent(staged.sms_consent, existing?.sms_consent),
    voice_consent: consent(staged.voice_consent, existing?.voice_consent),
    email_consent: consent(staged.email_consent, existing?.email_consent),
  };
}

function sameContact(row: PatientRow, contact: PatientContact): boolean {
  return (
    row.name === contact.name &&
    row.phone === contact.phone &&
    row.email === contact.email &&
    row.timezone === contact.timezone &&
    row.language === contact.language &&
    row.sms_consent === contact.sms_consent &&
    row.voice_consent === contact.voice_consent &&
    row.email_consent === contact.email_consent
  );
}
