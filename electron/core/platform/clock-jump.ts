import type { Clock } from './clock';

/** A clock that only moves forward at a steady rate (performance.now); it does not follow wall-clock changes. */
export interface MonotonicClock {
  now(): number;
}

/** performance.now(): on Linux it stops while the machine sleeps, on Windows and macOS it may not — the detector copes with both. */
export const systemMonotonic: MonotonicClock = { now: () => performance.now() };

export type ClockJump = Readonly<{
  /** 'gap': far more wall time passed than the check interval (sleep, a frozen process, the clock set forward). */
  kind: 'gap' | 'wall-vs-monotonic';
  /** How far the wall clock moved beyond what was expected, in ms (negative: set back). */
  skewMs: number;
}>;

export type ClockJumpOptions = Readonly<{
  wall: Clock;
  monotonic: MonotonicClock;
  /** How often check() is called (the expected wall time between two checks). */
  intervalMs: number;
  /** Differences below this are timer jitter, not a jump. Default 30 s. */
  toleranceMs?: number;
}>;

/**
 * Notices that the wall clock jumped, without relying on the OS telling us (docs/desktop-power.md#catch-up).
 * Two signs, checked every interval: the wall clock moved unlike the monotonic clock (clock set, or a
 * sleep on platforms where the monotonic clock stops), or far more wall time passed than the interval
 * (a sleep where both clocks kept counting, or the process was frozen).
 */
export class ClockJumpDetector {
  private lastWall: number;
  private lastMono: number;
  private readonly toleranceMs: number;

  constructor(private readonly opts: ClockJumpOptions) {
    this.lastWall = opts.wall.now();
    this.lastMono = opts.monotonic.now();
    this.toleranceMs = opts.toleranceMs ?? 30_000;
  }

  /** Compares both clocks with the previous check; returns the jump seen since then, or null. */
  check(): ClockJump | null {
    const wall = this.opts.wall.now();
    const mono = this.opts.monotonic.now();
    const wallElapsed = wall - this.lastWall;
    const monoElapsed = mono - this.lastMono;
    this.lastWall = wall;
    this.lastMono = mono;
    const skew = wallElapsed - monoElapsed;
    if (Math.abs(skew) > this.toleranceMs) return { kind: 'wall-vs-monotonic', skewMs: skew };
    const late = wallElapsed - this.opts.intervalMs;
    if (late > this.toleranceMs) return { kind: 'gap', skewMs: late };
    return null;
  }
}
