import type { AppointmentStatus } from '../../../../shared/domain/types';
import type { DB } from '../connection';
import { stmt } from '../sql';

/**
 * Staging of an import: validated rows wait in TEMP tables (this connection only, on disk — better-sqlite3 is
 * built with SQLITE_TEMP_STORE=1 — and gone if the process dies) until they are applied in one transaction.
 * Writing here takes no lock on the schedule file. Several imports on one connection each get a stage id.
 */
const TABLES = [
  `CREATE TEMP TABLE IF NOT EXISTS import_stages (id INTEGER PRIMARY KEY) STRICT`,
  `CREATE TEMP TABLE IF NOT EXISTS import_stage_claims (
     stage_id INTEGER NOT NULL, external_id TEXT NOT NULL, line INTEGER NOT NULL,
     PRIMARY KEY (stage_id, external_id)) WITHOUT ROWID, STRICT`,
  `CREATE TEMP TABLE IF NOT EXISTS import_stage_patients (
     seq INTEGER PRIMARY KEY, stage_id INTEGER NOT NULL, patient_key TEXT NOT NULL, name TEXT NOT NULL, phone TEXT,
     email TEXT, timezone_given INTEGER NOT NULL, timezone TEXT, sms_consent INTEGER, voice_consent INTEGER,
     email_consent INTEGER, UNIQUE (stage_id, patient_key)) STRICT`,
  `CREATE TEMP TABLE IF NOT EXISTS import_stage_rows (
     seq INTEGER PRIMARY KEY, stage_id INTEGER NOT NULL, line INTEGER NOT NULL, external_id TEXT NOT NULL,
     patient_key TEXT NOT NULL, starts_at INTEGER NOT NULL, duration_min INTEGER NOT NULL, provider TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('booked', 'confirmed', 'cancelled', 'completed', 'no_show'))) STRICT`,
];

/** A staged patient; consent and zone are NULL when the source said nothing (`timezone_given` 0). */
export interface StagedPatient {
  seq: number;
  patient_key: string;
  name: string;
  phone: string | null;
  email: string | null;
  timezone_given: number;
  timezone: string | null;
  sms_consent: number | null;
  voice_consent: number | null;
  email_consent: number | null;
}

export interface StagedRow {
  seq: number;
  line: number;
  external_id: string;
  patient_key: string;
  starts_at: number;
  duration_min: number;
  provider: string;
  status: AppointmentStatus;
  /** The applied patient's id (the patients are applied before the rows are read). */
  patient_id: number | null;
  /** The stored appointment with this (source, external_id), if any: its id and the fields an import sets. */
  existing_id: number | null;
  existing_patient_id: number | null;
  existing_provider: string | null;
  existing_starts_at: number | null;
  existing_duration_min: number | null;
  existing_status: AppointmentStatus | null;
  existing_confirmed_at: number | null;
}

/** A staged patient with the stored patient of the same key, if any. */
export interface StagedPatientWithStored extends StagedPatient {
  stored_id: number | null;
}

/** Creates the staging tables if needed and returns a new stage id. */
export function createStage(db: DB): number {
  // A 4 MiB page cache for the TEMP schema (default 16 MiB): stages are written and read in order.
  db.pragma('temp.cache_size = -4096');
  // Staging writes are scratch: a journal in memory (still able to roll back), and no fsync of temp files.
  db.pragma('temp.journal_mode = MEMORY');
  db.pragma('temp.synchronous = OFF');
  for (const sql of TABLES) stmt(db, sql).run();
  return Number(stmt(db, `INSERT INTO import_stages DEFAULT VALUES`).run().lastInsertRowid);
}

/** The line that already claimed `externalId` in this stage, if any. */
export function findClaim(db: DB, stageId: number, externalId: string): number | undefined {
  return stmt(db, `SELECT line FROM import_stage_claims WHERE stage_id = ? AND external_id = ?`).pluck().get(stageId, externalId) as
    | number
    | undefined;
}

export function insertClaim(db: DB, stageId: number, externalId: string, line: number): void {
  stmt(db, `INSERT INTO import_stage_claims (stage_id, external_id, line) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`).run(
    stageId,
    externalId,
    line,
  );
}

/**
 * Stages a patient, merged with an earlier row of the same patient: name and addresses of the later row win;
 * zone and consent the later row is silent on keep the earlier row's value.
 */
export function upsertStagedPatient(db: DB, stageId: number, p: Omit<StagedPatient, 'seq'>): void {
  stmt(
    db,
    `INSERT INTO import_stage_patients (stage_id, patient_key, name, phone, email, timezone_given, timezone,
       sms_consent, voice_consent, email_consent)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (stage_id, patient_key) DO UPDATE SET
       name = excluded.name, phone = excluded.phone, email = excluded.email,
       timezone_given = MAX(timezone_given, excluded.timezone_given),
       timezone = COALESCE(excluded.timezone, timezone),
       sms_consent = COALESCE(excluded.sms_consent, sms_consent),
       voice_consent = COALESCE(excluded.voice_consent, voice_consent),
       email_consent = COALESCE(excluded.email_consent, email_consent)`,
  ).run(stageId, p.patient_key, p.name, p.phone, p.email, p.timezone_given, p.timezone, p.sms_consent, p.voice_consent, p.email_consent);
}

