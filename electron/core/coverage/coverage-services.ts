import type { CoverageReport, SenderDown } from '../../../shared/domain/coverage';
import { isoInZone } from '../api/time-format';
import { getClinicSettings } from '../clinic/clinic-settings';
import type { ReadableDB } from '../db/types';
import { HOUR_MS } from '../platform/clock';
import { listAtRiskDetailed } from './at-risk';
import { deskCalendarFor } from './calendar-for';
import { senderDownAlarm } from './sender-alarm';

/** How far `coverage` looks by default: a long weekend. */
export const DEFAULT_COVERAGE_HOURS = 72;

/** The Coverage report (CLI `coverage`, the Coverage panel): reminders at risk within `hours` (docs/coverage.md). */
export function coverageReport(db: ReadableDB, now: number, hours: number = DEFAULT_COVERAGE_HOURS): CoverageReport {
  const settings = getClinicSettings(db);
  const zone = settings.timezone;
  const desk = deskCalendarFor(db, settings, now);
  const nextOff = desk.nextOffStartMs(now);
  const items = listAtRiskDetailed(db, { nowMs: now, horizonMs: hours * HOUR_MS, desk }).map((r) => ({
    outboxId: r.outboxId,
    appointment: r.appointmentId,
    patient: r.patient,
    channel: r.channel,
    startsAt: isoInZone(r.startsAtMs, zone),
    dueAt: isoInZone(r.dueAtMs, zone),
    windowEnd: isoInZone(r.windowEndMs, zone),
    reason: r.reason,
  }));
  return {
    deskHours: desk.description,
    deskHoursSource: desk.source,
    hours,
    nextOffAt: nextOff === null ? null : isoInZone(nextOff, zone),
    items,
  };
}

/** The status field: the alarm with its instant in UTC, like the rest of `status`. */
export function senderDownStatus(db: ReadableDB, now: number): SenderDown | null {
  const alarm = senderDownAlarm(db, now);
  if (!alarm) return null;
  return { lastCycleAt: new Date(alarm.lastCycleAt).toISOString(), due: alarm.due };
}
