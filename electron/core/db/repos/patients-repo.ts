import { all, first, run, sql } from '../sql';
import type { ReadableDB, WritableDB } from '../types';

/** A `patients` row as stored; flags are SQLite integers (0/1). */
export interface PatientRow {
  id: number;
  patient_key: string;
  name: string;
  phone: string | null;
  email: string | null;
  language: string | null;
  timezone: string | null;
  sms_consent: number;
  voice_consent: number;
  email_consent: number;
  do_not_contact: number;
  created_at: number;
  updated_at: number;
}

/** The fields a schedule import owns: identity aside, everything it may set or change. */
export interface PatientContact {
  name: string;
  phone: string | null;
  email: string | null;
  timezone: string | null;
  /** Language code (docs/languages.md); null: the clinic's default. */
  language: string | null;
  sms_consent: number;
  voice_consent: number;
  email_consent: number;
}

export interface NewPatient extends PatientContact {
  patient_key: string;
}

const COLUMNS = sql`id, patient_key, name, phone, email, language, timezone, sms_consent, voice_consent, email_consent,
  do_not_contact, created_at, updated_at`;

/** The patient with this stable key (UNIQUE index lookup). */
export function findPatientByKey(db: ReadableDB, patientKey: string): PatientRow | undefined {
  return first<PatientRow>(db, sql`SELECT ${COLUMNS} FROM patients WHERE patient_key = ${patientKey}`);
}

export function findPatientById(db: ReadableDB, id: number): PatientRow | undefined {
  return first<PatientRow>(db, sql`SELECT ${COLUMNS} FROM patients WHERE id = ${id}`);
}

/** Every patient reached at this E.164 number: a family sharing a phone is several patients, one recipient. */
export function findPatientsByPhone(db: ReadableDB, phone: string): PatientRow[] {
  return all<PatientRow>(db, sql`SELECT ${COLUMNS} FROM patients WHERE phone = ${phone} ORDER BY id`);
}

/** Inserts a patient and returns its id. */
export function insertPatient(db: WritableDB, patient: NewPatient, now: number): number {
  const result = run(
    db,
    sql`INSERT INTO patients (patient_key, name, phone, email, timezone, language, sms_consent, voice_consent, email_consent,
       created_at, updated_at)
     VALUES (${patient.patient_key}, ${patient.name}, ${patient.phone}, ${patient.email}, ${patient.timezone}, ${patient.language},
       ${patient.sms_consent}, ${patient.voice_consent}, ${patient.email_consent}, ${now}, ${now})`,
  );
  return Number(result.lastInsertRowid);
}

/** Replaces the import-owned fields (name, addresses, zone, consent) of one patient. */
export function updatePatientContact(db: WritableDB, id: number, contact: PatientContact, now: number): void {
  run(
    db,
    sql`UPDATE patients SET name = ${contact.name}, phone = ${contact.phone}, email = ${contact.email}, timezone = ${contact.timezone},
       language = ${contact.language}, sms_consent = ${contact.sms_consent}, voice_consent = ${contact.voice_consent}, email_consent = ${contact.email_consent},
       updated_at = ${now}
     WHERE id = ${id}`,
  );
}

/** The front desk's "do not contact" switch; the dispatcher's final check reads it (docs/safeguards.md#consent-and-opt-out). */
export function setPatientDoNotContact(db: WritableDB, id: number, doNotContact: boolean, now: number): void {
  run(db, sql`UPDATE patients SET do_not_contact = ${doNotContact ? 1 : 0}, updated_at = ${now} WHERE id = ${id}`);
}

/** Sets (or clears) the patient's phone; callers pass an already-normalised E.164 number. */
export function setPatientPhone(db: WritableDB, id: number, phone: string | null, now: number): void {
  run(db, sql`UPDATE patients SET phone = ${phone}, updated_at = ${now} WHERE id = ${id}`);
}
