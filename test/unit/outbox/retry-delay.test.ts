import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../../electron/core/platform/clock';
import { randomUnit } from '../../../electron/core/platform/ids';
import { retryDelayMs } from '../../../electron/core/outbox/record-result';

describe('retry backoff', () => {
  it.each([
    // attempts, random → delay: 2^attempts minutes, capped at an hour, times (0.5 + random)
    [0, 0.5, 1 * MINUTE_MS],
    [1, 0.5, 2 * MINUTE_MS],
    [3, 0.5, 8 * MINUTE_MS],
    [3, 0, 4 * MINUTE_MS],
    [3, 0.75, 10 * MINUTE_MS],
    [5, 0.5, 32 * MINUTE_MS],
    [6, 0.5, 60 * MINUTE_MS],
    [11, 0.5, 60 * MINUTE_MS],
    [11, 0, 30 * MINUTE_MS],
    [0, 0.123_456_7, Math.round(MINUTE_MS * 0.623_456_7)],
  ])('attempts %i with random %d waits %i ms', (attempts, random, expected) => {
    const delay = retryDelayMs(attempts, () => random);
    expect(delay).toBe(expected);
    expect(Number.isInteger(delay)).toBe(true); // not_before is INTEGER in a STRICT table
  });

  it('stays within [0.5, 1.5) of the base with the real random source', () => {
    for (let attempts = 0; attempts < 12; attempts += 1) {
      for (let i = 0; i < 50; i += 1) {
        const delay = retryDelayMs(attempts, randomUnit);
        const base = Math.min(2 ** attempts * MINUTE_MS, 60 * MINUTE_MS);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(base * 0.5));
        expect(delay).toBeLessThanOrEqual(Math.ceil(base * 1.5));
      }
    }
  });
});
