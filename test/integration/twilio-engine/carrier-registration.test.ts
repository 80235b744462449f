import { afterEach, describe, expect, it } from 'vitest';
import { importRows, local, phone } from '../../helpers/engine';
import { outboxRow, startTwilioWorld, type TwilioWorld } from '../../helpers/twilio-engine';

/**
 * Carrier registration: texts from an unregistered 10DLC number (30034) or an unverified toll-free number
 * (30032) are blocked by the carriers. Every later text would be blocked too, so sending pauses and
 * the receptionist is told why, instead of the outbox quietly failing reminder after reminder.
 */
let world: TwilioWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('carrier registration errors', () => {
  it('an SMS undelivered with 30034 pauses sending with the reason', async () => {
    world = await startTwilioWorld({ now: local('2026-11-27 11:00') });
    const engine = world.engine();
    importRows(engine, [
      { id: 'G1', name: 'Grace Kim', phone: phone(1), startsAt: '2026-11-28 10:00' },
      { id: 'G2', name: 'Omar Aziz', phone: phone(2), startsAt: '2026-11-28 12:00' },
    ]);
    expect(await engine.services.dispatch()).toMatchObject({ sent: 1 });
    const sid = outboxRow(engine.db, 'G1', 'sms').provider_id!;
    await world.fake.setMessageStatus(sid, 'undelivered', 30034);

    world.clock.set(local('2026-11-27 13:00'));
    const result = await engine.services.dispatch();
    expect(result).toMatchObject({ sent: 0, paused: true });
    expect(outboxRow(engine.db, 'G1', 'sms')).toMatchObject({ state: 'undelivered' });
    expect(engine.services.status()).toMatchObject({ paused: true, pauseKind: 'config', reason: expect.stringMatching(/30034.*10DLC/) });
    expect(outboxRow(engine.db, 'G2', 'sms')).toMatchObject({ state: 'pending' });
  });
});
