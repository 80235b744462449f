import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../electron/core/platform/engine-events';
import { importRows, local, phone } from '../../helpers/engine';
import { creates, ledgerRows, outboxRow, param, type TwilioWorld } from '../../helpers/twilio-engine';
import { e164, messageAtFake, scheduleOne, sendAheadWorld } from './support';

/**
 * Every stop path cancels a text waiting at Twilio (docs/send-ahead.md#cancelling), against the fake Twilio
 * through the real SDK: POST Messages/{Sid} Status=canceled; 30409 recorded as sent; what Twilio does not
 * confirm is listed loudly and retried.
 */

let world: TwilioWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

function cancelRequests(log: Awaited<ReturnType<TwilioWorld['fake']['requests']>>, sid: string) {
  return log.filter((r) => r.method === 'POST' && r.path.endsWith(`/Messages/${sid}.json`) && param(r.form.Status) === 'canceled');
}

describe('send-ahead: scheduling', () => {
  it('hands the at-risk text to Twilio with ScheduleType=fixed, the service and SendAt = Sunday 10:00 local', async () => {
    const made = await sendAheadWorld();
    world = made.world;
    const sid = await scheduleOne(made.engine);
    const [create] = creates(await world.fake.requests(), 'Messages');
    expect(create?.form).toMatchObject({ ScheduleType: 'fixed', MessagingServiceSid: world.fake.messagingServiceSid, To: e164(1) });
    expect(create?.form.From).toBeUndefined();
    expect(Date.parse(param(create?.form.SendAt) ?? '')).toBe(local('2026-12-06 10:00'));
    expect(await messageAtFake(world, sid)).toMatchObject({ status: 'scheduled' });
    const ledger = ledgerRows(made.engine.db);
    expect(ledger).toMatchObject([{ appointment: 'M1', channel: 'sms', outcome: 'sent', provider_id: sid, counts_for_budget: 1 }]);
    const at = made.engine.db.prepare(`SELECT attempted_at FROM contacts`).get() as { attempted_at: number };
    expect(at.attempted_at).toBe(local('2026-12-06 10:00'));
  });

  it('without a Messaging Service nothing is scheduled and the text stays pending (at risk)', async () => {
    const made = await sendAheadWorld(false);
    world = made.world;
    importRows(made.engine, [{ id: 'M1', name: 'P', phone: phone(1), startsAt: '2026-12-07 10:00' }]);
    const result = await made.engine.services.dispatch();
    expect(result.scheduled ?? 0).toBe(0);
    expect(creates(await world.fake.requests(), 'Messages')).toHaveLength(0);
    expect(outboxRow(made.engine.db, 'M1', 'sms').state).toBe('pending');
  });

  it("a crash between Twilio's answer and our write never schedules twice: the next cycle finds it", async () => {
    const made = await sendAheadWorld();
    world = made.world;
    await world.fake.addFault({ match: { method: 'POST', path: 'Messages.json' }, action: { kind: 'accept_then_drop' }, times: 1 });
    importRows(made.engine, [{ id: 'M1', name: 'P', phone: phone(1), startsAt: '2026-12-07 10:00' }]);
    await made.engine.services.dispatch();
    expect(outboxRow(made.engine.db, 'M1', 'sms').state).toBe('unknown');
    world.clock.advance(60_000);
    await made.engine.services.dispatch();
    const row = outboxRow(made.engine.db, 'M1', 'sms');
    expect(row.state).toBe('scheduled');
    const made2 = creates(await world.fake.requests(), 'Messages');
    expect(made2).toHaveLength(1);
    expect((await world.fake.state()).messages.filter((m) => m.to === e164(1))).toHaveLength(1);
  });
});

