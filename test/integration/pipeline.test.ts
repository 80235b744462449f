import { afterEach, describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../electron/core/platform/clock';
import { createTestEngine, e164, importRows, local, outboxStates, phone, type TestEngine } from '../helpers/engine';

let engine: TestEngine;
afterEach(() => engine?.cleanup());

describe('reminder pipeline (simulate transport)', () => {
  it('plans email 48 h, SMS 24 h and a call 2 h before, and sends each in its window', async () => {
    engine = createTestEngine({ now: local('2026-11-26 07:00') });
    importRows(engine, [{ id: 'A1', name: 'Maria Lopez', phone: phone(1), email: 'maria@example.com', startsAt: '2026-11-28 10:00' }]);
    expect(engine.services.plan()).toMatchObject({ enqueued: 3, cancelled: 0 });

    // 07:00 two days before: nothing is due yet.
    expect(await engine.services.dispatch()).toMatchObject({ sent: 0 });
    engine.clock.set(local('2026-11-26 10:00'));
    expect(await engine.services.dispatch()).toMatchObject({ sent: 1 });
    engine.clock.set(local('2026-11-27 10:00'));
    expect(await engine.services.dispatch()).toMatchObject({ sent: 1 });
    engine.clock.set(local('2026-11-28 08:00'));
    expect(await engine.services.dispatch()).toMatchObject({ sent: 1 });
    engine.clock.advance(HOUR_MS);
    expect(await engine.services.dispatch()).toMatchObject({ sent: 0 });

    const ledger = engine.services.contacts({});
    expect(ledger.map((c) => [c.channel, c.to, c.outcome])).toEqual([
      ['email', 'maria@example.com', 'simulated'],
      ['sms', e164(1), 'simulated'],
      ['voice', e164(1), 'simulated'],
    ]);
    expect(ledger[0]!.at).toBe('2026-11-26T10:00:00-05:00');
    expect(outboxStates(engine.db)).toEqual({ sent: 3 });
  });

  it('plan is idempotent: a thousand runs give the same outbox', () => {
    engine = createTestEngine();
    importRows(engine, [
      { id: 'A1', name: 'Maria Lopez', phone: phone(1), startsAt: '2026-11-28 10:00' },
      { id: 'A2', name: 'James Carter', phone: phone(2), startsAt: '2026-11-28 11:00' },
    ]);
    const first = engine.services.plan();
    expect(first.enqueued).toBe(6);
    for (let i = 0; i < 1000; i += 1) expect(engine.services.plan().enqueued).toBe(0);
    expect(engine.services.plan()).toEqual({ enqueued: 0, existing: 6, cancelled: 0 });
    expect(engine.db.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 6 });
  });

  it('today shows the appointment with its reminder timeline in clinic time', async () => {
    engine = createTestEngine({ now: local('2026-11-28 07:30') });
    importRows(engine, [{ id: 'A1', name: 'Maria Lopez', phone: phone(1), startsAt: '2026-11-28 10:00' }]);
    engine.services.plan();
    engine.clock.set(local('2026-11-28 08:00'));
    await engine.services.dispatch();
    const [appt] = engine.services.today({ date: '2026-11-28' });
    expect(appt).toMatchObject({ appointment: 'A1', patient: 'Maria Lopez', startsAt: '2026-11-28T10:00:00-05:00', status: 'booked' });
    expect(appt!.contacts.map((c) => [c.channel, c.state])).toEqual([
      // At 07:30 the SMS window (until 08:00) was open, but quiet hours held it; at 08:00 it had closed.
      ['sms', 'expired'],
      ['voice', 'sent'],
    ]);
  });
});
