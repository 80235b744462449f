import type { ClinicSettings } from '../../../shared/domain/dto';
import { firstHeartbeatSince, heartbeatSlots, HEARTBEAT_KEEP_MS } from '../db/repos/heartbeats-repo';
import type { ReadableDB } from '../db/types';
import { type DeskCalendar, weeklyDeskCalendar } from './desk-calendar';
import { ASSUMED_DESK_HOURS, parseDeskHours } from './desk-hours';
import { LEARN_WINDOW_MS, learnDeskHours, MIN_HISTORY_MS, SLOT_MINUTES } from './learned-hours';

/**
 * The desk calendar in force at `now` (docs/coverage.md#desk-hours): the configured hours; else hours learned from the
 * engine's heartbeats once a week of history exists and shows some desk time; else typical office hours, marked as
 * an assumption.
 */
export function deskCalendarFor(db: ReadableDB, settings: Pick<ClinicSettings, 'timezone' | 'deskHours'>, now: number): DeskCalendar {
  const zone = settings.timezone;
  if (settings.deskHours) {
    const parsed = parseDeskHours(settings.deskHours);
    if (parsed.ok) return weeklyDeskCalendar(parsed.hours, zone, 'configured');
  }
  const first = firstHeartbeatSince(db, now - HEARTBEAT_KEEP_MS);
  if (first !== undefined && first <= now - MIN_HISTORY_MS) {
    const from = Math.max(first, now - LEARN_WINDOW_MS);
    const learned = learnDeskHours(heartbeatSlots(db, from, now, SLOT_MINUTES), zone, from, now);
    if (Object.values(learned).some((ranges) => ranges.length > 0)) return weeklyDeskCalendar(learned, zone, 'learned');
  }
  const assumed = parseDeskHours(ASSUMED_DESK_HOURS);
  if (!assumed.ok) throw new Error(assumed.reason);
  return weeklyDeskCalendar(assumed.hours, zone, 'assumed');
}
