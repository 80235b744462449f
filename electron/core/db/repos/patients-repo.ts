import type { DB } from '../connection';
import { stmt } from '../sql';

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
  sms_consent: number;
  voice_consent: number;
  email_consent: number;
}

export interface NewPatient extends PatientContact {
  patient_key: string;
}

const COLUMNS = `id, patient_key, name, phone, email, language, timezone, sms_consent, voice_consent, email_consent,
  do_not_contact, created_at, updated_at`;

// Built once: stmt() caches by text, and a hot lookup should not rebuild and rehash its SQL on every call.
const SELECT_BY_KEY = `SELECT ${COLUMNS} FROM patients WHERE patient_key = ?`;
const SELECT_BY_ID = `SELECT ${COLUMNS} FROM patients WHERE id = ?`;
const SELECT_BY_PHONE = `SELECT ${COLUMNS} FROM patients WHERE phone = ? ORDER BY id`;

/** The patient with this stable key (UNIQUE index lookup). */
export function findPatientByKey(db: DB, patientKey: string): PatientRow | undefined {
  return stmt(db, SELECT_BY_KEY).get(patientKey) as PatientRow | undefined;
}

export function findPatientById(db: DB, id: number): PatientRow | undefined {
  return stmt(db, SELECT_BY_ID).get(id) as PatientRow | undefined;
}

/** Every patient reached at this E.164 number: a family sharing a phone is several patients, one recipient. */
export function findPatientsByPhone(db: DB, phone: string): PatientRow[] {
  return stmt(db, SELECT_BY_PHONE).all(phone) as PatientRow[];
}

/** Inserts a patient and returns its id. */
export function insertPatient(db: DB, patient: NewPatient, now: number): number {
  const result = stmt(
    db,
    `INSERT INTO patients (patient_key, name, phone, email, timezone, sms_consent, voice_consent, email_consent,
       created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    patient.patient_key,
    patient.name,
    patient.phone,
    patient.email,
    patient.timezone,
    patient.sms_consent,
    patient.voice_consent,
    patient.email_consent,
    now,
    now,
  );
  return Number(result.lastInsertRowid);
}

/** Replaces the import-owned fields (name, addresses, zone, consent) of one patient. */
export function updatePatientContact(db: DB, id: number, contact: PatientContact, now: number): void {
  stmt(
    db,
    `UPDATE patients SET name = ?, phone = ?, email = ?, timezone = ?, sms_consent = ?, voice_consent = ?,
       email_consent = ?, updated_at = ?
     WHERE id = ?`,
  ).run(
    contact.name,
    contact.phone,
    contact.email,
    contact.timezone,
    contact.sms_consent,
    contact.voice_consent,
    contact.email_consent,
    now,
    id,
  );
}

/** The front desk's "do not contact" switch; the dispatcher's final check reads it (docs/safeguards.md#consent-and-opt-out). */
export function setPatientDoNotContact(db: DB, id: number, doNotContact: boolean, now: number): void {
  stmt(db, `UPDATE patients SET do_not_contact = ?, updated_at = ? WHERE id = ?`).run(doNotContact ? 1 : 0, now, id);
}

/** Sets (or clears) the patient's phone; callers pass an already-normalised E.164 number. */
export function setPatientPhone(db: DB, id: number, phone: string | null, now: number): void {
  stmt(db, `UPDATE patients SET phone = ?, updated_at = ? WHERE id = ?`).run(phone, now, id);
}
