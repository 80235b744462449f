import type { ClinicSettings, DispatchResult } from '../../../shared/domain/dto';
import type { Channel } from '../../../shared/domain/types';
import type { Transport } from '../channels/channel';
import { withDurableCommit } from '../db/connection';
import { insertAttempt } from '../db/repos/contacts-repo';
import { deferPendingRow, endPendingRow, markSending, selectDueRows, type OutboxRow } from '../db/repos/outbox-repo';
import { getPlanningAppointment, type PlanningAppointment } from '../db/repos/planning-repo';
import { assertNever } from '../platform/errors';
import { newToken } from '../platform/ids';
import type { DispatcherDeps } from './deps';
import { ClaimCache, decideClaim, type CheckContext, type ClaimDecision } from './final-checks';
import { buildMessage } from './message';
import { smsSegments } from '../../../shared/util/sms-segments';
import { MINUTE_MS } from '../platform/clock';
import { pausedChannels, scopedPauseReason, type ScopedPause } from '../control/scoped-pause';

/** A row held by a scoped pause is looked at again this much later (it stays pending, never sent meanwhile). */
const SCOPED_PAUSE_RECHECK_MS = MINUTE_MS;

/**
 * A scoped pause (one provider or channel, docs/control.md#scoped-pauses) turns a `send` into a short
 * deferral: the row stays pending and is checked again next cycle. Other decisions stand as they are.
 */
function applyScopedPauses(
  decision: ClaimDecision,
  pauses: readonly ScopedPause[],
  row: OutboxRow,
  appt: PlanningAppointment | undefined,
  now: number,
): ClaimDecision {
  if (decision.kind !== 'send' || pauses.length === 0) return decision;
  const reason = scopedPauseReason(pauses, row.channel, appt?.provider ?? null);
  return reason === null ? decision : { kind: 'defer', until: now + SCOPED_PAUSE_RECHECK_MS, reason };
}

/** A row claimed for sending: marked `sending` with its lease token, its ledger attempt written. */
export interface Claimed {
  readonly row: OutboxRow;
  readonly appt: PlanningAppointment;
  readonly token: string;
}

/**
 * Rows claimed per fsynced commit. A crash leaves a claimed batch `unknown`; rows never handed to a
 * provider are found so and re-queued without using their retry. Paced transports (real providers,
 * 1 message/s) claim few at a time so final checks stay fresh; calls one at a time.
 */
function batchSize(transport: Transport | undefined): number {
  if (!transport || transport.channel === 'voice') return 1;
  return transport.minIntervalMs ? 5 : 500;
}

/**
 * The claim (docs/outbox-states.md#claim): one BEGIN IMMEDIATE transaction, fsynced — select due rows, run the
 * final checks (docs/safeguards.md) on each, mark the sendable ones `sending` with their ledger attempt.
 */
export function claimDueBatch(
  deps: Pick<DispatcherDeps, 'db' | 'control' | 'clock' | 'transports'>,
  settings: ClinicSettings,
  result: DispatchResult,
  exhausted: Record<Channel, boolean>,
  rates: Map<Channel, number>,
): Claimed[] | 'paused' {
  const { db, control, clock, transports } = deps;
  const now = clock.now();
  const ctx: CheckContext = {
    db,
    now,
    settings,
    configured: { email: !!transports.email, sms: !!transports.sms, voice: !!transports.voice },
    cache: new ClaimCache(now, rates),
  };
  // One random token per claim; the row id makes each row's token unique (lease fencing: docs/outbox-states.md#fenced-results).
  const batchToken = newToken();
  return withDurableCommit(db, () => {
    // Read inside the claim's write lock; the control file is another database, never locked by it.
    if (control.isPaused()) return 'paused';
    const scoped = control.scopedPauses();
    for (const channel of pausedChannels(scoped)) exhausted[channel] = true;
    const claimed: Claimed[] = [];
    const perChannel: Record<Channel, number> = { email: 0, sms: 0, voice: 0 };
    for (;;) {
      const rows = selectDueRows(db, now, 200, exhausted);
      if (rows.length === 0) return claimed;
      for (const row of rows) {
        const appt = getPlanningAppointment(db, row.appointment_id);
        const decision = applyScopedPauses(decideClaim(ctx, row, appt), scoped, row, appt, now);
        switch (decision.kind) {
          case 'send': {
            const token = `${batchToken}.${row.id}`;
            markSending(db, row.id, token, now);
            insertAttempt(db, {
              outboxId: row.id,
              appointmentId: row.appointment_id,
              ruleId: row.rule_id,
              channel: row.channel,
              recipient: row.recipient,
              at: now,
              // The same body callProvider builds from the same row and settings: what the provider bills.
              segments: row.channel === 'sms' ? smsSegments(buildMessage(settings, row, appt!).body).segments : null,
            });
            ctx.cache?.noteClaimed(row.channel);
            claimed.push({ row: { ...row, claimed_at: now }, appt: appt!, token });
            perChannel[row.channel] += 1;
            if (perChannel[row.channel] >= batchSize(transports[row.channel])) return claimed;
            break;
          }
          case 'end':
            endPendingRow(db, row.id, decision.state, decision.reason, now);
            if (decision.state === 'expired') result.expired += 1;
            else if (decision.state === 'suppressed') result.suppressed += 1;
            break;
          case 'defer':
            deferPendingRow(db, row.id, decision.until, decision.reason, now);
            result.deferred += 1;
            break;
          case 'rate_limited':
            exhausted[row.channel] = true;
            result.deferred += 1;
            break;
          default:
            return assertNever(decision);
        }
      }
      if (claimed.length > 0) return claimed;
    }
  });
}
