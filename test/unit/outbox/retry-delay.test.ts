import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../../electron/core/platform/clock';
import { retryDelayMs } from '../../../electron/core/outbox/record-result';

describe('retry backoff', () => {
  it('grows exponentially with jitter, is capped at about an hour, and is whole milliseconds', () => {
    for (let attempts = 0; attempts < 12; attempts += 1) {
      for (let i = 0; i < 50; i += 1) {
        const delay = retryDelayMs(attempts);
        expect(Number.isInteger(delay)).toBe(true); // not_before is INTEGER in a STRICT table
        const base = Math.min(2 ** attempts * MINUTE_MS, 60 * MINUTE_MS);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(base * 0.5));
        expect(delay).toBeLessThanOrEqual(Math.ceil(base * 1.5));
      }
    }
  });
});
