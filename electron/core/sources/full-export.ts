import { DateTime } from 'luxon';
import type { WritableDB } from '../db/types';
import { setAppointmentStatus } from '../db/repos/appointments-repo';
import { countActiveBetween, listActiveMissingFromStage, listStagedStarts } from '../db/repos/import-stage-repo';
import { syncOutboxForAppointments } from '../outbox/schedule-sync';
import type { ScheduleStage } from './stage';

/** More than this share of a full export's dates' appointments missing looks like a truncated or wrong file. */
export const FULL_EXPORT_MAX_CANCEL_SHARE = 0.2;

/** What a full export would do to the appointments it leaves out. */
export interface FullExportPlan {
  /** Clinic-local dates (YYYY-MM-DD) the file covers. */
  dates: string[];
  /** Appointments on those dates missing from the file: cancelled unless held. */
  missing: number[];
  /** Booked or confirmed appointments on those dates before the import. */
  ofAppointments: number;
  /** True when too many would be cancelled: nothing of the file is applied until the desk approves. */
  held: boolean;
  /** Why nothing is held or cancelled although the file is a full export, or why it is held. */
  reason: string | null;
}

/**
 * The breaker idea applied to input (docs/schedule-sources.md): a full export is the whole schedule for the
 * dates it covers, so an appointment on those dates that it leaves out was deleted in the practice system.
 * A file that would cancel more than 20 % of them is held; `approved` lifts that guard for a file the desk
 * looked at. Rows the file has but that could not be read are never taken as missing; rows whose id could
 * not be read at all (malformed rows) make every absence unprovable, so nothing is cancelled then.
 */
export function planFullExport(
  db: WritableDB,
  stage: ScheduleStage,
  options: Readonly<{ source: string; zone: string; unidentifiedRejects: number; approved: boolean }>,
): FullExportPlan {
  stage.flush();
  const days = coveredDays(listStagedStarts(db, stage.id), options.zone);
  const dates = days.map((d) => d.date);
  let ofAppointments = 0;
  let missing: number[] = [];
  for (const day of days) {
    ofAppointments += countActiveBetween(db, options.source, day.from, day.to);
    missing = missing.concat(listActiveMissingFromStage(db, stage.id, options.source, day.from, day.to));
  }
  if (missing.length > 0 && options.unidentifiedRejects > 0) {
    const reason =
      `${options.unidentifiedRejects} row(s) of the file could not be read well enough to know which appointment they are, ` +
      `so the ${missing.length} appointment(s) missing from it were not cancelled`;
    return { dates, missing: [], ofAppointments, held: false, reason };
  }
  const share = ofAppointments === 0 ? 0 : missing.length / ofAppointments;
  if (share > FULL_EXPORT_MAX_CANCEL_SHARE && !options.approved) {
    const percent = Math.round(share * 100);
    const reason =
      `the file would cancel ${missing.length} of the ${ofAppointments} appointments on its dates (${percent} %, more than ` +
      `${FULL_EXPORT_MAX_CANCEL_SHARE * 100} %): a truncated or wrong export? Nothing was applied; check it, then approve or discard it`;
    return { dates, missing, ofAppointments, held: true, reason };
  }
  return { dates, missing, ofAppointments, held: false, reason: null };
}

/** Cancels the missing appointments and ends their pending reminders; inside the import's transaction. */
export function cancelMissing(db: WritableDB, plan: FullExportPlan, now: number): number {
  if (!db.inTransaction) throw new Error('cancelMissing must run inside the import transaction');
  for (const id of plan.missing) setAppointmentStatus(db, id, 'cancelled', now);
  return syncOutboxForAppointments(db, plan.missing, now);
}

/** The calendar days (clinic zone) of the given instants, each as [from, to) in ms. */
function coveredDays(starts: readonly number[], zone: string): { date: string; from: number; to: number }[] {
  const byDate = new Map<string, { date: string; from: number; to: number }>();
  for (const start of starts) {
    const day = DateTime.fromMillis(start, { zone }).startOf('day');
    const date = day.toISODate()!;
    if (!byDate.has(date)) byDate.set(date, { date, from: day.toMillis(), to: day.plus({ days: 1 }).toMillis() });
  }
  return [...byDate.values()].sort((a, b) => a.from - b.from);
}
