import { DateTime, IANAZone } from 'luxon';

export type StartsAtResult = { ok: true; ms: number } | { ok: false; reason: string };

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
const HOUR_MS = 3_600_000;

/**
 * Parses a CSV `starts_at`: ISO 8601 with an offset (an exact instant), or `YYYY-MM-DD HH:mm` (seconds and a
 * `T` separator allowed) as wall-clock time in `zone`. A wall time inside a DST gap does not exist and is
 * rejected. A wall time in a DST overlap happens twice; we take the EARLIER instant (the pre-transition
 * offset, e.g. 01:30 EDT on the November changeover), so a reminder is never later than the visit it announces.
 */
export function parseStartsAt(raw: string, zone: string): StartsAtResult {
  const text = raw.trim();
  if (WITH_OFFSET.test(text)) {
    const parsed = DateTime.fromISO(text, { setZone: true });
    if (parsed.isValid) return { ok: true, ms: parsed.toMillis() };
  }
  const local = LOCAL.exec(text);
  if (local) return parseLocal(text, local.slice(1).map((part) => Number(part ?? 0)), zone);
  return {
    ok: false,
    reason:
      `starts_at "${text}" is not a date and time: use ISO 8601 with an offset (2026-11-27T09:30:00-05:00) ` +
      `or "YYYY-MM-DD HH:mm" in the clinic's time zone`,
  };
}

function parseLocal(text: string, parts: number[], zone: string): StartsAtResult {
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = parts;
  const wall = DateTime.utc(year, month, day, hour, minute, second);
  // luxon accepts out-of-range parts by refusing them (invalid), never by rolling over, so this catches 02-30.
  if (!wall.isValid || wall.month !== month || wall.day !== day) {
    return { ok: false, reason: `starts_at "${text}" is not a real calendar date and time` };
  }
  const instant = earliestInstantForWallTime(wall.toMillis(), IANAZone.create(zone));
  if (instant === undefined) {
    return { ok: false, reason: `starts_at "${text}" does not exist in ${zone} (daylight-saving gap)` };
  }
  return { ok: true, ms: instant };
}

/**
 * The earliest UTC instant whose wall-clock time in `zone` equals `wallAsUtc` (the wall time read as if it
 * were UTC), or undefined inside a gap. Tries the offsets in force 12 h either side, which covers every
 * real-world transition.
 */
function earliestInstantForWallTime(wallAsUtc: number, zone: IANAZone): number | undefined {
  const offsets = new Set([zone.offset(wallAsUtc - 12 * HOUR_MS), zone.offset(wallAsUtc + 12 * HOUR_MS)]);
  let best: number | undefined;
  for (const offsetMin of offsets) {
    const candidate = wallAsUtc - offsetMin * 60_000;
    if (zone.offset(candidate) === offsetMin && (best === undefined || candidate < best)) best = candidate;
  }
  return best;
}
