import { afterEach, describe, expect, it } from 'vitest';
import { MINUTE } from './constants';
import { e164, importRows, local, phone } from '../../helpers/engine';
import { appointmentStatus, creates, outboxRow, recipientFacts, startTwilioWorld, type TwilioWorld } from '../../helpers/twilio-engine';

/**
 * Patient replies polled from the fake Twilio's message log by the real SDK (docs/twilio.md#inbound-replies):
 * C confirms and stops later steps, STOP/START switch SMS and calls off and on, and a restart never re-applies
 * a reply it has already handled.
 */

let world: TwilioWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

function inboundApplied(
  db: import('../../../electron/core/db/connection').WritableDB,
): { provider_id: string; action: string; from_number: string }[] {
  return db.prepare(`SELECT provider_id, action, from_number FROM inbound_messages ORDER BY received_at`).all() as {
    provider_id: string;
    action: string;
    from_number: string;
  }[];
}

describe('patient replies through the real SDK', () => {
  it('"C" before the call: the next dispatch confirms the appointment and the call is never made', async () => {
    world = await startTwilioWorld({ now: local('2026-11-27 10:00') });
    const { fake, clock } = world;
    const engine = world.engine();
    importRows(engine, [{ id: 'R1', name: 'Rosa Diaz', phone: phone(1), startsAt: '2026-11-28 10:00' }]);
    expect(await engine.services.dispatch()).toMatchObject({ sent: 1 });
    expect(creates(await fake.requests(), 'Messages', e164(1))).toHaveLength(1);

    clock.set(local('2026-11-27 12:30'));
    await fake.inbound({ from: e164(1), body: 'C' });

    // Downtime until the call is due: the first cycle polls the reply before it sends anything.
    clock.set(local('2026-11-28 08:00'));
    const result = await engine.services.dispatch();
    expect(result).toMatchObject({ sent: 0 });
    expect(appointmentStatus(engine.db, 'R1')).toBe('confirmed');
    expect(outboxRow(engine.db, 'R1', 'voice')).toMatchObject({ state: 'cancelled', reason: 'appointment confirmed' });
    expect(inboundApplied(engine.db)).toMatchObject([{ action: 'confirm', from_number: e164(1) }]);

    clock.set(local('2026-11-28 09:00'));
    await engine.services.dispatch();
    const log = await fake.requests();
    expect(creates(log, 'Calls')).toHaveLength(0);
    expect(creates(log, 'Messages')).toHaveLength(1);
  });

  it('"STOP" suppresses later SMS and calls to the number; "START" restores them', async () => {
    world = await startTwilioWorld({ now: local('2026-11-30 10:00') });
    const { fake, clock } = world;
    const engine = world.engine();
    const to = e164(2);
    importRows(engine, [
      { id: 'S1', name: 'Sam Lee', phone: phone(2), startsAt: '2026-12-01 10:00' },
      { id: 'S2', name: 'Sam Lee', phone: phone(2), startsAt: '2026-12-03 10:00' },
      { id: 'S3', name: 'Sam Lee', phone: phone(2), startsAt: '2026-12-05 10:00' },
    ]);
    expect(await engine.services.dispatch()).toMatchObject({ sent: 1 });

    clock.set(local('2026-11-30 12:00'));
    await fake.inbound({ from: to, body: 'STOP' });
    clock.advance(MINUTE);
    await engine.services.dispatch();
    expect(recipientFacts(engine.db, to)).toMatchObject({ opted_out_at: clock.now(), opt_out_source: 'reply' });
    expect(engine.services.auditLog({}).some((e) => e.kind === 'opted_out')).toBe(true);

    // S1's call and S2's SMS come due while opted out: suppressed at the final check, no provider request.
    clock.set(local('2026-12-01 08:00'));
    await engine.services.dispatch();
    clock.set(local('2026-12-02 10:00'));
    await engine.services.dispatch();
    expect(outboxRow(engine.db, 'S1', 'voice')).toMatchObject({ state: 'suppressed', reason: 'number opted out (STOP)' });
    expect(outboxRow(engine.db, 'S2', 'sms')).toMatchObject({ state: 'suppressed', reason: 'number opted out (STOP)' });
    let log = await fake.requests();
    expect(creates(log, 'Messages', to)).toHaveLength(1);
    expect(creates(log, 'Calls')).toHaveLength(0);

    clock.set(local('2026-12-02 12:00'));
    await fake.inbound({ from: to, body: 'START' });
    clock.advance(MINUTE);
    await engine.services.dispatch();
    expect(recipientFacts(engine.db, to)?.opted_out_at).toBeNull();

    // S2's call and S3's SMS go out again (and the fake, which also saw START, accepts them).
    clock.set(local('2026-12-03 08:00'));
    expect(await engine.services.dispatch()).toMatchObject({ sent: 1, failed: 0 });
    clock.set(local('2026-12-04 10:00'));
    expect(await engine.services.dispatch()).toMatchObject({ sent: 1, failed: 0 });
    expect(outboxRow(engine.db, 'S2', 'voice').state).toMatch(/^(sent|delivered)$/);
    expect(outboxRow(engine.db, 'S3', 'sms').state).toMatch(/^(sent|delivered)$/);
    log = await fake.requests();
    expect(creates(log, 'Messages', to)).toHaveLength(2);
    expect(creates(log, 'Calls', to)).toHaveLength(1);
    expect(inboundApplied(engine.db).map((r) => r.action)).toEqual(['opt_out', 'opt_in']);
  });

  it('a restart (new engine on the same file) does not re-apply an old reply; new replies still apply', async () => {
    world = await startTwilioWorld({ now: local('2026-11-27 10:00') });
    const { fake, clock } = world;
    const first = world.engine();
    importRows(first, [
      { id: 'P1', name: 'Kim Park', phone: phone(3), startsAt: '2026-11-28 10:00' },
      { id: 'P2', name: 'Kim Park', phone: phone(3), startsAt: '2026-11-30 10:00' },
    ]);
    await first.services.dispatch();
    clock.set(local('2026-11-27 11:00'));
    const reply = await fake.inbound({ from: e164(3), body: 'c' });
    clock.advance(5 * MINUTE);
    await first.services.dispatch();
    expect(appointmentStatus(first.db, 'P1')).toBe('confirmed');
    expect(appointmentStatus(first.db, 'P2')).toBe('booked');
    const cursor = (first.db.prepare(`SELECT value FROM cursors WHERE name = 'inbound-sms'`).get() as { value: string } | undefined)?.value;
    expect(cursor).toContain(String(reply.sid));
    first.close();

    // Re-applying the old "c" would confirm P2, the patient's next unconfirmed appointment.
    const second = world.engine({ file: first.file });
    for (let i = 0; i < 3; i += 1) {
      clock.advance(10 * MINUTE);
      await second.services.dispatch();
    }
    expect(appointmentStatus(second.db, 'P2')).toBe('booked');
    expect(inboundApplied(second.db)).toHaveLength(1);
    expect(second.services.auditLog({}).filter((e) => e.kind === 'appointment_confirmed')).toHaveLength(1);

    // The restarted engine still polls: a new reply is applied once.
    await fake.inbound({ from: e164(3), body: 'C' });
    clock.advance(MINUTE);
    await second.services.dispatch();
    clock.advance(MINUTE);
    await second.services.dispatch();
    expect(appointmentStatus(second.db, 'P2')).toBe('confirmed');
    expect(inboundApplied(second.db).map((r) => r.action)).toEqual(['confirm', 'confirm']);
  });
});
