import type { AppointmentStatus } from '../../../../shared/domain/types';
import { all, column, run, scalar, sql, sqlIdentifier, type Sql } from '../sql';
import type { ReadableDB, WritableDB } from '../types';

/**
 * Staging of an import: validated rows wait in TEMP tables (this connection only, on disk — better-sqlite3 is
 * built with SQLITE_TEMP_STORE=1 — and gone if the process dies) until they are applied in one transaction.
 * Writing here takes no lock on the schedule file. Several imports on one connection each get a stage id.
 */
const TABLES: readonly Sql[] = [
  sql`CREATE TEMP TABLE IF NOT EXISTS import_stages (id INTEGER PRIMARY KEY) STRICT`,
  sql`CREATE TEMP TABLE IF NOT EXISTS import_stage_claims (
     stage_id INTEGER NOT NULL, external_id TEXT NOT NULL, line INTEGER NOT NULL,
     PRIMARY KEY (stage_id, external_id)) WITHOUT ROWID, STRICT`,
  sql`CREATE TEMP TABLE IF NOT EXISTS import_stage_patients (
     seq INTEGER PRIMARY KEY, stage_id INTEGER NOT NULL, patient_key TEXT NOT NULL, name TEXT NOT NULL, phone TEXT,
     email TEXT, timezone_given INTEGER NOT NULL, timezone TEXT, sms_consent INTEGER, voice_consent INTEGER,
     email_consent INTEGER, language_given INTEGER NOT NULL DEFAULT 0, language TEXT, UNIQUE (stage_id, patient_key)) STRICT`,
  sql`CREATE TEMP TABLE IF NOT EXISTS import_stage_rows (
     seq INTEGER PRIMARY KEY, stage_id INTEGER NOT NULL, line INTEGER NOT NULL, external_id TEXT NOT NULL,
     patient_key TEXT NOT NULL, starts_at INTEGER NOT NULL, duration_min INTEGER NOT NULL, provider TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('booked', 'confirmed', 'cancelled', 'completed', 'no_show'))) STRICT`,
];

/** The per-stage tables a finished stage is removed from (the allowlist for their names in deleteStage). */
const STAGE_DATA_TABLES = ['import_stage_rows', 'import_stage_patients', 'import_stage_claims'] as const;

