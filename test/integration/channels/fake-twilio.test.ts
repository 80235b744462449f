import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeTwilio, type FakeTwilio } from '../../helpers/fake-twilio';

let fake: FakeTwilio;
let base: string;

beforeAll(async () => {
  fake = await startFakeTwilio({ apiKeys: { SK0123456789abcdef0123456789abcdef: 'key-secret' } });
  base = `${fake.baseUrl}/2010-04-01/Accounts/${fake.accountSid}`;
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const auth = (user = fake.accountSid, pass = fake.authToken) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

async function api(method: string, path: string, form?: Record<string, string>, user?: string, pass?: string) {
  const res = await fetch(path.startsWith('http') ? path : `${base}${path}`, {
    method,
    headers: { Authorization: auth(user, pass), 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form ? new URLSearchParams(form).toString() : undefined,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const sms = (to = '+15558675310', body = 'Hi') => api('POST', '/Messages.json', { To: to, From: fake.fromNumber, Body: body });

describe('fake Twilio server', () => {
  it('rejects bad Basic auth with the legacy 20003 body and accepts an API key', async () => {
    expect(await api('GET', '/Messages.json', undefined, fake.accountSid, 'nope')).toEqual({
      status: 401,
      body: { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 },
    });
    expect((await api('GET', '/Messages.json', undefined, 'SK0123456789abcdef0123456789abcdef', 'key-secret')).status).toBe(200);
  });

  it('answers 404/20404 for a foreign account and 405 for a bad method', async () => {
    const other = await api('GET', `${fake.baseUrl}/2010-04-01/Accounts/AC${'1'.repeat(32)}/Messages.json`);
    expect(other).toMatchObject({ status: 404, body: { code: 20404, status: 404 } });
    expect((await api('DELETE', '/Messages.json')).status).toBe(405);
  });

  it('returns a complete message object: every key, RFC 2822 dates, strings for numbers', async () => {
    const { status, body } = await sms('+15558675310', 'x'.repeat(161));
    expect(status).toBe(201);
    expect(Object.keys(body).sort()).toEqual([
      'account_sid',
      'api_version',
      'body',
      'date_created',
      'date_sent',
      'date_updated',
      'direction',
      'error_code',
      'error_message',
      'from',
      'messaging_service_sid',
      'num_media',
      'num_segments',
      'price',
      'price_unit',
      'sid',
      'status',
      'subresource_uris',
      'to',
      'uri',
    ]);
    expect(body).toMatchObject({
      status: 'queued',
      direction: 'outbound-api',
      date_sent: null,
      price: null,
      num_segments: '2',
      num_media: '0',
      date_created: 'Mon, 02 Mar 2026 15:30:00 +0000',
    });
    expect(body.sid).toMatch(/^SM[0-9a-f]{32}$/);
  });

  it('validates in Twilio order', async () => {
    expect((await api('POST', '/Messages.json', { From: fake.fromNumber, Body: 'x' })).body.code).toBe(21604);
    expect((await api('POST', '/Messages.json', { To: '555', Body: 'x' })).body.code).toBe(21211);
    expect((await api('POST', '/Messages.json', { To: '+15558675310', Body: 'x' })).body.code).toBe(21603);
    expect((await api('POST', '/Messages.json', { To: '+15558675310', From: '+15551112222', Body: 'x' })).body.code).toBe(21606);
    expect((await api('POST', '/Messages.json', { To: '+15558675310', From: fake.fromNumber })).body.code).toBe(21602);
    expect((await sms('+15558675310', 'x'.repeat(1601))).body.code).toBe(21617);
  });

  it('pages newest first with a relative next_page_uri carrying PageToken, and filters DateSent with > and <', async () => {
    for (let i = 0; i < 3; i++) {
      await sms('+15558675310', `m${i}`);
      await fake.advance(86_400_000);
    }
    const p0 = await api('GET', '/Messages.json?PageSize=2');
    expect((p0.body.messages as { body: string }[]).map((m) => m.body)).toEqual(['m2', 'm1']);
    const next = String(p0.body.next_page_uri);
    expect(next).toMatch(/^\/2010-04-01\/Accounts\/AC\w+\/Messages\.json\?PageSize=2&Page=1&PageToken=PASM[0-9a-f]{32}$/);
    const p1 = await api('GET', `${fake.baseUrl}${next}`);
    expect((p1.body.messages as { body: string }[]).map((m) => m.body)).toEqual(['m0']);
    expect(p1.body.next_page_uri).toBeNull();
    const filtered = await api(
      'GET',
      `/Messages.json?${encodeURIComponent('DateSent>')}=2026-03-03&${encodeURIComponent('DateSent<')}=2026-03-03`,
    );
    expect((filtered.body.messages as { body: string }[]).map((m) => m.body)).toEqual(['m1']);
    expect(String(filtered.body.uri)).toContain('DateSent%3E=2026-03-03');
  });

  it('moves a message through its lifecycle on the injected clock', async () => {
    const sid = String((await sms()).body.sid);
    const at = async () => (await api('GET', `/Messages/${sid}.json`)).body;
    await fake.advance(2_000);
    expect(await at()).toMatchObject({ status: 'sent', date_sent: 'Mon, 02 Mar 2026 15:30:02 +0000', price: '-0.00790' });
    await fake.advance(2_000);
    expect((await at()).status).toBe('delivered');
  });

  it('expires a held message past its ValidityPeriod', async () => {
    const held = await startFakeTwilio({ autoProgress: false });
    try {
      const res = await fetch(`${held.baseUrl}/2010-04-01/Accounts/${held.accountSid}/Messages.json`, {
        method: 'POST',
        headers: { Authorization: auth(held.accountSid, held.authToken), 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ To: '+15558675310', From: held.fromNumber, Body: 'x', ValidityPeriod: '60' }).toString(),
      });
      expect(res.status).toBe(201);
      await held.advance(59_000);
      expect((await held.state()).messages[0]?.status).toBe('queued');
      await held.advance(2_000);
      expect((await held.state()).messages[0]).toMatchObject({ status: 'failed', errorCode: 30001 });
    } finally {
      await held.close();
    }
  });

  it('keeps calls queued at 1 call per second and records Notifications for failures', async () => {
    const twiml = '<?xml version="1.0" encoding="UTF-8"?><Response><Say>Hi &amp; bye</Say></Response>';
    const a = await api('POST', '/Calls.json', { To: '+15558675310', From: fake.fromNumber, Twiml: twiml });
    const b = await api('POST', '/Calls.json', { To: '+15558675311', From: fake.fromNumber, Twiml: twiml });
    expect(a.body).toMatchObject({ status: 'queued', start_time: null, duration: null, queue_time: '0', to_formatted: '(555) 867-5310' });
    expect((await fake.state()).calls[1]?.sayTexts).toEqual(['Hi & bye']);
    await fake.advance(500);
    const statuses = async () => [
      (await api('GET', `/Calls/${String(a.body.sid)}.json`)).body.status,
      (await api('GET', `/Calls/${String(b.body.sid)}.json`)).body.status,
    ];
    expect(await statuses()).toEqual(['ringing', 'queued']);
    await fake.callOutcome(String(b.body.sid), { status: 'failed' });
    const notes = await api('GET', `/Calls/${String(b.body.sid)}/Notifications.json`);
    expect(notes.body.notifications).toEqual([expect.objectContaining({ error_code: '13224', sid: expect.stringMatching(/^NO/) })]);
    expect((await api('POST', '/Calls.json', { To: '+15558675310', From: fake.fromNumber })).body.code).toBe(21205);
    expect((await api('POST', '/Calls.json', { To: '+15558675310', From: fake.fromNumber, Twiml: '<Say>x</Say>' })).body.code).toBe(12100);
  });

  it('answers a non-JSON 502 for the html fault and logs every request', async () => {
    await fake.addFault({ match: { path: 'Messages.json' }, action: { kind: 'html' }, times: 1 });
    const res = await fetch(`${base}/Messages.json`, { headers: { Authorization: auth() } });
    expect(res.status).toBe(502);
    expect(await res.text()).toContain('<html>');
    expect((await sms()).status).toBe(201);
    expect((await fake.requests()).map((r) => r.method)).toEqual(['GET', 'POST']);
  });
});
