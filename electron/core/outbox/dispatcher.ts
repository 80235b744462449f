import type { ClinicSettings, DispatchResult } from '../../../shared/domain/dto';
import type { Channel } from '../../../shared/domain/types';
import type { SendResult, Transport } from '../channels/channel';
import { isBusyError, SCHEDULE_BUSY_REASON, writeWhenFree } from '../db/busy';
import { withDurableCommit } from '../db/connection';
import { getClinicSettings } from '../clinic/clinic-settings';
import { deleteLatestAttempt } from '../db/repos/contacts-repo';
import { deskCalendarFor } from '../coverage/calendar-for';
import { moveAtRiskEmailsEarly } from '../coverage/email-early';
import { recordHeartbeat } from '../db/repos/heartbeats-repo';
import {
  expireStaleRows,
  finishSending,
  markHandedToProvider,
  markOrphanedSendingUnknown,
  unmarkHandedToProvider,
} from '../db/repos/outbox-repo';
import type { EngineEvent } from '../platform/engine-events';
import { breakerReason } from './breaker';
import { claimDueBatch, type Claimed } from './claim';
import type { DispatcherDeps } from './deps';
import { buildMessage } from './message';
import { applySendResult, type RecordedResult } from './record-result';
import { reconcileUnknownRows } from './reconcile';
import { describeLeaseHolder, SenderLease } from './sender-lease';
import { scopedPauseReason } from '../control/scoped-pause';

/**
 * Unpaced transports (simulate) hand rows off in groups: one commit per group instead of per message.
 * A crash inside a group leaves at most this many handed-but-unsent rows, each of which then uses one of
 * its attempts; paced (real) transports and calls always use groups of one.
 */
const HANDOFF_GROUP = 10;

/** The lease is renewed at most this often while sending (it lasts 60 s). */
const LEASE_RENEW_MS = 10_000;

/**
 * A claim's final checks (window, quiet hours, budgets, consent) hold for the instant they ran. A
 * claimed row still unsent this long after (its hand-off waited for an import's lock, or the provider
 * was slow) goes back to the queue and is checked again, rather than sent on old checks (never late).
 */
const CLAIM_FRESH_MS = 60_000;

type SendOutcome = 'sent' | 'stopped' | 'requeued';

const PAUSED_REASON = 'paused before sending';
const STOPPING_REASON = 'the engine stopped before sending';
const STALE_REASON = 'claimed over a minute ago (a wait for the schedule or the provider); checked again before sending';
const REQUEUED_CYCLE_REASON = 'reminders claimed over a minute ago went back to the queue, to be checked again next cycle';

export function emptyDispatchResult(): DispatchResult {
  return { sent: 0, deferred: 0, expired: 0, suppressed: 0, failed: 0, unknown: 0, paused: false, reason: null };
}

/**
 * The dispatcher (docs/outbox-states.md): lease, claim with final checks, `sending` committed durably
 * before the provider call, result fenced by lease token, `unknown` reconciled before any retry.
 */
export class Dispatcher {
  readonly lease: SenderLease;
  private readonly lastSendAt = new Map<Channel, number>();
  private cycleRunning = false;
  private leaseRenewedAt = Number.NEGATIVE_INFINITY;
  private stopping = false;

  constructor(private readonly deps: DispatcherDeps) {
    this.lease = new SenderLease(deps.control);
  }

  /**
   * While stopping (the engine shuts down), no new claim is made and claimed rows not yet handed to the
   * provider go back to pending, as on pause; the provider call in flight finishes and is recorded.
   */
  setStopping(stopping: boolean): void {
    this.stopping = stopping;
  }

  /** Expiry, reconciliation and sending; one at a time per process (overlap returns at once). */
  async run(): Promise<DispatchResult> {
    const result = emptyDispatchResult();
    if (this.cycleRunning) return { ...result, reason: 'a dispatch cycle is already running' };
    this.cycleRunning = true;
    try {
      return await this.runExclusive(result);
    } finally {
      this.cycleRunning = false;
    }
  }

  private async runExclusive(result: DispatchResult): Promise<DispatchResult> {
    const { db, clock } = this.deps;
    if (!this.lease.acquire(clock.now())) {
      const holder = this.lease.blockedBy;
      return { ...result, reason: holder ? describeLeaseHolder(holder) : 'another Frontdesk process holds the sender lease' };
    }
    this.leaseRenewedAt = clock.now();
    // We hold the lease and no cycle of ours is running, so any `sending` row is an orphan (docs/outbox-states.md#crash-rules).
    const orphans = markOrphanedSendingUnknown(db, clock.now());
    if (orphans > 0) this.deps.logger.warn(`${orphans} reminder(s) were interrupted while sending; reconciling`);
    // A dispatch cycle ran: the desk's hours are learned from these, and their absence raises "the sender is down".
    recordHeartbeat(db, clock.now());
    result.expired += expireStaleRows(db, clock.now());
    const settings = getClinicSettings(db);
    await reconcileUnknownRows(this.deps, settings, result);
    await this.deps.sendAhead?.tidy(settings);
    const control = this.deps.control.pauseState();
    if (control.paused) return { ...result, paused: true, reason: control.reason };
    if (!control.breakerReviewedUntil || control.breakerReviewedUntil <= clock.now()) {
      const trip = breakerReason(db, clock.now(), settings);
      if (trip) return this.tripBreaker(result, trip);
    }
    this.moveEmailsEarly(settings);
    await this.sendDue(settings, result);
    if (!this.deps.control.isPaused()) await this.deps.sendAhead?.schedule(settings, result);
    return result;
  }

