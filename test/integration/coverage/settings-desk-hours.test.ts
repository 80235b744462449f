import { afterEach, describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../../electron/core/platform/clock';
import { createTestEngine, importRows, local, phone, type TestEngine } from '../../helpers/engine';

let engine: TestEngine;
afterEach(() => engine?.cleanup());

describe('desk hours and email early in the clinic settings', () => {
  it('stores desk hours in canonical form, refuses what it cannot read, and clears them with null', async () => {
    engine = createTestEngine({ now: local('2026-12-04 15:00') });
    const { services } = engine;
    expect(services.getSettings()).toMatchObject({ deskHours: null, emailEarlyHours: 24 });
    const saved = await services.updateSettings({ settings: { deskHours: 'monday-friday 7:30 - 18:00' }, actor: 'test' });
    expect(saved.deskHours).toBe('Mon-Fri 07:30-18:00');
    expect(services.coverage({}).deskHoursSource).toBe('configured');
    await expect(services.updateSettings({ settings: { deskHours: 'weekdays' }, actor: 'test' })).rejects.toThrow(
      /desk hours entry "weekdays" is not "DAYS HH:mm-HH:mm"/,
    );
    await expect(services.updateSettings({ settings: { emailEarlyHours: 25 }, actor: 'test' })).rejects.toThrow(/emailEarlyHours/);
    expect(services.getSettings().deskHours).toBe('Mon-Fri 07:30-18:00');
    await services.updateSettings({ settings: { deskHours: null, emailEarlyHours: 0 }, actor: 'test' });
    expect(services.getSettings()).toMatchObject({ deskHours: null, emailEarlyHours: 0 });
    expect(services.coverage({})).toMatchObject({ deskHoursSource: 'assumed', deskHours: 'Mon-Fri 08:00-18:00' });
  });

  it('a Friday of early emails held back by the rate limit does not trip the backlog breaker', async () => {
    engine = createTestEngine({ now: local('2026-12-04 15:00') });
    const { services } = engine;
    await services.updateSettings({ settings: { deskHours: 'Mon-Fri 07:30-18:00', limits: { emailsPerMinute: 10 } }, actor: 'test' });
    const rows = Array.from({ length: 40 }, (_, i) => ({
      id: `M-${i}`,
      name: `Patient ${i}`,
      phone: phone(i + 1),
      email: `p${i}@example.com`,
      startsAt: '2026-12-07 10:00',
    }));
    importRows(engine, rows);
    services.plan();
    expect((await services.dispatch()).sent).toBe(10);
    engine.clock.set(local('2026-12-04 15:00') + MINUTE_MS);
    const next = await services.dispatch();
    expect(next.paused).toBe(false);
    expect(next.sent).toBe(10);
    expect(services.status().paused).toBe(false);
  });
});
