import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../electron/core/rules/defaults';
import { nextSendableInstant, startOfLocalDay } from '../../../electron/core/rules/quiet-hours';
import { idempotencyKey, startFromKey, stepWindows } from '../../../electron/core/rules/windows';
import { HOUR_MS, MINUTE_MS } from '../../../electron/core/platform/clock';
import { local } from '../../helpers/engine';

describe('send windows', () => {
  const start = local('2026-11-28 10:00');

  it('each step runs until the next step; the call until 30 minutes before', () => {
    const windows = stepWindows(start, DEFAULT_RULES, 30);
    expect(windows.map((w) => [w.rule.channel, (start - w.opensAt) / HOUR_MS, (start - w.closesAt) / MINUTE_MS])).toEqual([
      ['email', 48, 24 * 60],
      ['sms', 24, 2 * 60],
      ['voice', 2, 30],
    ]);
  });

  it('windows never overlap, so at most one step is open at any instant', () => {
    const windows = stepWindows(start, DEFAULT_RULES, 30);
    for (let t = start - 60 * HOUR_MS; t < start; t += 7 * MINUTE_MS) {
      expect(windows.filter((w) => w.opensAt <= t && t < w.closesAt).length).toBeLessThanOrEqual(1);
    }
  });

  it('a disabled rule widens the previous step to the next enabled one', () => {
    const rules = DEFAULT_RULES.map((r) => (r.channel === 'sms' ? { ...r, enabled: false } : r));
    const windows = stepWindows(start, rules, 30);
    expect(windows.map((w) => w.rule.channel)).toEqual(['email', 'voice']);
    expect(windows[0]!.closesAt).toBe(start - 2 * HOUR_MS);
  });

  it('the key changes with the start (a reschedule) and encodes it', () => {
    expect(idempotencyKey(7, 'sms-24h', start)).not.toBe(idempotencyKey(7, 'sms-24h', start + HOUR_MS));
    expect(startFromKey(idempotencyKey(7, 'sms-24h', start))).toBe(start);
  });
});

describe('quiet hours', () => {
  const zone = 'America/New_York';
  it('inside the window an instant stays as it is', () => {
    expect(nextSendableInstant(local('2026-11-27 12:00'), zone, '08:00', '21:00')).toBe(local('2026-11-27 12:00'));
  });
  it('before 08:00 waits for 08:00 the same day; from 21:00 for 08:00 the next day', () => {
    expect(nextSendableInstant(local('2026-11-27 06:59'), zone, '08:00', '21:00')).toBe(local('2026-11-27 08:00'));
    expect(nextSendableInstant(local('2026-11-27 21:00'), zone, '08:00', '21:00')).toBe(local('2026-11-28 08:00'));
  });
  it('is DST-correct across both changes', () => {
    expect(nextSendableInstant(local('2027-03-13 22:00'), zone, '08:00', '21:00')).toBe(local('2027-03-14 08:00'));
    expect(local('2027-03-14 08:00') - local('2027-03-13 22:00')).toBe(9 * HOUR_MS); // one hour lost overnight
    expect(nextSendableInstant(local('2026-10-31 22:00'), zone, '08:00', '21:00')).toBe(local('2026-11-01 08:00'));
    expect(local('2026-11-01 08:00') - local('2026-10-31 22:00')).toBe(11 * HOUR_MS); // one hour gained
  });
  it('uses the recipient zone', () => {
    // 07:00 in New York is already 13:00 in Berlin: sendable there.
    expect(nextSendableInstant(local('2026-11-27 07:00'), 'Europe/Berlin', '08:00', '21:00')).toBe(local('2026-11-27 07:00'));
    expect(startOfLocalDay(local('2026-11-27 20:00'), 'Europe/Berlin')).toBe(local('2026-11-27 18:00'));
  });
});
