import type { DB } from '../db/connection';
import { findPatientByKey, insertPatient, updatePatientContact, type PatientContact, type PatientRow } from '../db/repos/patients-repo';
import type { PatientInput } from './csv-row';

export interface PatientUpsertResult {
  idByKey: ReadonlyMap<string, number>;
  /** Existing patients whose contact details or consent changed: their appointments need re-planning. */
  changedIds: ReadonlySet<number>;
}

/**
 * Creates or updates the patients of an import, one write at most per patient. Rows of the same patient are
 * merged first (later rows win) so a file that lists a patient twice still re-imports with no writes.
 */
export function upsertPatients(db: DB, inputs: readonly PatientInput[], now: number): PatientUpsertResult {
  const idByKey = new Map<string, number>();
  const changedIds = new Set<number>();
  for (const input of mergeByKey(inputs).values()) {
    const existing = findPatientByKey(db, input.key);
    if (!existing) {
      idByKey.set(input.key, insertPatient(db, { patient_key: input.key, ...contactFor(input, undefined) }, now));
      continue;
    }
    idByKey.set(input.key, existing.id);
    const wanted = contactFor(input, existing);
    if (!sameContact(existing, wanted)) {
      updatePatientContact(db, existing.id, wanted, now);
      changedIds.add(existing.id);
    }
  }
  return { idByKey, changedIds };
}

function mergeByKey(inputs: readonly PatientInput[]): Map<string, PatientInput> {
  const merged = new Map<string, PatientInput>();
  for (const input of inputs) {
    const earlier = merged.get(input.key);
    merged.set(
      input.key,
      earlier
        ? {
            ...input,
            timezone: input.timezone ?? earlier.timezone,
            smsConsent: input.smsConsent ?? earlier.smsConsent,
            voiceConsent: input.voiceConsent ?? earlier.voiceConsent,
            emailConsent: input.emailConsent ?? earlier.emailConsent,
          }
        : input,
    );
  }
  return merged;
}

/**
 * The stored contact a row asks for. Phone and email come from the file as given (blank clears). Consent and
 * zone the file is silent on keep their stored value; a new patient defaults to consent, since DESIGN §8
 * treats an address in the schedule as consent for that channel. Keeping a stored "no" means a refusal is
 * never silently re-granted by a later file that lacks the consent columns.
 */
function contactFor(input: PatientInput, existing: PatientRow | undefined): PatientContact {
  const consent = (given: boolean | undefined, stored: number | undefined): number =>
    given === undefined ? (stored ?? 1) : given ? 1 : 0;
  return {
    name: input.name,
    phone: input.phone,
    email: input.email,
    timezone: input.timezone === undefined ? (existing?.timezone ?? null) : input.timezone,
    sms_consent: consent(input.smsConsent, existing?.sms_consent),
    voice_consent: consent(input.voiceConsent, existing?.voice_consent),
    email_consent: consent(input.emailConsent, existing?.email_consent),
  };
}

function sameContact(row: PatientRow, contact: PatientContact): boolean {
  return (
    row.name === contact.name &&
    row.phone === contact.phone &&
    row.email === contact.email &&
    row.timezone === contact.timezone &&
    row.sms_consent === contact.sms_consent &&
    row.voice_consent === contact.voice_consent &&
    row.email_consent === contact.email_consent
  );
}
