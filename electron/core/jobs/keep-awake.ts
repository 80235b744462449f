import { earliestPendingDue } from '../db/repos/wake-repo';
import type { ReadableDB } from '../db/types';
import { HOUR_MS, type Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';

/** How far ahead a due reminder keeps the machine awake. */
export const KEEP_AWAKE_HORIZON_MS = HOUR_MS;

/** Whether the machine must stay awake: a reminder may go within the next hour and sending is not paused. */
export function shouldKeepAwake(input: Readonly<{ nextDueMs: number | null; nowMs: number; paused: boolean }>): boolean {
  if (input.paused || input.nextDueMs === null) return false;
  return input.nextDueMs <= input.nowMs + KEEP_AWAKE_HORIZON_MS;
}

/** Electron's powerSaveBlocker, as far as we use it (the app passes the real one; tests a fake). */
export interface PowerBlocker {
  start(type: 'prevent-app-suspension'): number;
  stop(id: number): void;
  isStarted(id: number): boolean;
}

/** Holds at most one 'prevent-app-suspension' blocker, started and stopped as the decision changes. */
export class KeepAwake {
  private id: number | null = null;
  constructor(
    private readonly blocker: PowerBlocker,
    private readonly logger: Logger,
  ) {}

  get active(): boolean {
    return this.id !== null && this.blocker.isStarted(this.id);
  }

  set(awake: boolean): void {
    if (awake && !this.active) {
      this.id = this.blocker.start('prevent-app-suspension');
      this.logger.info('keeping the computer awake: a reminder is due within the hour');
    } else if (!awake && this.id !== null) {
      if (this.blocker.isStarted(this.id)) this.blocker.stop(this.id);
      this.id = null;
      this.logger.info('the computer may sleep again: no reminder is due within the hour');
    }
  }
}

/** Reads the schedule and applies the decision; call it every minute and after engine changes. */
export function refreshKeepAwake(deps: Readonly<{ db: ReadableDB; clock: Clock; isPaused: () => boolean; keepAwake: KeepAwake }>): boolean {
  const nowMs = deps.clock.now();
  const awake = shouldKeepAwake({ nextDueMs: earliestPendingDue(deps.db, nowMs), nowMs, paused: deps.isPaused() });
  deps.keepAwake.set(awake);
  return awake;
}
