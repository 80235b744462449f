import { getClinicSettings } from '../clinic/clinic-settings';
import type { ReadableDB } from '../db/types';
import { listAtRisk } from './at-risk';
import { deskCalendarFor } from './calendar-for';
import { type DeskCalendar, offFrom } from './desk-calendar';
import type { CoverageSource } from './send-ahead/deps';

/**
 * Coverage as send-ahead sees it (docs/send-ahead.md): the clinic's desk calendar in force now (configured, learned
 * from heartbeats, or assumed; docs/coverage.md) and the reminders at risk within a horizon. The calendar handed to
 * listAtRisk is always one this source built, so it is the full coverage calendar.
 */
export const clinicCoverage: CoverageSource = {
  deskCalendar: (db: ReadableDB, nowMs: number): DeskCalendar => deskCalendarFor(db, getClinicSettings(db), nowMs),
  quitCalendar: (db: ReadableDB, nowMs: number): DeskCalendar => offFrom(deskCalendarFor(db, getClinicSettings(db), nowMs), nowMs),
  listAtRisk: (db, input) => listAtRisk(db, { ...input, desk: input.desk as DeskCalendar }),
};
