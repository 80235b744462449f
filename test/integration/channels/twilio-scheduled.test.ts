import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TwilioScheduledSms } from '../../../electron/core/channels/twilio-scheduled';
import { startFakeTwilio, type FakeTwilio } from '../../helpers/fake-twilio';
import { outgoing, sdkClient } from './setup';

/**
 * Message Scheduling at the fake Twilio through the real SDK (docs/twilio.md#the-fake-twilio-server): the
 * Messaging Service checks, SendAt's window with Twilio's own error codes, status `scheduled`, sending at
 * SendAt through the service's number, Status=canceled while scheduled, and 30409 once it is not.
 */

const MIN = 60_000;
let fake: FakeTwilio;
beforeEach(async () => {
  fake = await startFakeTwilio();
});
afterEach(async () => {
  await fake.close();
});

function scheduler(service = fake.messagingServiceSid): TwilioScheduledSms {
  return new TwilioScheduledSms(sdkClient(fake), service);
}

describe('fake Twilio: Message Scheduling', () => {
  it('creates a scheduled message (no From yet), sends it at SendAt through the service number', async () => {
    const sendAt = fake.clock.now() + 20 * MIN;
    const res = await scheduler().schedule(outgoing(fake), sendAt);
    expect(res.kind).toBe('accepted');
    const sid = res.kind === 'accepted' ? res.providerId : '';
    const fetched = await sdkClient(fake).messages(sid).fetch();
    expect(fetched).toMatchObject({ status: 'scheduled', from: null, messagingServiceSid: fake.messagingServiceSid, dateSent: null });
    await fake.advance(20 * MIN + 5_000);
    const sent = await sdkClient(fake).messages(sid).fetch();
    expect(sent).toMatchObject({ status: 'delivered', from: fake.fromNumber });
    expect(sent.dateSent?.getTime()).toBe(sendAt + 2_000);
  });

  it('refuses a SendAt under 15 minutes (35114) or over 35 days (35115) ahead', async () => {
    const soon = await scheduler().schedule(outgoing(fake), fake.clock.now() + 10 * MIN);
    expect(soon).toMatchObject({ kind: 'rejected', code: '35114' });
    const far = await scheduler().schedule(outgoing(fake), fake.clock.now() + 36 * 24 * 60 * MIN);
    expect(far).toMatchObject({ kind: 'rejected', code: '35115' });
    expect((await fake.state()).messages).toHaveLength(0);
  });

  it('scheduling needs a Messaging Service (35118), a SendAt (35111), and one that exists (21701) and is an MG sid (21705)', async () => {
    const client = sdkClient(fake);
    const base = { to: '+15558675310', body: 'x' };
    await expect(
      client.messages.create({ ...base, from: fake.fromNumber, scheduleType: 'fixed', sendAt: new Date(fake.clock.now() + 20 * MIN) }),
    ).rejects.toMatchObject({ code: 35118 });
    await expect(
      client.messages.create({ ...base, messagingServiceSid: fake.messagingServiceSid, scheduleType: 'fixed' }),
    ).rejects.toMatchObject({
      code: 35111,
    });
    const unknown = await scheduler(`MG${'f'.repeat(32)}`).schedule(outgoing(fake), fake.clock.now() + 20 * MIN);
    expect(unknown).toMatchObject({ kind: 'rejected', code: '21701' });
    const malformed = await scheduler('MGnot-a-sid').schedule(outgoing(fake), fake.clock.now() + 20 * MIN);
    expect(malformed).toMatchObject({ kind: 'rejected', code: '21705' });
  });

  it('cancels while scheduled; 30409 once it has gone, with its status', async () => {
    const s = scheduler();
    const a = await s.schedule(outgoing(fake), fake.clock.now() + 20 * MIN);
    const b = await s.schedule(outgoing(fake), fake.clock.now() + 20 * MIN);
    const [sidA, sidB] = [a, b].map((r) => (r.kind === 'accepted' ? r.providerId : ''));
    expect(await s.cancel(sidA!)).toEqual({ kind: 'canceled' });
    // Cancelling again (a retry after a crash): 30409, and Twilio's status says it was cancelled, not sent.
    expect(await s.cancel(sidA!)).toEqual({ kind: 'not_scheduled', status: 'canceled' });
    await fake.advance(21 * MIN);
    expect(await s.cancel(sidB!)).toEqual({ kind: 'not_scheduled', status: 'delivered' });
    await expect(sdkClient(fake).messages(sidB!).update({ status: 'canceled' })).rejects.toMatchObject({ code: 30409, status: 400 });
  });

  it('finds a scheduled message after an interrupted create, by recipient, body and service', async () => {
    const message = outgoing(fake);
    await fake.addFault({ match: { method: 'POST', path: 'Messages.json' }, action: { kind: 'accept_then_drop' }, times: 1 });
    expect((await scheduler().schedule(message, fake.clock.now() + 20 * MIN)).kind).toBe('unknown');
    const found = await scheduler().find(message);
    expect(found).toMatchObject({ kind: 'found', status: 'scheduled' });
    expect(await scheduler().find({ ...message, body: 'another body' })).toEqual({ kind: 'not_found' });
  });
});
