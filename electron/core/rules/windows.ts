import type { Rule } from '../../../shared/domain/dto';
import { MINUTE_MS } from '../platform/clock';

export interface StepWindow {
  readonly rule: Rule;
  /** The step may go from here… */
  readonly opensAt: number;
  /** …until just before here; after this it expires rather than fire late (docs/safeguards.md#freshness). */
  readonly closesAt: number;
}

/**
 * Send windows (docs/safeguards.md#freshness): each step is sendable from its time until the next step's time; the last
 * until `cutoffMinutes` before the start. So after any downtime only the latest step is still open.
 */
export function stepWindows(startsAt: number, rules: readonly Rule[], cutoffMinutes: number): StepWindow[] {
  const ordered = rules.filter((r) => r.enabled).sort((a, b) => b.offsetMinutes - a.offsetMinutes);
  const windows: StepWindow[] = [];
  ordered.forEach((rule, index) => {
    const next = ordered[index + 1];
    const opensAt = startsAt - rule.offsetMinutes * MINUTE_MS;
    const closesAt = next ? startsAt - next.offsetMinutes * MINUTE_MS : startsAt - cutoffMinutes * MINUTE_MS;
    // Two rules at the same offset would give an empty window; the later one in the list wins.
    if (closesAt > opensAt) windows.push({ rule, opensAt, closesAt });
  });
  return windows;
}

/**
 * Idempotency key (docs/outbox-states.md#idempotency-keys): (appointment, rule, appointment start). A reschedule changes it.
 * The appointment id is zero-padded so keys sort in id order: bulk planning appends to the UNIQUE
 * index instead of scattering inserts across it, and one appointment's rows are one key range.
 */
export function idempotencyKey(appointmentId: number, ruleId: string, startsAt: number): string {
  return `${keyPrefix(appointmentId)}:${ruleId}:${startsAt}`;
}

function keyPrefix(appointmentId: number): string {
  return String(appointmentId).padStart(10, '0');
}

/**
 * The key range holding every outbox row of one appointment: keys start with "<id>:" and ';' sorts
 * right after ':', so [`<id>:`, `<id>;`) is exactly that appointment's rows on the UNIQUE key index.
 */
export function appointmentKeyRange(appointmentId: number): readonly [string, string] {
  return [`${keyPrefix(appointmentId)}:`, `${keyPrefix(appointmentId)};`];
}

/** The appointment start encoded in a key, to tell a superseded row from a current one. */
export function startFromKey(key: string): number {
  return Number(key.slice(key.lastIndexOf(':') + 1));
}
