import { DateTime, IANAZone } from 'luxon';
import { quoted } from '../platform/quote';

export type StartsAtResult = { ok: true; ms: number } | { ok: false; reason: string };

const WITH_OFFSET = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|([+-])(\d{2}):?(\d{2})?)$/i;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
const HOUR_MS = 3_600_000;
/** Years a schedule can mean: anything else is a typo (0026, 20266) or a placeholder (1899-12-30, 9999). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;
/** UTC offsets in use on Earth run from -12:00 (Baker Island) to +14:00 (Kiribati); luxon accepts +25:00. */
const MIN_OFFSET_MIN = -12 * 60;
const MAX_OFFSET_MIN = 14 * 60;

/**
 * Parses a CSV `starts_at`: ISO 8601 with an offset (an exact instant), or `YYYY-MM-DD HH:mm` (seconds and a
 * `T` separator allowed) as wall-clock time in `zone`. A wall time inside a DST gap does not exist and is
 * rejected. A wall time in a DST overlap happens twice; we take the EARLIER instant (the pre-transition
 * offset, e.g. 01:30 EDT on the November changeover), so a reminder is never later than the visit it announces.
 */
export function parseStartsAt(raw: string, zone: string): StartsAtResult {
  const text = raw.trim();
  const withOffset = WITH_OFFSET.exec(text);
  if (withOffset) {
    const problem = yearProblem(text, Number(withOffset[1])) ?? offsetProblem(text, withOffset);
    if (problem) return { ok: false, reason: problem };
    const parsed = DateTime.fromISO(text, { setZone: true });
    if (parsed.isValid) return { ok: true, ms: parsed.toMillis() };
    return { ok: false, reason: `starts_at ${quoted(text)} is not a real calendar date and time` };
  }
  const local = LOCAL.exec(text);
  if (local)
    return parseLocal(
      text,
      local.slice(1).map((part) => Number(part ?? 0)),
      zone,
    );
  return {
    ok: false,
    reason:
      `starts_at ${quoted(text)} is not a date and time: use ISO 8601 with an offset (2026-11-27T09:30:00-05:00) ` +
      `or "YYYY-MM-DD HH:mm" in the clinic's time zone`,
  };
}

function yearProblem(text: string, year: number, label = 'starts_at'): string | undefined {
  if (year >= MIN_YEAR && year <= MAX_YEAR) return undefined;
  return `${label} ${quoted(text)} has the year ${year}: only ${MIN_YEAR}–${MAX_YEAR} are accepted`;
}

/** `Z`, or ±hh[:mm] within the offsets real zones use, with minutes below 60. */
function offsetProblem(text: string, match: RegExpExecArray): string | undefined {
  const [, , , , , sign, hours, minutes] = match;
  if (sign === undefined) return undefined;
  const total = (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes ?? 0));
  if (Number(minutes ?? 0) < 60 && total >= MIN_OFFSET_MIN && total <= MAX_OFFSET_MIN) return undefined;
  return `starts_at ${quoted(text)} has an impossible UTC offset: offsets run from -12:00 to +14:00`;
}

/**
 * The instant of a wall-clock time in `zone` ([year, month, day, hour, minute, second]); `text` and `label`
 * name it in messages. Rejects impossible dates, years outside 1900–2100 and times in a DST gap.
 */
export function parseLocal(text: string, parts: number[], zone: string, label = 'starts_at'): StartsAtResult {
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = parts;
  const badYear = yearProblem(text, year, label);
  if (badYear) return { ok: false, reason: badYear };
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 02-30 over to 03-02 and 25:00 to the next day; a round trip catches both.
  const check = new Date(wallAsUtc);
  const rolledOver = check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || check.getUTCHours() !== hour;
  if (rolledOver || minute > 59 || second > 59) {
    return { ok: false, reason: `${label} ${quoted(text)} is not a real calendar date and time` };
  }
  const instant = earliestInstantForWallTime(wallAsUtc, IANAZone.create(zone));
  if (instant === undefined) {
    return { ok: false, reason: `${label} ${quoted(text)} does not exist in ${zone} (daylight-saving gap)` };
  }
  return { ok: true, ms: instant };
}

/**
 * The earliest UTC instant whose wall-clock time in `zone` equals `wallAsUtc` (the wall time read as if it
 * were UTC), or undefined inside a gap. Uses the offsets in force 12 h either side: equal means no transition
 * near (zones never change twice in a day); different means a gap or an overlap, and each candidate is checked.
 */
function earliestInstantForWallTime(wallAsUtc: number, zone: IANAZone): number | undefined {
  const before = zone.offset(wallAsUtc - 12 * HOUR_MS);
  const after = zone.offset(wallAsUtc + 12 * HOUR_MS);
  if (before === after) return wallAsUtc - before * 60_000;
  const candidates = [wallAsUtc - before * 60_000, wallAsUtc - after * 60_000].filter(
    (candidate, i) => zone.offset(candidate) === (i === 0 ? before : after),
  );
  return candidates.length === 0 ? undefined : Math.min(...candidates);
}

/** Distinct start texts remembered per import; a file of all-different times must not grow memory without end. */
const MEMO_LIMIT = 2_000;

/**
 * A parser for one import: start times repeat (the same slots every day), so each text is parsed once. The memo
 * is emptied when it reaches MEMO_LIMIT entries, which keeps a streamed import's memory bounded.
 */
export function createStartsAtParser(zone: string): (raw: string) => StartsAtResult {
  const memo = new Map<string, StartsAtResult>();
  return (raw) => {
    let result = memo.get(raw);
    if (!result) {
      result = parseStartsAt(raw, zone);
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(raw, result);
    }
    return result;
  };
}
