import { DateTime } from 'luxon';
import type { ClinicSettings } from '../../../shared/domain/dto';
import { getClinicSettings } from '../clinic/clinic-settings';
import { type CoverageCandidate, listPendingDueBefore } from '../db/repos/coverage-repo';
import type { ReadableDB } from '../db/types';
import { assertNever } from '../platform/errors';
import { RecipientPlaces } from '../rules/recipient-zone';
import { type DeskCalendar, type Interval, intersect, weeklyDeskCalendar } from './desk-calendar';
import { emptyWeek, WEEKDAYS } from './desk-hours';
import type { AtRiskReminder } from './send-ahead/deps';

/** A planned reminder no running desk can send (docs/coverage.md#at-risk); the shape send-ahead takes too. */
export type { AtRiskReminder } from './send-ahead/deps';

/** Why: the desk is off for the whole window, or on only while quiet hours forbid texts and calls. */
export type AtRiskKind = 'desk_off' | 'quiet_hours';

/** When a reminder may go by the clock: always (email), or inside these intervals (quiet hours in the recipient's zones). */
export type AllowedTime = 'always' | readonly Interval[];

/**
 * The at-risk rule, a pure function: a reminder is at risk when no instant of its window is both desk time and
 * allowed sending time. Returns why, or null when some instant is both.
 */
export function assessWindow(window: Interval, desk: Pick<DeskCalendar, 'intervals'>, allowed: AllowedTime): AtRiskKind | null {
  if (window.end <= window.start) return null;
  const deskTime = desk.intervals(window.start, window.end);
  if (deskTime.length === 0) return 'desk_off';
  if (allowed !== 'always' && intersect(deskTime, allowed).length === 0) return 'quiet_hours';
  return null;
}

/**
 * Allowed sending time in [from, to): the daily [sendFrom, sendUntil) in every one of `zones` at once (a number of a
 * multi-zone country must be allowed in each), as the final checks keep quiet hours.
 */
export function allowedSendingTime(zones: readonly string[], sendFrom: string, sendUntil: string, from: number, to: number): Interval[] {
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  const week = emptyWeek();
  for (const day of WEEKDAYS) week[day] = [{ from: minutes(sendFrom), until: minutes(sendUntil) }];
  return zones.map((zone) => weeklyDeskCalendar(week, zone, 'configured').intervals(from, to)).reduce((acc, next) => intersect(acc, next));
}

/**
 * Pending reminders due within `horizonMs` (a duration) of `nowMs` that are at risk with this desk calendar, in due
 * order. A window already open counts from now: only what is still ahead can be covered.
 */
export function listAtRisk(db: ReadableDB, input: { nowMs: number; horizonMs: number; desk: DeskCalendar }): AtRiskReminder[] {
  return listAtRiskDetailed(db, input);
}

/** listAtRisk with the appointment's start and patient, for the Coverage panel. */
export interface AtRiskDetail extends AtRiskReminder {
  readonly startsAtMs: number;
  readonly patient: string;
  readonly kind: AtRiskKind;
}

export function listAtRiskDetailed(db: ReadableDB, input: { nowMs: number; horizonMs: number; desk: DeskCalendar }): AtRiskDetail[] {
  const { nowMs, horizonMs, desk } = input;
  const settings = getClinicSettings(db);
  const places = new RecipientPlaces();
  const rows = listPendingDueBefore(db, nowMs, nowMs + horizonMs);
  if (rows.length === 0) return [];
  // Desk time and quiet hours are worked out once over the span all windows cover, then clipped per row.
  const spanEnd = Math.max(...rows.map((r) => r.expires_at));
  const deskSpan = fixedIntervals(desk.intervals(nowMs, spanEnd));
  const allowedByZones = new Map<string, Interval[]>();
  const allowedFor = (row: CoverageCandidate, window: Interval): AllowedTime => {
    if (row.channel === 'email') return 'always';
    const { key, zones } = places.zonesFor(row.patient_timezone, places.countryOf(row.recipient), settings);
    let span = allowedByZones.get(key);
    if (!span) {
      span = allowedSendingTime(zones, settings.sendFrom, settings.sendUntil, nowMs, spanEnd);
      allowedByZones.set(key, span);
    }
    return clip(span, window.start, window.end);
  };
  const out: AtRiskDetail[] = [];
  for (const row of rows) {
    const window = { start: Math.max(row.not_before, nowMs), end: row.expires_at };
    const kind = assessWindow(window, deskSpan, allowedFor(row, window));
    if (kind === null) continue;
    out.push({
      outboxId: row.outbox_id,
      appointmentId: row.external_id,
      channel: row.channel,
      dueAtMs: row.not_before,
      windowEndMs: row.expires_at,
      reason: reasonText(kind, window, desk, settings),
      startsAtMs: row.starts_at,
      patient: row.patient_name,
      kind,
    });
  }
  return out;
}

/** Intervals worked out once, answered by clipping. */
function fixedIntervals(list: readonly Interval[]): Pick<DeskCalendar, 'intervals'> {
  return { intervals: (from, to) => clip(list, from, to) };
}

function clip(list: readonly Interval[], from: number, to: number): Interval[] {
  return list.filter((i) => i.end > from && i.start < to).map((i) => ({ start: Math.max(i.start, from), end: Math.min(i.end, to) }));
}

function reasonText(kind: AtRiskKind, window: Interval, desk: DeskCalendar, settings: ClinicSettings): string {
  const local = (ms: number) => DateTime.fromMillis(ms, { zone: settings.timezone }).toFormat('ccc d LLL HH:mm');
  const span = `${local(window.start)} → ${local(window.end)}`;
  const hours = `desk hours ${desk.source === 'configured' ? '' : `${desk.source}: `}${desk.description || 'none'}`;
  switch (kind) {
    case 'desk_off':
      return `This computer is expected to be off for its whole send window (${span}; ${hours})`;
    case 'quiet_hours':
      return `This computer is expected to be on during its send window (${span}) only outside the hours texts and calls may go (${settings.sendFrom}–${settings.sendUntil}, the patient's time; ${hours})`;
    default:
      return assertNever(kind);
  }
}
