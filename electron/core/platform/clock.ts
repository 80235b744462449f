/** The only source of "now" in core: every service takes a Clock, so tests and `--now` can freeze time. */
export interface Clock {
  /** Milliseconds since the Unix epoch (UTC). */
  now(): number;
}

/** Real wall-clock time. The only place core reads Date.now. */
export const systemClock: Clock = { now: () => Date.now() };

/** A clock frozen at one instant (the CLI's `--now`). */
export function fixedClock(at: number): Clock {
  return { now: () => at };
}

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  set(at: number): void {
    this.current = at;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
