import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TwilioSmsTransport } from '../../../electron/core/channels/twilio-sms';
import { startFakeTwilio, type FakeTwilio } from '../../helpers/fake-twilio';
import { outgoing, sdkClient } from './setup';

let fake: FakeTwilio;
let sms: TwilioSmsTransport;

beforeAll(async () => {
  fake = await startFakeTwilio();
  sms = new TwilioSmsTransport(sdkClient(fake), { from: fake.fromNumber }, fake.clock);
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe('TwilioSmsTransport.send', () => {
  it('creates a message with exactly To, From, Body and ValidityPeriod', async () => {
    const msg = outgoing(fake, { expiresAt: fake.clock.now() + 90 * 60_000 });
    const result = await sms.send(msg);
    expect(result).toMatchObject({ kind: 'accepted', providerId: expect.stringMatching(/^SM[0-9a-f]{32}$/) });
    const [req] = await fake.requests();
    expect(req?.method).toBe('POST');
    expect(req?.host).toBe('api.twilio.com');
    expect(req?.path).toBe(`/2010-04-01/Accounts/${fake.accountSid}/Messages.json`);
    expect(req?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(req?.form).toEqual({ To: msg.to, From: fake.fromNumber, Body: msg.body, ValidityPeriod: '5400' });
  });

  it("clamps ValidityPeriod to Twilio's 1..36000 s", async () => {
    await sms.send(outgoing(fake, { expiresAt: fake.clock.now() + 3 * 86_400_000 }));
    await sms.send(outgoing(fake, { expiresAt: fake.clock.now() - 5_000 }));
    const reqs = await fake.requests();
    expect(reqs.map((r) => r.form.ValidityPeriod)).toEqual(['36000', '1']);
  });

  it.each([
    ['+15005550001', '21211', 'invalid_address'],
    ['+15005550002', '21612', 'invalid_address'],
    ['+15005550009', '21614', 'invalid_address'],
    ['+15005550004', '21610', 'opt_out'],
    ['+15005550003', '21408', 'fail'],
    ['not-a-number', '21211', 'invalid_address'],
  ])('maps To %s → %s → %s', async (to, code, action) => {
    const result = await sms.send(outgoing(fake, { to }));
    expect(result).toMatchObject({ kind: 'rejected', code, action });
    if (action === 'invalid_address') expect(result.kind === 'rejected' && result.error).toContain('fix this number');
  });

  it.each([
    ['+15005550001', '21212', 'pause'],
    ['+15005550007', '21606', 'pause'],
    ['+15005550008', '21611', 'retry'],
  ])('maps From %s → %s → %s', async (from, code, action) => {
    const t = new TwilioSmsTransport(sdkClient(fake), { from }, fake.clock);
    expect(await t.send(outgoing(fake))).toMatchObject({ kind: 'rejected', code, action });
  });

  it('pauses on bad credentials (401/20003)', async () => {
    const t = new TwilioSmsTransport(sdkClient(fake, { authToken: 'wrong' }), { from: fake.fromNumber }, fake.clock);
    expect(await t.send(outgoing(fake))).toMatchObject({ kind: 'rejected', code: '20003', action: 'pause' });
  });

  it('honours an opt-out from an inbound STOP (21610) until START', async () => {
    await fake.inbound({ from: '+15558675310', body: 'stop' });
    expect(await sms.send(outgoing(fake))).toMatchObject({ kind: 'rejected', action: 'opt_out', code: '21610' });
    await fake.inbound({ from: '+15558675310', body: 'START' });
    expect(await sms.send(outgoing(fake))).toMatchObject({ kind: 'accepted' });
  });

  it('returns retry on 429 when the SDK does not retry, and succeeds next time', async () => {
    await fake.addFault({
      match: { method: 'POST', path: 'Messages.json' },
      action: { kind: 'error', status: 429, code: 20429, message: 'Too Many Requests' },
      times: 1,
    });
    expect(await sms.send(outgoing(fake))).toMatchObject({ kind: 'rejected', action: 'retry', code: '20429' });
    expect(await sms.send(outgoing(fake))).toMatchObject({ kind: 'accepted' });
  });

  it('lets the SDK retry 2× 429 and then succeeds in one send', async () => {
    const t = new TwilioSmsTransport(sdkClient(fake, { maxRetries: 3 }), { from: fake.fromNumber }, fake.clock);
    await fake.addFault({
      match: { method: 'POST', path: 'Messages.json' },
      action: { kind: 'error', status: 429, code: 20429 },
      times: 2,
    });
    expect(await t.send(outgoing(fake))).toMatchObject({ kind: 'accepted' });
    expect((await fake.requests()).length).toBe(3);
    expect((await fake.state()).messages).toHaveLength(1);
  });

  it.each([
    ['500', { kind: 'error', status: 500, code: 20500 }],
    ['503', { kind: 'error', status: 503, code: 20503 }],
    ['HTML 502', { kind: 'html' }],
    ['dropped socket', { kind: 'drop' }],
    ['timeout', { kind: 'delay', ms: 800 }],
  ] as const)('treats %s as unknown', async (_name, action) => {
    const t = new TwilioSmsTransport(sdkClient(fake, { timeoutMs: 400 }), { from: fake.fromNumber }, fake.clock);
    await fake.addFault({ match: { method: 'POST' }, action, times: 1 });
    expect(await t.send(outgoing(fake))).toMatchObject({ kind: 'unknown' });
  });

  it('maps other 4xx to fail', async () => {
    await fake.addFault({
      match: { method: 'POST' },
      action: { kind: 'error', status: 400, code: 21617, message: 'Body too long' },
      times: 1,
    });
    expect(await sms.send(outgoing(fake))).toMatchObject({ kind: 'rejected', action: 'fail', code: '21617' });
  });
});

describe('TwilioSmsTransport.reconcile', () => {
  it('finds a message that was accepted but whose answer was lost', async () => {
    const msg = outgoing(fake);
    await fake.addFault({ match: { method: 'POST' }, action: { kind: 'accept_then_drop' }, times: 1 });
    expect(await sms.send(msg)).toMatchObject({ kind: 'unknown' });
    const [stored] = (await fake.state()).messages;
    // Still queued (date_sent null) right away: found by the undated page.
    expect(await sms.reconcile(msg)).toEqual({ kind: 'found', providerId: stored?.sid });
    await fake.advance(10_000);
    expect(await sms.reconcile(msg)).toEqual({ kind: 'found', providerId: stored?.sid });
    const lists = (await fake.requests()).filter((r) => r.method === 'GET');
    expect(lists.some((r) => r.query['DateSent>'] === '2026-03-01T00:00:00Z')).toBe(true);
    expect(lists.some((r) => r.query['DateSent>'] === undefined && r.query.To === msg.to && r.query.From === fake.fromNumber)).toBe(true);
  });

  it('reports not_found after a timeout where nothing was created', async () => {
    const t = new TwilioSmsTransport(sdkClient(fake, { timeoutMs: 500 }), { from: fake.fromNumber }, fake.clock);
    const msg = outgoing(fake);
    await fake.addFault({ match: { method: 'POST' }, action: { kind: 'delay', ms: 1_000 }, times: 1 });
    expect(await t.send(msg)).toMatchObject({ kind: 'unknown' });
    expect(await t.reconcile(msg)).toEqual({ kind: 'not_found' });
  });

  it('does not match an older message with the same body, nor another body', async () => {
    const old = outgoing(fake);
    await sms.send(old);
    await fake.advance(3_600_000);
    const msg = outgoing(fake, { body: old.body });
    expect(await sms.reconcile(msg)).toEqual({ kind: 'not_found' });
    await sms.send(outgoing(fake, { body: 'something else' }));
    expect(await sms.reconcile(msg)).toEqual({ kind: 'not_found' });
  });

  it('is unavailable when Twilio cannot be asked', async () => {
    await fake.addFault({ match: { method: 'GET' }, action: { kind: 'error', status: 503, code: 20503 }, times: 1 });
    expect(await sms.reconcile(outgoing(fake))).toMatchObject({ kind: 'unavailable' });
  });
});

describe('TwilioSmsTransport.deliveryStatus', () => {
  it('follows queued → sent (pending) → delivered on the fake clock', async () => {
    const r = await sms.send(outgoing(fake));
    const sid = r.kind === 'accepted' ? r.providerId : '';
    expect(await sms.deliveryStatus(sid)).toEqual({ kind: 'pending' });
    await fake.advance(2_500);
    expect(await sms.deliveryStatus(sid)).toEqual({ kind: 'pending' });
    await fake.advance(2_000);
    expect(await sms.deliveryStatus(sid)).toEqual({ kind: 'delivered' });
  });

  it.each([
    ['undelivered', 30003, 'undelivered'],
    ['undelivered', 30007, 'undelivered'],
    ['failed', 30004, 'failed'],
  ])('reports %s %s', async (status, code, kind) => {
    const r = await sms.send(outgoing(fake));
    const sid = r.kind === 'accepted' ? r.providerId : '';
    await fake.setMessageStatus(sid, status, code);
    expect(await sms.deliveryStatus(sid)).toMatchObject({ kind, code: String(code), error: expect.any(String) });
  });
});
