import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TwilioInboundPoller } from '../../../electron/core/channels/twilio-inbound';
import { startFakeTwilio, type FakeTwilio } from '../../helpers/fake-twilio';
import { sdkClient } from './setup';

let fake: FakeTwilio;

beforeAll(async () => {
  fake = await startFakeTwilio();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const poller = (pageSize = 2) => new TwilioInboundPoller(sdkClient(fake), { number: fake.fromNumber, pageSize }, fake.clock);

describe('TwilioInboundPoller', () => {
  it('returns inbound replies across pages, oldest first, without outbound rows', async () => {
    for (let i = 0; i < 5; i++) {
      await fake.inbound({ from: `+1555867531${i}`, body: `C ${i}` });
      await fake.advance(1_000);
    }
    await fake.inbound({ from: '+15558675399', body: 'STOP' }); // also creates an outbound-reply to the patient
    const { messages } = await poller().poll(null);
    expect(messages.map((m) => m.body)).toEqual(['C 0', 'C 1', 'C 2', 'C 3', 'C 4', 'STOP']);
    expect(messages[0]).toMatchObject({
      from: '+15558675310',
      providerId: expect.stringMatching(/^SM/),
      receivedAt: fake.clock.now() - 5_000,
    });
    const gets = (await fake.requests()).filter((r) => r.method === 'GET');
    expect(gets.length).toBeGreaterThan(2); // it followed next_page_uri
    expect(gets.slice(1).every((r) => typeof r.query.PageToken === 'string' && String(r.query.PageToken).startsWith('PASM'))).toBe(true);
  });

  it('survives a restart with the stored cursor: nothing missed, nothing reported twice', async () => {
    await fake.inbound({ from: '+15558675310', body: 'C' });
    const first = await poller().poll(null);
    expect(first.messages).toHaveLength(1);
    await fake.advance(1_000);
    await fake.inbound({ from: '+15558675311', body: '1' });
    // Same second as the previous newest: the sid list, not the timestamp, tells them apart.
    await fake.inbound({ from: '+15558675312', body: 'c', at: fake.clock.now() - 1_000 });
    const second = await poller().poll(first.cursor); // a new poller: as after an app restart
    expect(second.messages.map((m) => m.body).sort()).toEqual(['1', 'c']);
    const third = await poller().poll(second.cursor);
    expect(third.messages).toEqual([]);
  });

  it('ignores replies from before the first lookback window', async () => {
    await fake.inbound({ from: '+15558675310', body: 'old', at: fake.clock.now() - 3 * 86_400_000 });
    await fake.inbound({ from: '+15558675310', body: 'new' });
    const { messages } = await poller(50).poll(null);
    expect(messages.map((m) => m.body)).toEqual(['new']);
  });

  it('keeps the cursor small as time passes', async () => {
    let cursor: string | null = null;
    for (let i = 0; i < 5; i++) {
      await fake.inbound({ from: '+15558675310', body: `C${i}` });
      cursor = (await poller(50).poll(cursor)).cursor;
      await fake.advance(7 * 3_600_000);
    }
    const parsed = JSON.parse(cursor ?? '{}') as { seen: unknown[] };
    expect(parsed.seen.length).toBe(1);
  });

  it('throws when Twilio cannot be polled, leaving the cursor to the caller', async () => {
    await fake.addFault({ match: { method: 'GET' }, action: { kind: 'error', status: 500, code: 20500 }, times: 1 });
    await expect(poller().poll(null)).rejects.toThrow();
  });
});