export type NewStagedRow = Pick<StagedRow, 'line' | 'external_id' | 'patient_key' | 'starts_at' | 'duration_min' | 'provider' | 'status'>;

export function insertStagedRow(db: DB, stageId: number, r: NewStagedRow): void {
  stmt(
    db,
    `INSERT INTO import_stage_rows (stage_id, line, external_id, patient_key, starts_at, duration_min, provider, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(stageId, r.line, r.external_id, r.patient_key, r.starts_at, r.duration_min, r.provider, r.status);
}

/**
 * The next `limit` staged patients after `afterSeq`, in the order they first appeared, with the stored patient's
 * id. `+stage_id` keeps the planner on the seq (rowid) range: through the (stage_id, patient_key) index every
 * batch would sort the whole stage.
 */
export function listStagedPatients(db: DB, stageId: number, afterSeq: number, limit: number): StagedPatientWithStored[] {
  return stmt(db, LIST_STAGED_PATIENTS).all(stageId, afterSeq, limit) as StagedPatientWithStored[];
}

/** Exported for the query-plan test. */
export const LIST_STAGED_PATIENTS = `SELECT s.seq, s.patient_key, s.name, s.phone, s.email, s.timezone_given, s.timezone,
    s.sms_consent, s.voice_consent, s.email_consent, p.id AS stored_id
  FROM import_stage_patients s LEFT JOIN main.patients p ON p.patient_key = s.patient_key
  WHERE +s.stage_id = ? AND s.seq > ? ORDER BY s.seq LIMIT ?`;

/** The next `limit` staged rows after `afterSeq`, in file order, with their patient's id and stored appointment. */
export function listStagedRows(db: DB, stageId: number, source: string, afterSeq: number, limit: number): StagedRow[] {
  return stmt(db, LIST_STAGED_ROWS).all(source, stageId, afterSeq, limit) as StagedRow[];
}

/** Exported for the query-plan test. */
export const LIST_STAGED_ROWS = `SELECT r.seq, r.line, r.external_id, r.patient_key, r.starts_at, r.duration_min, r.provider,
    r.status, p.id AS patient_id, a.id AS existing_id, a.patient_id AS existing_patient_id,
    a.provider AS existing_provider, a.starts_at AS existing_starts_at, a.duration_min AS existing_duration_min,
    a.status AS existing_status, a.confirmed_at AS existing_confirmed_at
  FROM import_stage_rows r
    LEFT JOIN main.patients p ON p.patient_key = r.patient_key
    LEFT JOIN main.appointments a ON a.source = ? AND a.external_id = r.external_id
  WHERE +r.stage_id = ? AND r.seq > ? ORDER BY r.seq LIMIT ?`;

export function deleteStage(db: DB, stageId: number): void {
  stmt(db, `DELETE FROM import_stages WHERE id = ?`).run(stageId);
  if (stmt(db, `SELECT COUNT(*) FROM import_stages`).pluck().get() === 0) {
    // The only stage: DELETE without WHERE empties a table at once (SQLite's truncate optimisation).
    stmt(db, `DELETE FROM import_stage_rows`).run();
    stmt(db, `DELETE FROM import_stage_patients`).run();
    stmt(db, `DELETE FROM import_stage_claims`).run();
    return;
  }
  stmt(db, `DELETE FROM import_stage_rows WHERE stage_id = ?`).run(stageId);
  stmt(db, `DELETE FROM import_stage_patients WHERE stage_id = ?`).run(stageId);
  stmt(db, `DELETE FROM import_stage_claims WHERE stage_id = ?`).run(stageId);
}

/** The distinct start instants of a stage (a full export covers their calendar dates). */
export function listStagedStarts(db: DB, stageId: number): number[] {
  return stmt(db, `SELECT DISTINCT starts_at FROM import_stage_rows WHERE stage_id = ?`).pluck().all(stageId) as number[];
}

/**
 * Booked or confirmed appointments of `source` starting in [from, to) whose id no row of the stage claimed:
 * what a full export leaves out. Rows rejected with a known id claimed it too, so they are never "missing".
 */
export function listActiveMissingFromStage(db: DB, stageId: number, source: string, from: number, to: number): number[] {
  return stmt(
    db,
    `SELECT a.id FROM main.appointments a
     WHERE a.starts_at >= ? AND a.starts_at < ? AND a.source = ? AND a.status IN ('booked', 'confirmed')
       AND NOT EXISTS (SELECT 1 FROM import_stage_claims c WHERE c.stage_id = ? AND c.external_id = a.external_id)
     ORDER BY a.starts_at, a.id`,
  )
    .pluck()
    .all(from, to, source, stageId) as number[];
}

/** Booked or confirmed appointments of `source` starting in [from, to). */
export function countActiveBetween(db: DB, source: string, from: number, to: number): number {
  return stmt(
    db,
    `SELECT COUNT(*) FROM main.appointments WHERE starts_at >= ? AND starts_at < ? AND source = ? AND status IN ('booked', 'confirmed')`,
  )
    .pluck()
    .get(from, to, source) as number;
}
