import { DateTime } from 'luxon';
import { HOUR_MS, MINUTE_MS } from '../../platform/clock';

/** Before a source has a history: exports are expected daily. */
export const DEFAULT_USUAL_INTERVAL_MS = 24 * HOUR_MS;
/** Files that arrive within this of each other are one delivery (a system that drops several files at once). */
const SAME_DELIVERY_MS = 10 * MINUTE_MS;
/** Recent intervals looked at: the schedule's rhythm now, not last year's. */
const RECENT_INTERVALS = 4;

export interface Staleness {
  /** True when the next export is overdue. */
  stale: boolean;
  /** When it was due at the latest. */
  expectedBy: number;
  /** The usual interval learned from history (or the default). */
  usualMs: number;
}

/**
 * Whether a source's schedule is stale: no export for longer than usual. The usual interval is learned from
 * when files arrived: the intervals that started on the same weekday as the last one (so a Friday export
 * followed by Monday's is usual, a Tuesday one followed by nothing until Thursday is not), else the recent
 * intervals, else a day. A quarter of it (at least an hour) is slack for a late export.
 * `arrivals` newest first; `since` stands for the last arrival of a source that never had one (when added).
 */
export function assessStaleness(arrivals: readonly number[], since: number, now: number, zone: string): Staleness {
  const deliveries = oneEachDelivery([...arrivals].sort((a, b) => a - b));
  const last = deliveries.at(-1) ?? since;
  const usualMs = usualInterval(deliveries, zone);
  const expectedBy = last + usualMs + Math.max(usualMs / 4, HOUR_MS);
  return { stale: now > expectedBy, expectedBy, usualMs };
}

function oneEachDelivery(sorted: readonly number[]): number[] {
  const result: number[] = [];
  for (const at of sorted) {
    if (result.length > 0 && at - result[result.length - 1]! < SAME_DELIVERY_MS) continue;
    result.push(at);
  }
  return result;
}

function usualInterval(deliveries: readonly number[], zone: string): number {
  const gaps: { from: number; ms: number }[] = [];
  for (let i = 1; i < deliveries.length; i++) gaps.push({ from: deliveries[i - 1]!, ms: deliveries[i]! - deliveries[i - 1]! });
  if (gaps.length === 0) return DEFAULT_USUAL_INTERVAL_MS;
  const weekday = (ms: number): number => DateTime.fromMillis(ms, { zone }).weekday;
  const lastDay = weekday(deliveries.at(-1)!);
  const sameDay = gaps.filter((g) => weekday(g.from) === lastDay).slice(-RECENT_INTERVALS);
  if (sameDay.length >= 2) return Math.max(...sameDay.map((g) => g.ms));
  if (gaps.length >= 3) return Math.max(...gaps.slice(-RECENT_INTERVALS - 1).map((g) => g.ms));
  return Math.max(DEFAULT_USUAL_INTERVAL_MS, ...gaps.map((g) => g.ms));
}
