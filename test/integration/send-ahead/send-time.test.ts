import { afterEach, describe, expect, it } from 'vitest';
import { importRows, local, phone } from '../../helpers/engine';
import { creates, outboxRow, param, type TwilioWorld } from '../../helpers/twilio-engine';
import { sendAheadWorld } from './support';

/**
 * SendAt is the first instant the final checks allow (docs/send-ahead.md#send-time): quiet hours in the
 * recipient's zone, the per-number budgets counted from the ledger (scheduled texts included), 15 minutes ahead
 * at the least. What cannot be scheduled stays pending, at risk, with its reason.
 */

let world: TwilioWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('send-ahead: when the scheduled text goes', () => {
  it('waits out quiet hours: a Monday 07:00 appointment is texted on Sunday at 08:00, not at 07:00', async () => {
    const made = await sendAheadWorld();
    world = made.world;
    importRows(made.engine, [{ id: 'E1', name: 'P', phone: phone(1), startsAt: '2026-12-07 07:00' }]);
    expect((await made.engine.services.dispatch()).scheduled).toBe(1);
    const [create] = creates(await world.fake.requests(), 'Messages');
    expect(Date.parse(param(create?.form.SendAt) ?? '')).toBe(local('2026-12-06 08:00'));
  });

  it('keeps the daily budget: a second text to the same number that day cannot be scheduled and stays at risk', async () => {
    const made = await sendAheadWorld();
    world = made.world;
    // One family phone, two Monday-morning appointments: both texts would fall on Sunday.
    importRows(made.engine, [
      { id: 'F1', name: 'Parent', phone: phone(5), startsAt: '2026-12-07 09:00' },
      { id: 'F2', name: 'Child', phone: phone(5), startsAt: '2026-12-07 09:30' },
    ]);
    expect((await made.engine.services.dispatch()).scheduled).toBe(1);
    expect(creates(await world.fake.requests(), 'Messages')).toHaveLength(1);
    expect(outboxRow(made.engine.db, 'F1', 'sms').state).toBe('scheduled');
    expect(outboxRow(made.engine.db, 'F2', 'sms')).toMatchObject({
      state: 'pending',
      reason: 'at risk: cannot be scheduled at Twilio: daily contact limit for this number',
    });
  });

  it('outside the last hour before the desk goes off, nothing is handed to Twilio', async () => {
    const made = await sendAheadWorld();
    world = made.world;
    world.clock.set(local('2026-12-04 16:30'));
    importRows(made.engine, [{ id: 'M1', name: 'P', phone: phone(1), startsAt: '2026-12-07 10:00' }]);
    expect((await made.engine.services.dispatch()).scheduled ?? 0).toBe(0);
    expect(outboxRow(made.engine.db, 'M1', 'sms').state).toBe('pending');
  });

  it('nothing is scheduled while paused', async () => {
    const made = await sendAheadWorld();
    world = made.world;
    importRows(made.engine, [{ id: 'M1', name: 'P', phone: phone(1), startsAt: '2026-12-07 10:00' }]);
    made.engine.services.pause({ reason: 'test', actor: 'test' });
    expect((await made.engine.services.dispatch()).scheduled ?? 0).toBe(0);
    expect(creates(await world.fake.requests(), 'Messages')).toHaveLength(0);
  });
});

describe('send-ahead: the ledger dates a scheduled text at its SendAt', () => {
  it("so it does not take today's per-minute SMS allowance", async () => {
    const made = await sendAheadWorld();
    world = made.world;
    const { engine } = made;
    engine.db.prepare(`UPDATE clinic SET limits_json = json_set(limits_json, '$.smsPerMinute', 1)`).run();
    importRows(engine, [{ id: 'M1', name: 'P', phone: phone(1), startsAt: '2026-12-07 10:00' }]);
    expect((await engine.services.dispatch()).scheduled).toBe(1);
    // Saturday 10:00: its text is due now, at the desk, and goes the ordinary way in the same minute.
    importRows(engine, [{ id: 'S1', name: 'Q', phone: phone(2), startsAt: '2026-12-05 10:00' }]);
    expect(await engine.services.dispatch()).toMatchObject({ sent: 1 });
    expect(outboxRow(engine.db, 'S1', 'sms').state).toBe('sent');
  });
});
