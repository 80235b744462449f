import { DateTime } from 'luxon';
import type { WritableDB } from '../../../electron/core/db/connection';
import { openMemoryDatabase } from '../../../electron/core/db/connection';
import { ensureClinic } from '../../../electron/core/clinic/clinic-settings';
import { first, sql } from '../../../electron/core/db/sql';
import { importScheduleCsv, type ScheduleImportResult } from '../../../electron/core/sources/csv/import-csv';

export const ZONE = 'America/New_York';
/** Wednesday 25 November 2026, noon in New York: "tomorrow" is the 26th. */
export const NOW = DateTime.fromISO('2026-11-25T12:00:00', { zone: ZONE }).toMillis();

export const HEADER = 'external_id,patient_name,phone,email,starts_at,duration_min,provider,status';

export function newDb(): WritableDB {
  const db = openMemoryDatabase();
  ensureClinic(db, NOW, ZONE);
  return db;
}

export function importCsv(db: WritableDB, csv: string, now: number = NOW): ScheduleImportResult {
  return importScheduleCsv(db, csv, { timezone: ZONE, defaultRegion: 'US', now });
}

export function csv(...lines: string[]): string {
  return lines.join('\n') + '\n';
}

/** Wall-clock time in the clinic zone as epoch ms. */
export function local(iso: string): number {
  return DateTime.fromISO(iso, { zone: ZONE }).toMillis();
}

export interface ApptView {
  id: number;
  external_id: string;
  patient_id: number;
  starts_at: number;
  status: string;
  needs_plan: number;
  duration_min: number;
  provider: string;
  confirmed_at: number | null;
  updated_at: number;
}

export function appointment(db: WritableDB, externalId: string): ApptView {
  const row = first<ApptView>(db, sql`SELECT * FROM appointments WHERE external_id = ${externalId}`);
  if (!row) throw new Error(`no appointment ${externalId}`);
  return row;
}

/** Every row of every schedule table, for "nothing changed" comparisons. */
export function dumpSchedule(db: WritableDB): unknown {
  const tables = ['patients', 'appointments', 'recipients', 'outbox', 'events'];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()]));
}

const SCHEDULE_TABLES = ['patients', 'appointments', 'recipients', 'outbox', 'events'];

/**
 * Rows written to the schedule tables since the first call on `db`, counted by TEMP triggers. (total_changes()
 * would also count the import's own staging tables, which are scratch space, not the schedule.)
 */
export function scheduleWrites(db: WritableDB): number {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS schedule_writes (n INTEGER NOT NULL); ');
  if (db.prepare('SELECT COUNT(*) FROM temp.schedule_writes').pluck().get() === 0) {
    db.exec('INSERT INTO temp.schedule_writes VALUES (0)');
    for (const table of SCHEDULE_TABLES) {
      for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
        db.exec(`CREATE TEMP TRIGGER count_${op}_${table} AFTER ${op} ON main.${table}
                 BEGIN UPDATE schedule_writes SET n = n + 1; END`);
      }
    }
  }
  return db.prepare('SELECT n FROM temp.schedule_writes').pluck().get() as number;
}
