import type { Rule } from '../../../shared/domain/dto';
import type { Channel } from '../../../shared/domain/types';
import { endPendingRow, insertOutboxRow, listPendingInKeyRange, repointPendingRow, reviveOutboxRow } from '../db/repos/outbox-repo';
import type { PlanningAppointment } from '../db/repos/planning-repo';
import type { WritableDB } from '../db/types';
import { appointmentKeyRange, idempotencyKey, startFromKey, stepWindows } from '../rules/windows';

export interface PlanPolicy {
  readonly rules: readonly Rule[];
  readonly cutoffMinutes: number;
  /** Settle time: a reminder may not go before its appointment's last change + this (0 when absent). */
  readonly settleMs?: number;
}

export interface AppointmentPlanCounts {
  enqueued: number;
  existing: number;
  cancelled: number;
}

export interface DesiredContact {
  key: string;
  rule: Rule;
  recipient: string | null;
  notBefore: number;
  expiresAt: number;
}

function recipientFor(appt: PlanningAppointment, channel: Channel): string | null {
  return channel === 'email' ? appt.email : appt.phone;
}

/** The contacts the schedule calls for right now; steps whose window has closed are not planned. */
export function desiredContacts(appt: PlanningAppointment, policy: PlanPolicy, now: number): DesiredContact[] {
  if (appt.status !== 'booked' && appt.status !== 'confirmed') return [];
  return stepWindows(appt.starts_at, policy.rules, policy.cutoffMinutes)
    .filter((w) => w.closesAt > now)
    .filter((w) => !(appt.status === 'confirmed' && w.rule.onlyIfUnconfirmed))
    .map((w) => ({
      key: idempotencyKey(appt.id, w.rule.id, appt.starts_at),
      rule: w.rule,
      recipient: recipientFor(appt, w.rule.channel),
      // Settle time: never before the last schedule change + settle, so a change undone at once sends nothing.
      notBefore: Math.max(w.opensAt, appt.updated_at + (policy.settleMs ?? 0)),
      expiresAt: w.closesAt,
    }));
}

function endReasonFor(appt: PlanningAppointment, row: { idempotency_key: string }): { state: 'cancelled' | 'superseded'; reason: string } {
  if (appt.status === 'cancelled') return { state: 'cancelled', reason: 'appointment cancelled' };
  if (appt.status === 'completed' || appt.status === 'no_show') return { state: 'cancelled', reason: `appointment ${appt.status}` };
  if (appt.status === 'confirmed') return { state: 'cancelled', reason: 'appointment confirmed' };
  if (startFromKey(row.idempotency_key) !== appt.starts_at) return { state: 'superseded', reason: 'appointment rescheduled' };
  return { state: 'cancelled', reason: 'no longer in the reminder policy' };
}

/**
 * Ends every pending row the schedule no longer wants (cancel, confirm, reschedule, rule removed).
 * Runs inside the caller's transaction, so the schedule change and the outbox change commit together
 * (docs/safeguards.md#confirm-cancel-and-reschedule).
 */
export function endUnwantedPending(db: WritableDB, appt: PlanningAppointment, desired: readonly DesiredContact[], now: number): number {
  const wanted = new Map(desired.map((d) => [d.key, d]));
  let ended = 0;
  for (const row of listPendingInKeyRange(db, appointmentKeyRange(appt.id))) {
    const want = wanted.get(row.idempotency_key);
    if (want && want.recipient) {
      // The patient's number or address changed: the reminder goes to the current one, never the old.
      if (want.recipient !== row.recipient) repointPendingRow(db, row.id, want.recipient, now);
      continue;
    }
    if (want && !want.recipient) {
      if (endPendingRow(db, row.id, 'suppressed', row.channel === 'email' ? 'no email address' : 'no phone number', now)) ended += 1;
      continue;
    }
    // A row whose window has closed expires (docs/safeguards.md#freshness), whatever else changed.
    const end = row.expires_at <= now ? { state: 'expired' as const, reason: 'send window closed' } : endReasonFor(appt, row);
    if (endPendingRow(db, row.id, end.state, end.reason, now)) ended += 1;
  }
  return ended;
}

/** Plans one appointment: inserts what is missing (ON CONFLICT DO NOTHING) and ends what is unwanted. */
export function planAppointment(db: WritableDB, appt: PlanningAppointment, policy: PlanPolicy, now: number): AppointmentPlanCounts {
  const desired = desiredContacts(appt, policy, now);
  const counts: AppointmentPlanCounts = { enqueued: 0, existing: 0, cancelled: 0 };
  counts.cancelled = endUnwantedPending(db, appt, desired, now);
  for (const d of desired) {
    const inserted = insertOutboxRow(
      db,
      {
        key: d.key,
        appointmentId: appt.id,
        ruleId: d.rule.id,
        channel: d.rule.channel,
        recipient: d.recipient ?? '',
        notBefore: d.notBefore,
        expiresAt: d.expiresAt,
        state: d.recipient ? 'pending' : 'suppressed',
        reason: d.recipient ? null : d.rule.channel === 'email' ? 'no email address' : 'no phone number',
      },
      now,
    );
    if (inserted) counts.enqueued += 1;
    else if (d.recipient && reviveOutboxRow(db, d.key, d.recipient, now, d.notBefore)) counts.enqueued += 1;
    else counts.existing += 1;
  }
  return counts;
}
