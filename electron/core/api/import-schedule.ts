import type { ImportResult } from '../../../shared/domain/dto';
import type { DB } from '../db/connection';
import { getClinicSettings, getExtraSettings } from '../db/repos/clinic-repo';
import { recordEvent } from '../db/repos/events-repo';
import { importScheduleCsv } from '../schedule/csv-import';

/** Imports a schedule CSV (one transaction, DESIGN §7) and records it in the audit log. */
export function importScheduleWithAudit(
  db: DB,
  now: number,
  input: { csv: string; fileName?: string | undefined; actor: string },
): { changed: boolean; summary: ImportResult } {
  const settings = getClinicSettings(db);
  const region = getExtraSettings(db).defaultRegion ?? 'US';
  // One outer transaction: the import (a nested savepoint) and its audit event commit together.
  return db
    .transaction(() => {
      const { changedAppointmentIds, ...summary } = importScheduleCsv(db, input.csv, {
        timezone: settings.timezone,
        defaultRegion: region,
        now,
        source: 'csv',
      });
      recordEvent(db, now, 'import', input.actor, {
        file: input.fileName ?? null,
        created: summary.created,
        updated: summary.updated,
        unchanged: summary.unchanged,
        rejected: summary.rejected.length,
      });
      return { changed: changedAppointmentIds.length > 0, summary };
    })
    .immediate();
}
