import type { ClinicSettings, DispatchResult } from '../../../../shared/domain/dto';
import { getClinicSettings } from '../../clinic/clinic-settings';
import { listNotCancelled, type NotCancelledRow } from '../../db/repos/send-ahead-repo';
import { drop } from '../../platform/logger';
import { type CancelPass, cancelRequested } from './cancel';
import type { SendAheadDeps } from './deps';
import { pollScheduledStatuses } from './provider-status';
import { reconcileSendAhead } from './reconcile';
import { scheduleAtRisk } from './schedule';

/**
 * Send-ahead through Twilio Message Scheduling, and the cancelling that every stop path needs
 * (docs/send-ahead.md). The dispatcher calls `tidy` every cycle (paused or not) and `schedule` after sending;
 * stop paths outside a cycle (kill switch, confirm, cancel, a fixed number) call `kick`, which cancels right
 * after they return — from the durable "to cancel" list, so a crash in between loses nothing.
 */
export class SendAhead {
  private running: Promise<CancelPass> | null = null;
  private again = false;
  private closed = false;

  constructor(private readonly deps: SendAheadDeps) {}

  /** Every cycle: look up interrupted claims, cancel what is unwanted, follow texts past their SendAt. */
  async tidy(settings: ClinicSettings): Promise<void> {
    await reconcileSendAhead(this.deps, settings);
    await this.cancelNow();
    const scheduler = this.deps.transports.scheduledSms;
    if (scheduler) await pollScheduledStatuses(this.deps.db, scheduler, () => this.deps.clock.now());
  }

  /** After the cycle's sends, unless paused: hand the at-risk texts to Twilio in the last hour before the desk goes off. */
  schedule(settings: ClinicSettings, result: DispatchResult): Promise<void> {
    return scheduleAtRisk(this.deps, settings, result);
  }

  /** Whether texts can be scheduled at the provider at all (Twilio with a Messaging Service). */
  get canSchedule(): boolean {
    return this.deps.transports.scheduledSms !== undefined && this.deps.coverage !== undefined;
  }

  /**
   * The quit warning's "send ahead" (docs/desktop-power.md#quit-warning): the desk goes off now, so every text at
   * risk until its next period is handed to Twilio now. Returns how many were scheduled.
   */
  async scheduleBeforeQuit(): Promise<number> {
    const result: DispatchResult = { sent: 0, deferred: 0, expired: 0, suppressed: 0, failed: 0, unknown: 0, paused: false, reason: null };
    await scheduleAtRisk(this.deps, getClinicSettings(this.deps.db), result, { quitting: true });
    return result.scheduled ?? 0;
  }

  /** One canceller pass at a time; a request during a pass runs one more pass after it. */
  async cancelNow(): Promise<CancelPass> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let pass: CancelPass;
      do {
        this.again = false;
        pass = await cancelRequested(this.deps);
      } while (this.again && !this.closed);
      if (pass.notCancelled > 0) {
        this.deps.events.emit({
          type: 'attention',
          kind: 'send_ahead_not_cancelled',
          message: `${pass.notCancelled} text(s) scheduled at Twilio could not be cancelled: check them in Twilio's console`,
        });
      }
      if (pass.cancelled + pass.alreadySent + pass.notCancelled > 0)
        this.deps.events.emit({ type: 'changed', topics: ['outbox', 'status'] });
      return pass;
    })();
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  /** Right after a stop path returns (never inside it: the kill switch must answer at once). */
  kick(): void {
    setImmediate(() => {
      if (!this.closed) drop(this.cancelNow(), this.deps.logger, 'cancelling texts scheduled at Twilio');
    });
  }

  /** Scheduled texts a stop path wanted cancelled but Twilio has not confirmed: listed loudly. */
  notCancelled(): NotCancelledRow[] {
    return listNotCancelled(this.deps.db);
  }

  close(): void {
    this.closed = true;
  }
}
