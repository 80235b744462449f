import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { twilioTransportsFromEnv } from '../../../electron/core/channels/twilio-config';
import { fixedClock } from '../../../electron/core/platform/clock';

const clock = fixedClock(Date.UTC(2026, 2, 2));
const TWILIO = { TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`, TWILIO_AUTH_TOKEN: 'secret-token', TWILIO_FROM: '+15005550006' };

describe('twilioTransportsFromEnv', () => {
  it('leaves every channel out when nothing is configured', () => {
    const t = twilioTransportsFromEnv({}, clock);
    expect([t.sms, t.voice, t.email, t.inbound]).toEqual([undefined, undefined, undefined, undefined]);
    expect(t.description).toContain('SMS and calls not configured');
    expect(t.description).toContain('email not configured');
  });

  it('builds SMS, voice and inbound from the Twilio settings without leaking the token', () => {
    const t = twilioTransportsFromEnv({ ...TWILIO }, clock);
    expect(t.sms?.name).toBe('twilio-sms');
    expect(t.voice?.name).toBe('twilio-voice');
    expect(t.voice?.minIntervalMs).toBe(1000);
    expect(t.inbound).toBeDefined();
    expect(t.email).toBeUndefined();
    expect(t.description).not.toContain('secret-token');
  });

  it('switches voice to Studio keypress mode with a flow sid', () => {
    const t = twilioTransportsFromEnv({ ...TWILIO, TWILIO_STUDIO_FLOW_SID: `FW${'b'.repeat(32)}` }, clock);
    expect(t.voice?.name).toBe('twilio-studio');
  });

  it('rejects a malformed account sid or From number', () => {
    expect(twilioTransportsFromEnv({ ...TWILIO, TWILIO_ACCOUNT_SID: 'nope' }, clock).sms).toBeUndefined();
    expect(twilioTransportsFromEnv({ ...TWILIO, TWILIO_FROM: '555-0100' }, clock).sms).toBeUndefined();
  });

  it('adds email only with both SMTP_URL and FRONTDESK_EMAIL_FROM', () => {
    expect(twilioTransportsFromEnv({ SMTP_URL: 'smtp://127.0.0.1:2525' }, clock).email).toBeUndefined();
    const t = twilioTransportsFromEnv({ SMTP_URL: 'smtp://127.0.0.1:2525', FRONTDESK_EMAIL_FROM: 'desk@clinic.example' }, clock);
    expect(t.email?.name).toBe('smtp');
    expect(t.sms).toBeUndefined();
  });

  it('does not load the twilio SDK or nodemailer until a transport is used (fast CLI start)', () => {
    const script = [
      "const c = require('./electron/core/channels/twilio-config.ts');",
      `const t = c.twilioTransportsFromEnv(${JSON.stringify({ ...TWILIO, SMTP_URL: 'smtp://127.0.0.1:1', FRONTDESK_EMAIL_FROM: 'a@b.c' })}, { now: () => 0 });`,
      "if (!t.sms || !t.email) throw new Error('not built');",
      'const loaded = Object.keys(require.cache).filter((k) => /node_modules[\\\\/](twilio|nodemailer)[\\\\/]/.test(k));',
      'process.stdout.write(String(loaded.length));',
    ].join('\n');
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: process.cwd(), encoding: 'utf8' });
    expect(out.trim()).toBe('0');
  });
});
