import type { ClinicSettings, DispatchResult } from '../../../../shared/domain/dto';
import type { ScheduledSmsTransport, SendResult } from '../../channels/channel';
import { isBusyError } from '../../db/busy';
import { withDurableCommit } from '../../db/connection';
import { deleteLatestAttempt, insertAttempt, setAttemptOutcome } from '../../db/repos/contacts-repo';
import { recordEvent } from '../../db/repos/events-repo';
import { finishSending, type OutboxRow } from '../../db/repos/outbox-repo';
import { getPlanningAppointment, type PlanningAppointment } from '../../db/repos/planning-repo';
import { getOutboxRow, markSendAheadClaim, releaseSendAheadClaim, requestCancel, setPendingReason } from '../../db/repos/send-ahead-repo';
import { buildMessage } from '../../outbox/message';
import { KILL_SWITCH_CANCEL_REASON } from '../../outbox/scheduled-cancel';
import { HOUR_MS, MINUTE_MS } from '../../platform/clock';
import { assertNever } from '../../platform/errors';
import { newToken } from '../../platform/ids';
import { smsSegments } from '../../../../shared/util/sms-segments';
import type { DeskCalendar, SendAheadDeps } from './deps';
import { firstAllowedSendAt } from './send-at';

/** Send-ahead runs in the cycles of the last hour before the desk goes off. */
export const LAST_HOUR_MS = HOUR_MS;
const DESK_SCAN_STEP_MS = 5 * MINUTE_MS;
const DESK_SCAN_LIMIT_MS = 35 * 24 * HOUR_MS;

/** When the desk is expected back after an off period that starts at `offStart` (at most 35 days on). */
export function deskBackAt(desk: DeskCalendar, offStart: number): number {
  for (let t = offStart; t < offStart + DESK_SCAN_LIMIT_MS; t += DESK_SCAN_STEP_MS) if (desk.isDeskTime(t)) return t;
  return offStart + DESK_SCAN_LIMIT_MS;
}

interface SendAheadClaim {
  readonly row: OutboxRow;
  readonly appt: PlanningAppointment;
  readonly token: string;
  readonly sendAt: number;
}

/**
 * Send-ahead (docs/send-ahead.md): in a cycle within the last hour before an off period, each SMS at risk of
 * going unsent while the desk is off is handed to Twilio Message Scheduling, one at a time, with the same
 * crash rules as any send — claimed durably (`sending`, its ledger attempt dated at its SendAt) before the
 * request, the answer fenced by the lease token, an unanswered request `unknown` until looked up.
 */
export async function scheduleAtRisk(
  deps: SendAheadDeps,
  settings: ClinicSettings,
  result: DispatchResult,
  options: { quitting?: boolean } = {},
): Promise<void> {
  const { db, clock, control, coverage } = deps;
  const scheduler = deps.transports.scheduledSms;
  if (!scheduler || !coverage || control.isPaused()) return;
  const now = clock.now();
  // Quitting: the desk goes off now, whatever its hours say (the quit warning's "send ahead").
  const desk = options.quitting ? coverage.quitCalendar(db, now) : coverage.deskCalendar(db, now);
  const offStart = options.quitting ? now : desk.nextOffStartMs(now);
  if (offStart === null || offStart - now > LAST_HOUR_MS) return;
  const back = deskBackAt(desk, Math.max(offStart, now));
  const atRisk = coverage.listAtRisk(db, { nowMs: now, horizonMs: back - now, desk }).filter((r) => r.channel === 'sms');
  for (const item of atRisk) {
    if (control.isPaused()) return;
    await scheduleOne(deps, scheduler, settings, item.outboxId, result);
  }
}

