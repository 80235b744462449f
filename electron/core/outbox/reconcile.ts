import type { ClinicSettings, DispatchResult } from '../../../shared/domain/dto';
import { deleteLatestAttempt, setAttemptOutcome } from '../db/repos/contacts-repo';
import { recordEvent } from '../db/repos/events-repo';
import { listUnknownRows, resolveUnknownRow } from '../db/repos/outbox-repo';
import { getPlanningAppointment } from '../db/repos/planning-repo';
import type { DispatcherDeps } from './deps';
import { buildMessage } from './message';
import { MAX_ATTEMPTS } from './record-result';

/** SMS and email found missing at the provider are retried once (docs/outbox-states.md#reconciliation). */
const MAX_BLIND_SAFE_ATTEMPTS = 2;

/**
 * Reconciliation (docs/outbox-states.md#reconciliation): before anything is retried, ask the provider whether each `unknown`
 * attempt happened. Found → sent. Not found → SMS/email retried once inside the window; a call is
 * never re-dialled automatically — it goes to the receptionist as "call outcome unknown".
 */
export async function reconcileUnknownRows(
  deps: Pick<DispatcherDeps, 'db' | 'clock' | 'transports' | 'events'>,
  settings: ClinicSettings,
  result: DispatchResult,
): Promise<void> {
  const { db, clock, events } = deps;
  for (const row of listUnknownRows(db, 200)) {
    const transport = deps.transports[row.channel];
    const appt = getPlanningAppointment(db, row.appointment_id);
    if (!transport || !appt) continue;
    if (transport.reconcileAfterMs && (row.claimed_at ?? 0) + transport.reconcileAfterMs > clock.now()) continue;
    let answer;
    try {
      answer = await transport.reconcile(buildMessage(settings, row, appt));
    } catch (error) {
      answer = { kind: 'unavailable' as const, error: error instanceof Error ? error.message : String(error) };
    }
    const now = clock.now();
    if (answer.kind === 'unavailable') continue;
    if (answer.kind === 'found') {
      db.transaction(() => {
        if (
          resolveUnknownRow(
            db,
            row.id,
            { state: 'sent', reason: 'confirmed with the provider after an interruption', providerId: answer.providerId },
            now,
          )
        ) {
          setAttemptOutcome(
            db,
            row.id,
            { outcome: transport.name === 'simulate' ? 'simulated' : 'sent', countsForBudget: true, providerId: answer.providerId },
            now,
          );
        }
      }).immediate();
      continue;
    }
    if (row.handed_at === null) {
      // Claimed but never handed to the provider (the crash came first), and the provider agrees:
      // no attempt happened. Its ledger row goes, and it waits in the queue like any other reminder.
      db.transaction(() => {
        deleteLatestAttempt(db, row.id);
        resolveUnknownRow(
          db,
          row.id,
          { state: 'pending', reason: 'interrupted before sending; queued again', providerId: null, notBefore: now },
          now,
        );
      }).immediate();
      continue;
    }
    if (row.channel === 'voice') {
      db.transaction(() => {
        resolveUnknownRow(
          db,
          row.id,
          { state: 'failed', reason: 'call outcome unknown — please call the patient; never re-dialled automatically', providerId: null },
          now,
        );
        recordEvent(db, now, 'call_outcome_unknown', 'dispatcher', { outboxId: row.id, recipient: row.recipient });
      }).immediate();
      events.emit({ type: 'attention', kind: 'call_unknown', message: `Call outcome unknown for ${appt.patient_name}: please call them` });
      result.failed += 1;
      continue;
    }
    // An exact provider record proves the message never left: it may go again (within MAX_ATTEMPTS).
    const allowed = transport.reconcileIsExact ? MAX_ATTEMPTS : MAX_BLIND_SAFE_ATTEMPTS;
    const retry = row.attempts < allowed && now < row.expires_at;
    db.transaction(() => {
      setAttemptOutcome(
        db,
        row.id,
        { outcome: 'failed', countsForBudget: false, detail: 'not found at the provider after an interruption' },
        now,
      );
      resolveUnknownRow(
        db,
        row.id,
        retry
          ? { state: 'pending', reason: 'not found at the provider; retrying once', providerId: null, notBefore: now }
          : { state: 'failed', reason: 'not found at the provider after an interruption', providerId: null },
        now,
      );
    }).immediate();
    if (!retry) result.failed += 1;
  }
}
