import { getClinicSettings } from '../clinic/clinic-settings';
import { insertAttempt } from '../db/repos/contacts-repo';
import { pendingInRange, type OutboxRow } from '../db/repos/outbox-repo';
import { getPlanningAppointment, type PlanningAppointment } from '../db/repos/planning-repo';
import type { WritableDB } from '../db/types';
import { RecipientPlaces } from '../rules/recipient-zone';
import { decideClaim, type CheckContext } from './final-checks';
import { runPlanner } from './planner';

/** One reminder that would go out: the outbox row, its appointment, and when the dispatcher would send it. */
export interface PredictedSend {
  readonly row: OutboxRow;
  readonly appointment: PlanningAppointment;
  readonly at: number;
}

/**
 * What would go out in [now, until) if nothing changed: the planner and the dispatcher's own final checks
 * run in a transaction that is always rolled back, with simulated ledger rows so budgets and quiet hours
 * apply exactly as they will. Nothing is written. In send order.
 */
export function predictPlan(db: WritableDB, now: number, until: number, configured: CheckContext['configured']): PredictedSend[] {
  const predicted: PredictedSend[] = [];
  const rollback = new Error('prediction rollback');
  try {
    db.transaction(() => {
      runPlanner(db, now);
      simulateSends(db, now, until, configured, predicted);
      throw rollback;
    })();
  } catch (error) {
    if (error !== rollback) throw error;
  }
  return predicted;
}

function simulateSends(db: WritableDB, now: number, until: number, configured: CheckContext['configured'], out: PredictedSend[]): void {
  const settings = getClinicSettings(db);
  const places = new RecipientPlaces();
  const queue = pendingInRange(db, now, until).map((row) => ({ row, at: Math.max(row.not_before, now) }));
  for (let guard = 0; queue.length > 0 && guard < 100_000; guard += 1) {
    queue.sort((a, b) => a.at - b.at);
    const next = queue.shift()!;
    if (next.at >= until) break;
    const appointment = getPlanningAppointment(db, next.row.appointment_id);
    // The dispatcher's own checks at the instant it would send: quiet hours and budgets in the recipient's zone.
    const decision = decideClaim({ db, now: next.at, settings, configured, places }, next.row, appointment);
    if (decision.kind === 'defer') {
      queue.push({ row: next.row, at: decision.until });
    } else if ((decision.kind === 'send' || decision.kind === 'rate_limited') && appointment) {
      const { id: outboxId, rule_id: ruleId, channel, recipient } = next.row;
      insertAttempt(db, { outboxId, appointmentId: appointment.id, ruleId, channel, recipient, at: next.at });
      out.push({ row: next.row, appointment, at: next.at });
    }
  }
}