/** A staged patient; consent and zone are NULL when the source said nothing (`timezone_given` 0). */
export interface StagedPatient {
  seq: number;
  patient_key: string;
  name: string;
  phone: string | null;
  email: string | null;
  timezone_given: number;
  timezone: string | null;
  /** 1 when the source gave a language (NULL then clears the stored one). */
  language_given: number;
  language: string | null;
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
export function createStage(db: WritableDB): number {
  // A 4 MiB page cache for the TEMP schema (default 16 MiB): stages are written and read in order.
  db.pragma('temp.cache_size = -4096');
  // Staging writes are scratch: a journal in memory (still able to roll back), and no fsync of temp files.
  db.pragma('temp.journal_mode = MEMORY');
  db.pragma('temp.synchronous = OFF');
  for (const table of TABLES) run(db, table);
  return Number(run(db, sql`INSERT INTO import_stages DEFAULT VALUES`).lastInsertRowid);
}

/** The line that already claimed `externalId` in this stage, if any. */
export function findClaim(db: ReadableDB, stageId: number, externalId: string): number | undefined {
  return scalar<number>(db, sql`SELECT line FROM import_stage_claims WHERE stage_id = ${stageId} AND external_id = ${externalId}`);
}

export function insertClaim(db: WritableDB, stageId: number, externalId: string, line: number): void {
  run(
    db,
    sql`INSERT INTO import_stage_claims (stage_id, external_id, line) VALUES (${stageId}, ${externalId}, ${line}) ON CONFLICT DO NOTHING`,
  );
}

/**
 * Stages a patient, merged with an earlier row of the same patient: name and addresses of the later row win;
 * zone and consent the later row is silent on keep the earlier row's value.
 */
export function upsertStagedPatient(db: WritableDB, stageId: number, p: Omit<StagedPatient, 'seq'>): void {
  run(
    db,
    sql`INSERT INTO import_stage_patients (stage_id, patient_key, name, phone, email, timezone_given, timezone,
       sms_consent, voice_consent, email_consent, language_given, language)
     VALUES (${stageId}, ${p.patient_key}, ${p.name}, ${p.phone}, ${p.email}, ${p.timezone_given}, ${p.timezone},
       ${p.sms_consent}, ${p.voice_consent}, ${p.email_consent}, ${p.language_given}, ${p.language})
     ON CONFLICT (stage_id, patient_key) DO UPDATE SET
       name = excluded.name, phone = excluded.phone, email = excluded.email,
       timezone_given = MAX(timezone_given, excluded.timezone_given),
       timezone = COALESCE(excluded.timezone, timezone),
       language_given = MAX(language_given, excluded.language_given),
       language = COALESCE(excluded.language, language),
       sms_consent = COALESCE(excluded.sms_consent, sms_consent),
       voice_consent = COALESCE(excluded.voice_consent, voice_consent),
       email_consent = COALESCE(excluded.email_consent, email_consent)`,
  );
}

export type NewStagedRow = Pick<StagedRow, 'line' | 'external_id' | 'patient_key' | 'starts_at' | 'duration_min' | 'provider' | 'status'>;

export function insertStagedRow(db: WritableDB, stageId: number, r: NewStagedRow): void {
  run(
    db,
    sql`INSERT INTO import_stage_rows (stage_id, line, external_id, patient_key, starts_at, duration_min, provider, status)
     VALUES (${stageId}, ${r.line}, ${r.external_id}, ${r.patient_key}, ${r.starts_at}, ${r.duration_min}, ${r.provider}, ${r.status})`,
  );
}

/**
 * The next `limit` staged patients after `afterSeq`, in the order they first appeared, with the stored patient's
 * id. `+stage_id` keeps the planner on the seq (rowid) range: through the (stage_id, patient_key) index every
 * batch would sort the whole stage.
 */
export function listStagedPatients(db: ReadableDB, stageId: number, afterSeq: number, limit: number): StagedPatientWithStored[] {
  return all<StagedPatientWithStored>(db, stagedPatientsQuery(stageId, afterSeq, limit));
}

/** The query of listStagedPatients (exported for the query-plan test). */
export function stagedPatientsQuery(stageId: number, afterSeq: number, limit: number): Sql {
  return sql`SELECT s.seq, s.patient_key, s.name, s.phone, s.email, s.timezone_given, s.timezone, s.language_given, s.language,
    s.sms_consent, s.voice_consent, s.email_consent, p.id AS stored_id
  FROM import_stage_patients s LEFT JOIN main.patients p ON p.patient_key = s.patient_key
  WHERE +s.stage_id = ${stageId} AND s.seq > ${afterSeq} ORDER BY s.seq LIMIT ${limit}`;
}

/** The next `limit` staged rows after `afterSeq`, in file order, with their patient's id and stored appointment. */
export function listStagedRows(db: ReadableDB, stageId: number, source: string, afterSeq: number, limit: number): StagedRow[] {
  return all<StagedRow>(db, stagedRowsQuery(stageId, source, afterSeq, limit));
}

/** The query of listStagedRows (exported for the query-plan test). */
export function stagedRowsQuery(stageId: number, source: string, afterSeq: number, limit: number): Sql {
  return sql`SELECT r.seq, r.line, r.external_id, r.patient_key, r.starts_at, r.duration_min, r.provider,
    r.status, p.id AS patient_id, a.id AS existing_id, a.patient_id AS existing_patient_id,
    a.provider AS existing_provider, a.starts_at AS existing_starts_at, a.duration_min AS existing_duration_min,
    a.status AS existing_status, a.confirmed_at AS existing_confirmed_at
  FROM import_stage_rows r
    LEFT JOIN main.patients p ON p.patient_key = r.patient_key
    LEFT JOIN main.appointments a ON a.source = ${source} AND a.external_id = r.external_id
  WHERE +r.stage_id = ${stageId} AND r.seq > ${afterSeq} ORDER BY r.seq LIMIT ${limit}`;
}

export function deleteStage(db: WritableDB, stageId: number): void {
  run(db, sql`DELETE FROM import_stages WHERE id = ${stageId}`);
  const onlyStage = scalar<number>(db, sql`SELECT COUNT(*) FROM import_stages`) === 0;
  for (const name of STAGE_DATA_TABLES) {
    const table = sqlIdentifier(name, STAGE_DATA_TABLES);
    // The only stage: DELETE without WHERE empties a table at once (SQLite's truncate optimisation).
    if (onlyStage) run(db, sql`DELETE FROM ${table}`);
    else run(db, sql`DELETE FROM ${table} WHERE stage_id = ${stageId}`);
  }
}

/** The distinct start instants of a stage (a full export covers their calendar dates). */
export function listStagedStarts(db: ReadableDB, stageId: number): number[] {
  return column<number>(db, sql`SELECT DISTINCT starts_at FROM import_stage_rows WHERE stage_id = ${stageId}`);
}

/**
 * Booked or confirmed appointments of `source` starting in [from, to) whose id no row of the stage claimed:
 * what a full export leaves out. Rows rejected with a known id claimed it too, so they are never "missing".
 */
export function listActiveMissingFromStage(db: ReadableDB, stageId: number, source: string, from: number, to: number): number[] {
  return column<number>(
    db,
    sql`SELECT a.id FROM main.appointments a
     WHERE a.starts_at >= ${from} AND a.starts_at < ${to} AND a.source = ${source} AND a.status IN ('booked', 'confirmed')
       AND NOT EXISTS (SELECT 1 FROM import_stage_claims c WHERE c.stage_id = ${stageId} AND c.external_id = a.external_id)
     ORDER BY a.starts_at, a.id`,
  );
}

/** Booked or confirmed appointments of `source` starting in [from, to). */
export function countActiveBetween(db: ReadableDB, source: string, from: number, to: number): number {
  return (
    scalar<number>(
      db,
      sql`SELECT COUNT(*) FROM main.appointments
        WHERE starts_at >= ${from} AND starts_at < ${to} AND source = ${source} AND status IN ('booked', 'confirmed')`,
    ) ?? 0
  );
}
