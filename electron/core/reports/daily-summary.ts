import { DateTime } from 'luxon';
import type { ClinicSettings } from '../../../shared/domain/dto';
import type { DailySummary, ReportSettings } from '../../../shared/domain/reports';
import type { Channel } from '../../../shared/domain/types';
import type { ReadableDB, WritableDB } from '../db/types';
import { getClinicSettings } from '../clinic/clinic-settings';
import { getCursor, setCursor } from '../db/repos/engine-repo';
import { attemptedRemindersBetween, countConfirmedBetween } from '../db/repos/reports-repo';
import { isoInZone } from '../api/time-format';
import { todayView } from '../api/views';
import { needsCallReason } from './needs-call';
import { clinicDay } from './range';
import { getReportSettings } from './report-settings';

type Configured = Readonly<Record<Channel, boolean>>;

/** The cursor holding the last clinic day whose summary was handed out (at most one notification a day). */
const SUMMARY_CURSOR = 'daily-summary';

/**
 * When the desk day ends on `day`: the report setting `summaryAt`, else the clinic's send-until time. This is
 * the one place to change when configured desk hours exist (docs/reports.md).
 */
export function endOfDeskDay(
  settings: Pick<ClinicSettings, 'sendUntil'>,
  report: Pick<ReportSettings, 'summaryAt'>,
  day: DateTime,
): number {
  const [hour, minute] = (report.summaryAt ?? settings.sendUntil).split(':').map(Number);
  return day.set({ hour: hour ?? 0, minute: minute ?? 0, second: 0, millisecond: 0 }).toMillis();
}

/**
 * The day's counts (clinic day `date`, default today): reminders the provider accepted, appointments
 * confirmed, reminders that failed, and tomorrow's unconfirmed appointments no reminder will reach.
 */
export function dailySummary(db: ReadableDB, now: number, configured: Configured, date?: string): DailySummary {
  const settings = getClinicSettings(db);
  const day = clinicDay(date, now, settings.timezone);
  const from = day.toMillis();
  const to = day.plus({ days: 1 }).toMillis();
  const attempted = attemptedRemindersBetween(db, from, to);
  const tomorrow = todayView(db, day.plus({ days: 1 }).toISODate()!, now, configured);
  return {
    date: day.toISODate()!,
    sent: attempted.sent,
    confirmed: countConfirmedBetween(db, from, to),
    failed: attempted.failed,
    atRiskTomorrow: tomorrow.filter((a) => needsCallReason(a) !== null).length,
    endsAt: isoInZone(endOfDeskDay(settings, getReportSettings(db), day), settings.timezone),
  };
}

/**
 * Today's summary once the desk day has ended, the first time it is asked for (then null until the next
 * day's end). The day is claimed in the database, so a restart or a second window does not repeat it.
 */
export function takeDueDailySummary(db: WritableDB, now: number, configured: Configured): DailySummary | null {
  const settings = getClinicSettings(db);
  const day = clinicDay(undefined, now, settings.timezone);
  const date = day.toISODate()!;
  if (now < endOfDeskDay(settings, getReportSettings(db), day)) return null;
  const claimed = db
    .transaction(() => {
      if (getCursor(db, SUMMARY_CURSOR) === date) return false;
      setCursor(db, SUMMARY_CURSOR, date, now);
      return true;
    })
    .immediate();
  return claimed ? dailySummary(db, now, configured, date) : null;
}
