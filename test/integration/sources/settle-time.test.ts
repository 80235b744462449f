import { afterEach, describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../../electron/core/platform/clock';
import { createTestEngine, importRows, local, outboxStates, phone, type TestEngine } from '../../helpers/engine';

let engine: TestEngine;
afterEach(() => engine?.cleanup());

/** Thursday 10:00; the appointment is Friday 09:00, so its SMS window (24 h → 2 h before) is open now. */
const CHANGE = local('2026-11-26 10:00');
const ROW = { id: 'S-1', name: 'Ana Diaz', phone: phone(1), startsAt: '2026-11-27 09:00' };

function smsRow(e: TestEngine): { state: string; not_before: number } {
  return e.db.prepare(`SELECT state, not_before FROM outbox WHERE channel = 'sms'`).get() as { state: string; not_before: number };
}

describe('settle time: a reminder planned from a schedule change waits 3 minutes', () => {
  it('plans the due SMS no earlier than the change + 3 minutes, and sends it only then', async () => {
    engine = createTestEngine({ now: CHANGE, settleMinutes: 3 });
    importRows(engine, [ROW]);
    engine.services.plan();
    expect(smsRow(engine)).toEqual({ state: 'pending', not_before: CHANGE + 3 * MINUTE_MS });
    engine.clock.set(CHANGE + 2 * MINUTE_MS);
    expect((await engine.services.dispatch()).sent).toBe(0);
    engine.clock.set(CHANGE + 3 * MINUTE_MS);
    expect((await engine.services.dispatch()).sent).toBe(1);
  });

  it('an appointment booked by mistake and deleted a minute later sends nothing', async () => {
    engine = createTestEngine({ now: CHANGE, settleMinutes: 3 });
    importRows(engine, [ROW]);
    engine.services.plan();
    expect((await engine.services.dispatch()).sent).toBe(0);
    engine.clock.set(CHANGE + MINUTE_MS);
    importRows(engine, [{ ...ROW, status: 'cancelled' }]);
    engine.clock.set(CHANGE + 60 * MINUTE_MS);
    await engine.services.dispatch();
    expect(engine.db.prepare(`SELECT COUNT(*) FROM simulated_messages`).pluck().get()).toBe(0);
    expect(outboxStates(engine.db)).toMatchObject({ cancelled: 2 });
  });

  it('a cancellation undone at once (cancelled → booked again → cancelled) sends nothing: revived reminders settle too', async () => {
    engine = createTestEngine({ now: CHANGE - 60 * MINUTE_MS, settleMinutes: 3 });
    importRows(engine, [ROW]);
    engine.services.plan();
    engine.clock.set(CHANGE);
    importRows(engine, [{ ...ROW, status: 'cancelled' }]);
    engine.clock.set(CHANGE + MINUTE_MS);
    // Booked again by mistake: the SMS comes back, but only after the settle time of this change.
    importRows(engine, [ROW]);
    engine.services.plan();
    expect(smsRow(engine)).toEqual({ state: 'pending', not_before: CHANGE + 4 * MINUTE_MS });
    expect((await engine.services.dispatch()).sent).toBe(0);
    engine.clock.set(CHANGE + 2 * MINUTE_MS);
    importRows(engine, [{ ...ROW, status: 'cancelled' }]);
    engine.clock.set(CHANGE + 30 * MINUTE_MS);
    await engine.services.dispatch();
    expect(engine.db.prepare(`SELECT COUNT(*) FROM simulated_messages`).pluck().get()).toBe(0);
    expect(smsRow(engine).state).toBe('cancelled');
  });

  it('a desk confirmation undone by re-booking cannot happen from a file: a booked row keeps the confirmation', async () => {
    engine = createTestEngine({ now: CHANGE, settleMinutes: 3 });
    importRows(engine, [ROW]);
    engine.services.plan();
    engine.services.confirm({ appointment: 'S-1', actor: 'test' });
    engine.clock.set(CHANGE + MINUTE_MS);
    importRows(engine, [ROW]);
    engine.services.plan();
    engine.clock.set(CHANGE + 30 * MINUTE_MS);
    await engine.services.dispatch();
    expect(engine.db.prepare(`SELECT COUNT(*) FROM simulated_messages WHERE channel = 'sms'`).pluck().get()).toBe(0);
  });

  it('counts from the change, not from planning: an old change does not delay its reminders; 0 turns it off', async () => {
    engine = createTestEngine({ now: CHANGE - 60 * MINUTE_MS, settleMinutes: 3 });
    importRows(engine, [ROW]);
    engine.clock.set(CHANGE);
    engine.services.plan();
    expect(smsRow(engine).not_before).toBe(CHANGE - 57 * MINUTE_MS);
    await engine.services.updateSettings({
      settings: { limits: { ...engine.services.getSettings().limits, settleMinutes: 0 } },
      actor: 'test',
      confirmUnsafe: ['limits.settleMinutes'],
    });
    importRows(engine, [{ ...ROW, id: 'S-2', phone: phone(2) }]);
    engine.services.plan();
    const s2 = engine.db.prepare(`SELECT not_before FROM outbox WHERE channel = 'sms' AND recipient = ?`).pluck().get('+12125550102');
    expect(s2).toBe(CHANGE);
  });
});
