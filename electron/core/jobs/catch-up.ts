import { type ClockJump, ClockJumpDetector, type MonotonicClock } from '../platform/clock-jump';
import type { Clock } from '../platform/clock';
import { drop, type Logger } from '../platform/logger';

/** Timers, injected so tests drive them by hand. */
export interface IntervalTimers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const realTimers: IntervalTimers = {
  setInterval: (fn, ms) => {
    const handle = setInterval(fn, ms);
    // The watch never keeps a process alive on its own.
    handle.unref();
    return handle;
  },
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

export type CatchUpDeps = Readonly<{
  wall: Clock;
  monotonic: MonotonicClock;
  /** One full dispatch cycle; it expires what is past its window before sending (nothing goes late). */
  runCycle: () => Promise<void>;
  logger: Logger;
  timers?: IntervalTimers;
  /** How often the clocks are compared; default 15 s. */
  intervalMs?: number;
  toleranceMs?: number;
}>;

export type CatchUpWatch = Readonly<{
  /** Runs the catch-up now (the OS said it resumed); the clock watch covers systems that never say so. */
  resumed(): void;
  /** Compares the clocks now (what each interval does); exposed for tests. */
  check(): ClockJump | null;
  stop(): void;
}>;

const describeJump = (jump: ClockJump): string =>
  jump.kind === 'gap'
    ? `${Math.round(jump.skewMs / 1000)} s passed unnoticed (sleep or a frozen process)`
    : `the wall clock moved ${Math.round(jump.skewMs / 1000)} s against the steady clock`;

/**
 * Runs a catch-up cycle on resume and whenever the wall clock jumps (docs/desktop-power.md#catch-up).
 * Timers drift or stop across sleep, so the cron jobs alone may wait a long time after a wake-up.
 */
export function watchForClockJumps(deps: CatchUpDeps): CatchUpWatch {
  const timers = deps.timers ?? realTimers;
  const intervalMs = deps.intervalMs ?? 15_000;
  const detector = new ClockJumpDetector({
    wall: deps.wall,
    monotonic: deps.monotonic,
    intervalMs,
    ...(deps.toleranceMs !== undefined ? { toleranceMs: deps.toleranceMs } : {}),
  });
  const catchUp = (why: string): void => {
    deps.logger.info(`catch-up cycle: ${why}`);
    drop(deps.runCycle(), deps.logger, 'the catch-up cycle');
  };
  const check = (): ClockJump | null => {
    const jump = detector.check();
    if (jump) catchUp(describeJump(jump));
    return jump;
  };
  const handle = timers.setInterval(() => void check(), intervalMs);
  return {
    resumed: () => catchUp('the system resumed'),
    check,
    stop: () => timers.clearInterval(handle),
  };
}
