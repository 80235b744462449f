import { IANAZone } from 'luxon';
import type { ImportResult } from '../../../shared/domain/dto';
import type { DB } from '../db/connection';
import { syncOutboxForAppointments } from '../outbox/schedule-sync';
import { badRequest } from '../platform/errors';
import { upsertAppointments } from './appointment-upsert';
import { readScheduleFile } from './csv-file';
import { upsertPatients } from './patient-upsert';
import { isPhoneRegion } from './phone';

export interface ScheduleImportOptions {
  /** The clinic's IANA zone: `YYYY-MM-DD HH:mm` start times are wall-clock times there. */
  timezone: string;
  /** ISO country code for phone numbers written without a country code (e.g. "US"). */
  defaultRegion: string;
  now: number;
  /** Import source; appointments are unique per (source, external_id). Default "csv". */
  source?: string;
}

export type ScheduleImportResult = ImportResult & { changedAppointmentIds: number[] };

/**
 * Imports a schedule CSV (DESIGN §7): bad rows are rejected with their row number and reason, good rows are
 * upserted. Everything — patients, appointments and ending the reminders the changes make stale — happens in
 * ONE transaction: a crash or error part-way leaves the database exactly as it was, and no reminder for a
 * cancelled or moved visit can be claimed between the schedule change and the outbox update (DESIGN §5.11).
 */
export function importScheduleCsv(db: DB, csvText: string, options: Readonly<ScheduleImportOptions>): ScheduleImportResult {
  const { timezone, defaultRegion, now } = options;
  if (!IANAZone.isValidZone(timezone)) throw badRequest(`clinic time zone "${timezone}" is not an IANA time zone`);
  if (!isPhoneRegion(defaultRegion)) throw badRequest(`phone region "${defaultRegion}" is not a known country code`);
  // Parsing and validation are pure and happen before the write lock is taken.
  const file = readScheduleFile(csvText, { timezone, defaultRegion });
  const source = options.source ?? 'csv';
  const write = db.transaction(() => {
    const patients = upsertPatients(
      db,
      file.rows.map((row) => row.patient),
      now,
    );
    const appointments = upsertAppointments(db, file.rows, patients, source, now);
    const ids = appointments.changedIds;
    // Nothing changed, nothing to sync: a re-import must not write anything at all.
    const remindersCancelled = ids.length > 0 ? syncOutboxForAppointments(db, ids, now) : 0;
    return { ...appointments, remindersCancelled };
  });
  // IMMEDIATE: take the write lock up front rather than fail to upgrade a read lock mid-import.
  const written = write.immediate();
  return {
    created: written.created,
    updated: written.updated,
    unchanged: written.unchanged,
    rejected: file.rejected,
    remindersCancelled: written.remindersCancelled,
    changedAppointmentIds: written.changedIds,
  };
}