function claim(deps: SendAheadDeps, settings: ClinicSettings, outboxId: number): SendAheadClaim | null {
  const { db, clock, control } = deps;
  const now = clock.now();
  const token = `${newToken()}.${outboxId}`;
  return withDurableCommit(db, () => {
    if (control.isPaused()) return null;
    const row = getOutboxRow(db, outboxId);
    if (!row || row.state !== 'pending' || row.channel !== 'sms') return null;
    const appt = getPlanningAppointment(db, row.appointment_id);
    const when = firstAllowedSendAt(db, settings, row, appt, now);
    if (when.kind === 'none' || !appt) {
      setPendingReason(db, row.id, `at risk: cannot be scheduled at Twilio: ${when.kind === 'none' ? when.reason : 'no appointment'}`, now);
      return null;
    }
    if (!markSendAheadClaim(db, row.id, token, when.sendAt, now)) return null;
    const claimed = { ...row, state: 'sending' as const, claimed_at: now, send_at: when.sendAt, not_before: when.sendAt };
    insertAttempt(db, {
      outboxId: row.id,
      appointmentId: row.appointment_id,
      ruleId: row.rule_id,
      channel: 'sms',
      recipient: row.recipient,
      // Counted against the budgets at its SendAt, when it will reach the patient.
      at: when.sendAt,
      segments: smsSegments(buildMessage(settings, claimed, appt).body).segments,
    });
    return { row: claimed, appt, token, sendAt: when.sendAt };
  });
}

async function scheduleOne(
  deps: SendAheadDeps,
  scheduler: ScheduledSmsTransport,
  settings: ClinicSettings,
  outboxId: number,
  result: DispatchResult,
): Promise<void> {
  let claimed: SendAheadClaim | null;
  try {
    claimed = claim(deps, settings, outboxId);
  } catch (error) {
    if (isBusyError(error)) return; // an import holds the schedule: next cycle
    throw error;
  }
  if (!claimed) return;
  const { db, clock, control } = deps;
  // The kill switch is read again right before the request (docs/safeguards.md#kill-switch).
  if (control.isPaused()) {
    release(deps, claimed, 'paused before scheduling');
    return;
  }
  let res: SendResult;
  try {
    res = await scheduler.schedule(buildMessage(settings, claimed.row, claimed.appt), claimed.sendAt);
  } catch (error) {
    res = { kind: 'unknown', error: error instanceof Error ? error.message : String(error) };
  }
  const now = clock.now();
  db.transaction(() => recordScheduleResult(deps, claimed, res, now, result)).immediate();
}

function release(deps: SendAheadDeps, c: SendAheadClaim, reason: string): void {
  const { db, clock } = deps;
  db.transaction(() => {
    if (releaseSendAheadClaim(db, c.row.id, c.token, reason, clock.now())) deleteLatestAttempt(db, c.row.id);
  }).immediate();
}

function recordScheduleResult(deps: SendAheadDeps, c: SendAheadClaim, res: SendResult, now: number, result: DispatchResult): void {
  const { db, control } = deps;
  const at = new Date(c.sendAt).toISOString();
  switch (res.kind) {
    case 'accepted': {
      const reason = `scheduled at Twilio for ${at} (the desk is expected to be off)`;
      if (!finishSending(db, c.row.id, c.token, { state: 'scheduled', reason, providerId: res.providerId, lastError: null }, now)) {
        recordEvent(db, now, 'fence_violation', 'send-ahead', { outboxId: c.row.id, result: 'scheduled', providerId: res.providerId });
      }
      setAttemptOutcome(
        db,
        c.row.id,
        { outcome: 'sent', countsForBudget: true, providerId: res.providerId, detail: `scheduled for ${at}` },
        now,
      );
      recordEvent(db, now, 'send_ahead_scheduled', 'send-ahead', { outboxId: c.row.id, providerId: res.providerId, sendAt: at });
      // Paused while the request was in flight: it goes straight onto the "to cancel" list.
      if (control.isPaused()) requestCancel(db, c.row.id, 'pending', KILL_SWITCH_CANCEL_REASON, now);
      result.scheduled = (result.scheduled ?? 0) + 1;
      return;
    }
    case 'rejected':
      // Twilio made nothing: the text stays at risk, with Twilio's reason.
      if (releaseSendAheadClaim(db, c.row.id, c.token, `at risk: Twilio refused to schedule it: ${res.error}`, now)) {
        deleteLatestAttempt(db, c.row.id);
      }
      recordEvent(db, now, 'send_ahead_refused', 'send-ahead', { outboxId: c.row.id, error: res.error, code: res.code ?? null });
      return;
    case 'unknown':
      finishSending(
        db,
        c.row.id,
        c.token,
        {
          state: 'unknown',
          reason: 'interrupted while scheduling at Twilio; looked up before anything else',
          providerId: null,
          lastError: res.error,
        },
        now,
      );
      result.unknown += 1;
      return;
    default:
      assertNever(res);
  }
}
