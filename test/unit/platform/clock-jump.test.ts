import { describe, expect, it } from 'vitest';
import { ClockJumpDetector } from '../../../electron/core/platform/clock-jump';
import { ManualClock } from '../../../electron/core/platform/clock';

const INTERVAL = 15_000;

function clocks() {
  const wall = new ManualClock(Date.UTC(2026, 10, 27, 17, 0));
  const mono = new ManualClock(1_000);
  const detector = new ClockJumpDetector({ wall, monotonic: mono, intervalMs: INTERVAL });
  /** Both clocks move together, as they do while the machine is awake. */
  const tick = (ms = INTERVAL) => (wall.advance(ms), mono.advance(ms));
  return { wall, mono, detector, tick };
}

describe('clock-jump detector', () => {
  it('sees nothing while both clocks move together, jitter included', () => {
    const { detector, tick, wall } = clocks();
    for (let i = 0; i < 20; i += 1) {
      tick();
      expect(detector.check()).toBeNull();
    }
    // A late timer and a small NTP correction are not jumps.
    tick(INTERVAL + 5_000);
    wall.advance(2_000);
    expect(detector.check()).toBeNull();
  });

  it('a sleep where the steady clock stopped (Linux): the wall clock ran ahead of it', () => {
    const { detector, wall, mono } = clocks();
    wall.advance(8 * 3_600_000);
    mono.advance(INTERVAL);
    expect(detector.check()).toEqual({ kind: 'wall-vs-monotonic', skewMs: 8 * 3_600_000 - INTERVAL });
    // Once seen, it is not reported again.
    wall.advance(INTERVAL);
    mono.advance(INTERVAL);
    expect(detector.check()).toBeNull();
  });

  it('a sleep where both clocks kept counting (or a frozen process): far more time passed than the interval', () => {
    const { detector, tick } = clocks();
    tick(3_600_000);
    expect(detector.check()).toEqual({ kind: 'gap', skewMs: 3_600_000 - INTERVAL });
  });

  it('the clock set back or forward by hand', () => {
    const { detector, wall, mono } = clocks();
    mono.advance(INTERVAL);
    wall.advance(INTERVAL - 3_600_000);
    expect(detector.check()).toMatchObject({ kind: 'wall-vs-monotonic', skewMs: -3_600_000 });
    mono.advance(INTERVAL);
    wall.advance(INTERVAL + 120_000);
    expect(detector.check()).toMatchObject({ kind: 'wall-vs-monotonic', skewMs: 120_000 });
  });
});
