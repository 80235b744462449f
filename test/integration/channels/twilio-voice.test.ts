import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureStudioFlow, TwilioStudioVoiceTransport } from '../../../electron/core/channels/twilio-studio';
import { TwilioVoiceTransport } from '../../../electron/core/channels/twilio-voice';
import { startFakeTwilio, type FakeTwilio } from '../../helpers/fake-twilio';
import { outgoing, sdkClient } from './setup';

let fake: FakeTwilio;
let voice: TwilioVoiceTransport;
const SCRIPT =
  'Hello, this is Riverside Clinic, phone (555) 010-0000, with a reminder of your appointment on Tuesday, Mar 3, at 10:30 AM. To confirm or change it, please call (555) 010-0000.';

beforeAll(async () => {
  fake = await startFakeTwilio();
  voice = new TwilioVoiceTransport(sdkClient(fake), { from: fake.fromNumber });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const call = (over = {}) => outgoing(fake, { channel: 'voice', body: SCRIPT, ...over });
const sidOf = (r: { kind: string; providerId?: string }): string => r.providerId ?? '';

describe('TwilioVoiceTransport', () => {
  it('creates a call with inline TwiML Say, AMD DetectMessageEnd and a 30 s ring timeout', async () => {
    const result = await voice.send(call());
    expect(result).toMatchObject({ kind: 'accepted', providerId: expect.stringMatching(/^CA[0-9a-f]{32}$/) });
    const [req] = await fake.requests();
    expect(req?.path).toBe(`/2010-04-01/Accounts/${fake.accountSid}/Calls.json`);
    expect(Object.keys(req?.form ?? {}).sort()).toEqual(['From', 'MachineDetection', 'Timeout', 'To', 'Twiml']);
    expect(req?.form).toMatchObject({ To: '+15558675310', From: fake.fromNumber, MachineDetection: 'DetectMessageEnd', Timeout: '30' });
    expect(req?.form.Twiml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?><Response><Say voice="Polly.Joanna" language="en-US">.*<\/Say><Hangup\/><\/Response>$/,
    );
    const [stored] = (await fake.state()).calls;
    expect(stored?.sayTexts).toEqual([SCRIPT]);
    expect(stored?.sayTexts[0]?.indexOf('Riverside Clinic')).toBeLessThan(stored?.sayTexts[0]?.indexOf('Mar 3') ?? 0);
  });

  it('refuses a script longer than a minute without calling', async () => {
    const long = Array.from({ length: 200 }, () => 'word').join(' ');
    expect(await voice.send(call({ body: long }))).toMatchObject({ kind: 'rejected', action: 'fail' });
    expect(await fake.requests()).toHaveLength(0);
  });

  it.each([
    ['+15005550001', '21217', 'invalid_address'],
    ['+15005550002', '21214', 'invalid_address'],
    ['+15005550004', '21216', 'fail'],
  ])('maps To %s → %s → %s', async (to, code, action) => {
    expect(await voice.send(call({ to }))).toMatchObject({ kind: 'rejected', code, action });
  });

  it('pauses when From is not ours (21210)', async () => {
    const t = new TwilioVoiceTransport(sdkClient(fake), { from: '+15005550099' });
    expect(await t.send(call())).toMatchObject({ kind: 'rejected', code: '21210', action: 'pause' });
  });

  it('reports completed with answeredBy after the lifecycle runs', async () => {
    const sid = sidOf(await voice.send(call()));
    expect(await voice.deliveryStatus(sid)).toEqual({ kind: 'pending' });
    await fake.advance(60_000);
    expect(await voice.deliveryStatus(sid)).toEqual({ kind: 'completed', answeredBy: 'human' });
  });

  it.each([
    [
      { status: 'completed', answeredBy: 'machine_end_beep' },
      { kind: 'completed', answeredBy: 'machine_end_beep' },
    ],
    [{ status: 'busy' }, { kind: 'undelivered', code: 'busy' }],
    [{ status: 'no-answer' }, { kind: 'undelivered', code: 'no-answer' }],
    [
      { status: 'failed', notificationCode: '13224' },
      { kind: 'failed', code: '13224' },
    ],
  ])('maps outcome %o', async (outcome, expected) => {
    const sid = sidOf(await voice.send(call()));
    await fake.callOutcome(sid, outcome);
    expect(await voice.deliveryStatus(sid)).toMatchObject(expected);
  });

  it('reconciles a lost create while the call is queued and after it started', async () => {
    const msg = call();
    await fake.addFault({ match: { method: 'POST', path: 'Calls.json' }, action: { kind: 'accept_then_drop' }, times: 1 });
    expect(await voice.send(msg)).toMatchObject({ kind: 'unknown' });
    const sid = (await fake.state()).calls[0]?.sid;
    expect(await voice.reconcile(msg)).toEqual({ kind: 'found', providerId: sid });
    await fake.advance(60_000);
    expect(await voice.reconcile(msg)).toEqual({ kind: 'found', providerId: sid });
    const gets = (await fake.requests()).filter((r) => r.method === 'GET');
    expect(gets.some((r) => r.query.Status === 'queued')).toBe(true);
    expect(gets.some((r) => r.query['StartTime>'] === '2026-03-01T00:00:00Z')).toBe(true);
  });

  it('reconciles not_found after a timeout that created nothing', async () => {
    const t = new TwilioVoiceTransport(sdkClient(fake, { timeoutMs: 400 }), { from: fake.fromNumber });
    const msg = call();
    await fake.addFault({ match: { method: 'POST' }, action: { kind: 'delay', ms: 800 }, times: 1 });
    expect(await t.send(msg)).toMatchObject({ kind: 'unknown' });
    expect(await t.reconcile(msg)).toEqual({ kind: 'not_found' });
  });
});

describe('Studio keypress mode', () => {
  it('creates the flow once, then leaves an up-to-date flow alone', async () => {
    const client = sdkClient(fake);
    const sid = await ensureStudioFlow(client);
    expect(sid).toMatch(/^FW[0-9a-f]{32}$/);
    expect(await ensureStudioFlow(client, { flowSid: sid })).toBe(sid);
    const posts = (await fake.requests()).filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.host).toBe('studio.twilio.com');
    expect(JSON.parse(String(posts[0]?.form.Definition)).states.map((s: { type: string }) => s.type)).toContain('gather-input-on-call');
  });

  it('recreates a flow that no longer exists', async () => {
    const sid = await ensureStudioFlow(sdkClient(fake), { flowSid: 'FW' + '0'.repeat(32) });
    expect(sid).not.toBe('FW' + '0'.repeat(32));
  });

  it.each([['1'], ['9']])('reports digit %s from the execution context', async (digit) => {
    const client = sdkClient(fake);
    const flowSid = await ensureStudioFlow(client);
    const t = new TwilioStudioVoiceTransport(client, { from: fake.fromNumber, flowSid });
    const result = await t.send(call());
    expect(result).toMatchObject({ kind: 'accepted', providerId: expect.stringMatching(/^FN[0-9a-f]{32}$/) });
    const exec = sidOf(result);
    const create = (await fake.requests()).find((r) => r.path.endsWith('/Executions'));
    expect(JSON.parse(String(create?.form.Parameters))).toEqual({ script: SCRIPT });
    expect(await t.deliveryStatus(exec)).toEqual({ kind: 'pending' });
    await fake.callOutcome(exec, { status: 'completed', answeredBy: 'human', digits: digit });
    expect(await t.deliveryStatus(exec)).toEqual({ kind: 'completed', answeredBy: 'human', digits: digit });
  });

  it('refuses a second active execution to the same number (409 → retry) and reconciles the first', async () => {
    const client = sdkClient(fake);
    const flowSid = await ensureStudioFlow(client);
    const t = new TwilioStudioVoiceTransport(client, { from: fake.fromNumber, flowSid });
    const first = call();
    const exec = sidOf(await t.send(first));
    expect(await t.send(call())).toMatchObject({ kind: 'rejected', action: 'retry' });
    expect(await t.reconcile(first)).toEqual({ kind: 'found', providerId: exec });
    expect(await t.reconcile(call({ to: '+15558675399' }))).toEqual({ kind: 'not_found' });
    await fake.callOutcome(exec, { status: 'no-answer' });
    expect(await t.deliveryStatus(exec)).toMatchObject({ kind: 'undelivered', code: 'no-answer' });
  });
});
