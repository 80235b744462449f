import type { ClinicSettings } from '../../../shared/domain/dto';
import type { OutboxState } from '../../../shared/domain/types';
import { getClinicSettings } from '../clinic/clinic-settings';
import type { OutboxRow } from '../db/repos/outbox-repo';
import { getPlanningAppointment, type PlanningAppointment } from '../db/repos/planning-repo';
import { listScheduledRows, requestCancel } from '../db/repos/send-ahead-repo';
import type { ReadableDB, WritableDB } from '../db/types';
import { startFromKey } from '../rules/windows';
import { blockedReason } from './final-checks';

/** Where a scheduled text should end once Twilio has cancelled it, and why. */
export interface CancelVerdict {
  readonly to: OutboxState;
  readonly reason: string;
}

export const KILL_SWITCH_CANCEL_REASON = 'kill switch: the text scheduled at Twilio was cancelled; checked again when sending resumes';

/**
 * Whether the schedule still wants a text that waits at Twilio (docs/send-ahead.md#cancelling): null when it
 * does; otherwise the state it ends in. Derived only from durable facts (the kill switch, the appointment,
 * the number's STOP and validity, consent), so every stop path — and a cycle that finds what a crash left — reaches
 * the same answer.
 */
export function scheduledVerdict(
  db: ReadableDB,
  settings: ClinicSettings,
  row: OutboxRow,
  appt: PlanningAppointment | undefined,
  paused: boolean,
): CancelVerdict | null {
  if (paused) return { to: 'pending', reason: KILL_SWITCH_CANCEL_REASON };
  if (!appt || appt.status === 'cancelled') return { to: 'cancelled', reason: 'appointment cancelled' };
  if (appt.status === 'completed' || appt.status === 'no_show') return { to: 'cancelled', reason: `appointment ${appt.status}` };
  const rule = settings.rules.find((r) => r.id === row.rule_id);
  if (appt.status === 'confirmed' && (rule?.onlyIfUnconfirmed ?? true)) return { to: 'cancelled', reason: 'appointment confirmed' };
  if (startFromKey(row.idempotency_key) !== appt.starts_at) return { to: 'superseded', reason: 'appointment rescheduled' };
  if (!rule || rule.enabled === false) return { to: 'cancelled', reason: 'no longer in the reminder policy' };
  if (!appt.phone) return { to: 'suppressed', reason: 'no phone number' };
  if (appt.phone !== row.recipient)
    return { to: 'pending', reason: 'phone number changed: the text scheduled to the old number was cancelled' };
  const blocked = blockedReason({ db, now: 0, settings, configured: { email: true, sms: true, voice: true } }, row, appt);
  return blocked === null ? null : { to: 'suppressed', reason: blocked };
}

/**
 * Adds every scheduled text the schedule no longer wants to the durable "to cancel" list; runs inside the
 * caller's transaction (the schedule change, STOP, or the start of a cycle). `appointmentIds` limits it to
 * those appointments. Returns how many were added.
 */
export function requestUnwantedCancels(
  db: WritableDB,
  now: number,
  options: { paused: boolean; appointmentIds?: readonly number[] },
): number {
  const only = options.appointmentIds ? new Set(options.appointmentIds) : null;
  const rows = listScheduledRows(db).filter((r) => r.cancel_requested_at == null && (!only || only.has(r.appointment_id)));
  if (rows.length === 0) return 0;
  const settings = getClinicSettings(db);
  let requested = 0;
  for (const row of rows) {
    const verdict = scheduledVerdict(db, settings, row, getPlanningAppointment(db, row.appointment_id), options.paused);
    if (verdict && requestCancel(db, row.id, verdict.to, verdict.reason, now)) requested += 1;
  }
  return requested;
}