  /** Emails whose whole window falls while the desk is off become due now, if early sending is on (docs/coverage.md#email-early). */
  private moveEmailsEarly(settings: ClinicSettings): void {
    const { db, clock } = this.deps;
    const now = clock.now();
    try {
      const moved = db.transaction(() => moveAtRiskEmailsEarly(db, now, settings, () => deskCalendarFor(db, settings, now))).immediate();
      if (moved > 0) this.deps.logger.info(`${moved} email(s) at risk of going unsent while the desk is off are sent early`);
    } catch (error) {
      // An import holds the schedule: they can go early next cycle.
      if (!isBusyError(error)) throw error;
    }
  }

  private tripBreaker(result: DispatchResult, reason: string): DispatchResult {
    const { control, clock, events } = this.deps;
    control.pause({ kind: 'breaker', reason, actor: 'breaker', now: clock.now(), audit: { kind: 'breaker_tripped', detail: { reason } } });
    events.emit({ type: 'paused', kind: 'breaker', reason });
    events.emit({ type: 'attention', kind: 'breaker', message: `Sending paused itself: ${reason}` });
    return { ...result, paused: true, reason };
  }

  private async sendDue(settings: ClinicSettings, result: DispatchResult): Promise<void> {
    const exhausted: Record<Channel, boolean> = { email: false, sms: false, voice: false };
    const rates = new Map<Channel, number>();
    for (;;) {
      if (this.stopping) return;
      const claimed = this.claimUnlessBusy(settings, result, exhausted, rates);
      if (claimed === 'busy') return;
      if (claimed === 'paused') return this.notePaused(result);
      if (claimed.length === 0) return;
      const outcome = await this.sendClaimed(settings, claimed, result);
      this.deps.events.emit({ type: 'changed', topics: ['outbox', 'contacts'] });
      if (outcome === 'stopped') return this.notePaused(result);
      if (outcome === 'requeued') {
        result.reason = REQUEUED_CYCLE_REASON;
        return;
      }
    }
  }

  /** A claim needs the schedule's write lock; while an import holds it, this cycle ends with what it did. */
  private claimUnlessBusy(
    settings: ClinicSettings,
    result: DispatchResult,
    exhausted: Record<Channel, boolean>,
    rates: Map<Channel, number>,
  ): Claimed[] | 'paused' | 'busy' {
    try {
      return claimDueBatch(this.deps, settings, result, exhausted, rates);
    } catch (error) {
      if (!isBusyError(error)) throw error;
      result.reason = SCHEDULE_BUSY_REASON;
      return 'busy';
    }
  }

  private notePaused(result: DispatchResult): void {
    result.paused = true;
    result.reason = this.deps.control.pauseState().reason;
  }

  /**
   * Sends a claimed batch. Before each group of provider calls one commit records the previous
   * group's results and this group's hand-off marks; paced transports (real providers) and calls use
   * groups of one. The kill switch is read again right before every single call (docs/safeguards.md#kill-switch): rows
   * of a group not yet sent when it flips go back to pending, as do claims grown stale while waiting.
   */
  private async sendClaimed(settings: ClinicSettings, claimed: readonly Claimed[], result: DispatchResult): Promise<SendOutcome> {
    const { control, clock } = this.deps;
    let done: { item: Claimed; res: SendResult }[] = [];
    for (let start = 0; start < claimed.length; ) {
      const first = claimed[start]!;
      const transport = this.deps.transports[first.row.channel]!;
      const size = !transport.minIntervalMs && transport.reconcileIsExact && first.row.channel !== 'voice' ? HANDOFF_GROUP : 1;
      // A group is a run of consecutive rows of one channel (one transport).
      let end = start + 1;
      while (end < claimed.length && end - start < size && claimed[end]!.row.channel === first.row.channel) end += 1;
      const group = claimed.slice(start, end);
      const handOff = await this.handOff(done, group, result);
      done = [];
      this.emitAll(handOff.notices);
      if (!handOff.go) {
        await this.releaseUnsent(claimed.slice(start), false, this.stopping ? STOPPING_REASON : PAUSED_REASON);
        return 'stopped';
      }
      for (let i = 0; i < group.length; i += 1) {
        const item = group[i]!;
        await this.pace(transport);
        const paused = control.isPaused() || this.stopping;
        // Scoped pauses too (one provider or channel): the last look before the provider request.
        const scoped = paused ? null : scopedPauseReason(control.scopedPauses(), item.row.channel, item.appt.provider);
        if (paused || scoped !== null || clock.now() - (item.row.claimed_at ?? clock.now()) > CLAIM_FRESH_MS) {
          const recorded = await this.recordAll(done, result);
          await this.releaseUnsent(
            [...group.slice(i), ...claimed.slice(start + group.length)],
            true,
            paused ? (this.stopping ? STOPPING_REASON : PAUSED_REASON) : scoped !== null ? `${PAUSED_REASON} (${scoped})` : STALE_REASON,
          );
          this.emitAll(recorded.notices);
          return paused ? 'stopped' : 'requeued';
        }
        done.push({ item, res: await this.callProvider(transport, settings, item) });
        this.renewLease();
      }
      start += group.length;
    }
    const recorded = await this.recordAll(done, result);
    this.emitAll(recorded.notices);
    return recorded.stop ? 'stopped' : 'sent';
  }