describe('send-ahead: every stop path cancels at Twilio', () => {
  const paths: {
    name: string;
    stop: (w: Awaited<ReturnType<typeof sendAheadWorld>>) => Promise<void> | void;
    state: string;
    reason: RegExp;
  }[] = [
    {
      name: 'kill switch',
      stop: ({ engine }) => void engine.services.pause({ reason: 'test', actor: 'test' }),
      state: 'pending',
      reason: /kill switch/,
    },
    {
      name: 'cancel',
      stop: ({ engine }) => void engine.services.cancel({ appointment: 'M1', actor: 'test' }),
      state: 'cancelled',
      reason: /cancelled/,
    },
    {
      name: 'confirm',
      stop: ({ engine }) => void engine.services.confirm({ appointment: 'M1', actor: 'test' }),
      state: 'cancelled',
      reason: /confirmed/,
    },
    {
      name: 'reschedule',
      stop: ({ engine }) => void importRows(engine, [{ id: 'M1', name: 'Patient 1', phone: phone(1), startsAt: '2026-12-08 10:00' }]),
      state: 'superseded',
      reason: /rescheduled/,
    },
    {
      name: 'changed number',
      stop: async ({ engine }) => {
        const patientId = (engine.db.prepare(`SELECT id FROM patients`).get() as { id: number }).id;
        await engine.services.fixPhone({ patientId, phone: phone(7), actor: 'test' });
      },
      state: 'pending',
      reason: /phone number changed/,
    },
  ];

  for (const path of paths) {
    it(`${path.name}: Status=canceled at Twilio, the row ends ${path.state}, the attempt no longer counts`, async () => {
      const made = await sendAheadWorld();
      world = made.world;
      const sid = await scheduleOne(made.engine);
      await path.stop(made);
      await made.engine.sendAhead.cancelNow();
      expect(cancelRequests(await world.fake.requests(), sid)).toHaveLength(1);
      expect(await messageAtFake(world, sid)).toMatchObject({ status: 'canceled' });
      expect(outboxRow(made.engine.db, 'M1', 'sms')).toMatchObject({ state: path.state, reason: expect.stringMatching(path.reason) });
      expect(ledgerRows(made.engine.db).filter((l) => l.channel === 'sms')).toMatchObject([{ outcome: 'failed', counts_for_budget: 0 }]);
    });
  }

  it('STOP reply: the next cycle applies it and cancels the scheduled text (Twilio does not)', async () => {
    const made = await sendAheadWorld();
    world = made.world;
    const sid = await scheduleOne(made.engine);
    world.clock.advance(5 * 60_000);
    await world.fake.inbound({ from: e164(1), body: 'STOP' });
    await made.engine.services.dispatch();
    expect(await messageAtFake(world, sid)).toMatchObject({ status: 'canceled' });
    expect(outboxRow(made.engine.db, 'M1', 'sms')).toMatchObject({ state: 'suppressed', reason: 'number opted out (STOP)' });
  });

  it('30409: the text had already gone; it is recorded as sent, not cancelled', async () => {
    const made = await sendAheadWorld();
    world = made.world;
    const sid = await scheduleOne(made.engine);
    await world.fake.setMessageStatus(sid, 'sent');
    made.engine.services.cancel({ appointment: 'M1', actor: 'test' });
    await made.engine.sendAhead.cancelNow();
    expect(outboxRow(made.engine.db, 'M1', 'sms')).toMatchObject({ state: 'sent', reason: expect.stringContaining('30409') });
    expect(ledgerRows(made.engine.db).filter((l) => l.channel === 'sms')).toMatchObject([{ outcome: 'sent', counts_for_budget: 1 }]);
  });

  it('what Twilio does not confirm is listed loudly (status, attention event) and cancelled on a later try', async () => {
    const made = await sendAheadWorld();
    world = made.world;
    const sid = await scheduleOne(made.engine);
    const events: EngineEvent[] = [];
    made.engine.events.on((e) => events.push(e));
    await world.fake.addFault({
      match: { method: 'POST', path: `Messages/${sid}.json` },
      action: { kind: 'error', status: 503, code: 20503 },
    });
    made.engine.services.pause({ reason: 'test', actor: 'test' });
    await made.engine.sendAhead.cancelNow();
    const status = made.engine.services.status();
    expect(status.sendAheadNotCancelled).toMatchObject([
      { appointment: 'M1', to: e164(1), providerId: sid, error: expect.stringContaining('could not cancel') },
    ]);
    expect(events).toContainEqual(expect.objectContaining({ type: 'attention', kind: 'send_ahead_not_cancelled' }));
    expect(await messageAtFake(world, sid)).toMatchObject({ status: 'scheduled' });

    await world.fake.clearFaults();
    await made.engine.services.dispatch();
    expect(await messageAtFake(world, sid)).toMatchObject({ status: 'canceled' });
    expect(made.engine.services.status().sendAheadNotCancelled).toEqual([]);
  });
});
