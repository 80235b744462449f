import { getClinicSettings } from '../clinic/clinic-settings';
import { insertAttempt } from '../db/repos/contacts-repo';
import { pendingInRange, type OutboxRow } from '../db/repos/outbox-repo';
import { getPlanningAppointment, type PlanningAppointment } from '../db/repos/planning-repo';
import type { WritableDB } from '../db/types';
import { RecipientPlaces } from '../rules/recipient-zone';
import { ClaimCache, decideClaim, type CheckContext } from './final-checks';
import { runPlanner } from './planner';

/** One reminder that would go out: the outbox row, its appointment, and when the dispatcher would send it. */
export interface PredictedSend {
  readonly row: OutboxRow;
  readonly appointment: PlanningAppointment;
  readonly at: number;
}

/**
 * What the dispatcher's final checks will do with one pending row if nothing changes: send it at `at`
 * (`deferredBy`: the last reason it was held back, e.g. quiet hours or a daily limit), end it
 * (expired, suppressed, cancelled) with the reason, or nothing decided before the horizon.
 */
export type ReminderForecast =
  | { readonly kind: 'send'; readonly at: number; readonly deferredBy: string | null }
  | { readonly kind: 'end'; readonly state: 'cancelled' | 'expired' | 'suppressed'; readonly at: number; readonly reason: string }
  | { readonly kind: 'undecided'; readonly at: number; readonly deferredBy: string | null };

/**
 * What would go out in [now, until) if nothing changed: the planner and the dispatcher's own final checks
 * run in a transaction that is always rolled back, with simulated ledger rows so budgets and quiet hours
 * apply exactly as they will. Nothing is written. In send order.
 */
export function predictPlan(db: WritableDB, now: number, until: number, configured: CheckContext['configured']): PredictedSend[] {
  const predicted: PredictedSend[] = [];
  rolledBack(db, () => {
    runPlanner(db, now);
    simulateSends(db, now, until, configured, (row, appointment, f) => {
      if (f.kind === 'send' && appointment) predicted.push({ row, appointment, at: f.at });
    });
  });
  return predicted;
}

/**
 * The forecast of every row pending now whose window opens before `until`, from the same simulation as
 * predictPlan (final checks at the instant the dispatcher would try, simulated ledger rows so budgets count),
 * but over the outbox as it is (no planning): the Today view asks it on every refresh. Nothing is written.
 */
export function forecastPending(
  db: WritableDB,
  now: number,
  until: number,
  configured: CheckContext['configured'],
): Map<number, ReminderForecast> {
  const out = new Map<number, ReminderForecast>();
  rolledBack(db, () => simulateSends(db, now, until, configured, (row, _appt, f) => out.set(row.id, f)));
  return out;
}

function rolledBack(db: WritableDB, work: () => void): void {
  const rollback = new Error('prediction rollback');
  try {
    db.transaction(() => {
      work();
      throw rollback;
    })();
  } catch (error) {
    if (error !== rollback) throw error;
  }
}

type Queued = { row: OutboxRow; at: number; deferredBy: string | null };
type Outcome = (row: OutboxRow, appointment: PlanningAppointment | undefined, forecast: ReminderForecast) => void;

/** Inserts into a queue kept sorted latest-first, so the next due row is popped from the end. */
function enqueue(queue: Queued[], item: Queued): void {
  let lo = 0;
  let hi = queue.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (queue[mid]!.at > item.at) lo = mid + 1;
    else hi = mid;
  }
  queue.splice(lo, 0, item);
}

function simulateSends(db: WritableDB, now: number, until: number, configured: CheckContext['configured'], outcome: Outcome): void {
  const settings = getClinicSettings(db);
  const places = new RecipientPlaces();
  const queue: Queued[] = pendingInRange(db, now, until)
    .map((row) => ({ row, at: Math.max(row.not_before, now), deferredBy: null }))
    .sort((a, b) => b.at - a.at || b.row.id - a.row.id);
  // One claim cache per simulated instant, as the dispatcher keeps one per claim: zone facts and the
  // last minute's attempts per channel are read once for all rows due at that instant.
  let cache = new ClaimCache(now);
  let cacheAt = now;
  for (let guard = 0; queue.length > 0 && guard < 100_000; guard += 1) {
    const next = queue.pop()!;
    if (next.at >= until) {
      outcome(next.row, undefined, { kind: 'undecided', at: next.at, deferredBy: next.deferredBy });
      for (const rest of queue) outcome(rest.row, undefined, { kind: 'undecided', at: rest.at, deferredBy: rest.deferredBy });
      return;
    }
    const appointment = getPlanningAppointment(db, next.row.appointment_id);
    // The dispatcher's own checks at the instant it would send: quiet hours and budgets in the recipient's zone.
    if (cacheAt !== next.at) {
      cache = new ClaimCache(next.at);
      cacheAt = next.at;
    }
    const decision = decideClaim({ db, now: next.at, settings, configured, places, cache }, next.row, appointment);
    if (decision.kind === 'defer') {
      enqueue(queue, { row: next.row, at: decision.until, deferredBy: decision.reason });
    } else if (decision.kind === 'end') {
      outcome(next.row, appointment, { kind: 'end', state: decision.state, at: next.at, reason: decision.reason });
    } else if (appointment) {
      const { id: outboxId, rule_id: ruleId, channel, recipient } = next.row;
      insertAttempt(db, { outboxId, appointmentId: appointment.id, ruleId, channel, recipient, at: next.at });
      cache.noteClaimed(channel);
      outcome(next.row, appointment, { kind: 'send', at: next.at, deferredBy: next.deferredBy });
    }
  }
}