  /**
   * Commits a write that follows provider calls. An import in any process may hold the schedule's
   * write lock for a long time: wait for it in short tries (the event loop stays free, the lease is
   * renewed meanwhile) rather than fail, which would turn answered sends into `unknown` ones.
   */
  private afterSending<T>(write: () => T): Promise<T> {
    return writeWhenFree(this.deps.db, write, { onWait: () => this.renewLease() });
  }

  /** One commit: the previous results, then (unless they stop us or we are paused) the group's hand-off marks. */
  private handOff(done: readonly { item: Claimed; res: SendResult }[], group: readonly Claimed[], result: DispatchResult) {
    const { db, clock, control } = this.deps;
    const step = (): { go: boolean; notices: EngineEvent[] } => {
      const recorded = this.applyAll(done, result);
      if (recorded.stop || control.isPaused() || this.stopping) return { go: false, notices: recorded.notices };
      for (const item of group) markHandedToProvider(db, item.row.id, item.token, clock.now());
      return { go: true, notices: recorded.notices };
    };
    // Calls: the hand-off is fsynced, so even after a power cut a placed call is never placed again.
    return this.afterSending(() =>
      group.some((g) => g.row.channel === 'voice') ? withDurableCommit(db, step) : db.transaction(step).immediate(),
    );
  }

  private async callProvider(transport: Transport, settings: ClinicSettings, item: Claimed): Promise<SendResult> {
    const message = buildMessage(settings, item.row, item.appt);
    let res: SendResult;
    try {
      res = await transport.send(message);
    } catch (error) {
      // A transport that throws has not told us whether the provider got it: unknown, never resent blindly.
      res = { kind: 'unknown', error: error instanceof Error ? error.message : String(error) };
    }
    this.lastSendAt.set(item.row.channel, this.deps.clock.now());
    return res;
  }

  private applyAll(done: readonly { item: Claimed; res: SendResult }[], result: DispatchResult): { stop: boolean; notices: EngineEvent[] } {
    const notices: EngineEvent[] = [];
    let stop = false;
    for (const d of done) {
      const recorded = this.applyResult(d, result);
      notices.push(...recorded.notices);
      stop ||= recorded.stop;
    }
    return { stop, notices };
  }

  private async recordAll(
    done: readonly { item: Claimed; res: SendResult }[],
    result: DispatchResult,
  ): Promise<{ stop: boolean; notices: EngineEvent[] }> {
    if (done.length === 0) return { stop: false, notices: [] };
    return this.afterSending(() => this.deps.db.transaction(() => this.applyAll(done, result)).immediate());
  }

  private applyResult(done: { item: Claimed; res: SendResult }, result: DispatchResult): RecordedResult {
    const row = { ...done.item.row, attempts: done.item.row.attempts + 1 };
    return applySendResult(this.deps, row, done.item.token, done.res, result);
  }

  private emitAll(notices: readonly EngineEvent[]): void {
    for (const notice of notices) this.deps.events.emit(notice);
  }

  private renewLease(): void {
    const now = this.deps.clock.now();
    if (now - this.leaseRenewedAt < LEASE_RENEW_MS) return;
    this.lease.acquire(now);
    this.leaseRenewedAt = now;
  }

  /**
   * Rows claimed but never sent go back to pending, their ledger rows removed. Rows of the current
   * group were already marked as handed off, so their mark and attempt count are taken back too.
   */
  private releaseUnsent(items: readonly Claimed[], someHanded: boolean, reason: string): Promise<void> {
    const { db, clock } = this.deps;
    return this.afterSending(() =>
      db
        .transaction(() => {
          for (const item of items) {
            if (someHanded) unmarkHandedToProvider(db, item.row.id, item.token);
            finishSending(db, item.row.id, item.token, { state: 'pending', reason, providerId: null, lastError: null }, clock.now());
            deleteLatestAttempt(db, item.row.id);
          }
        })
        .immediate(),
    );
  }

  private async pace(transport: Transport): Promise<void> {
    if (!transport.minIntervalMs || !this.deps.sleep) return;
    const last = this.lastSendAt.get(transport.channel);
    if (last === undefined) return;
    const wait = last + transport.minIntervalMs - this.deps.clock.now();
    if (wait > 0) await this.deps.sleep(wait);
  }
}
