import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { markRecipientOptedOut } from '../../electron/core/db/repos/recipients-repo';
import { TEST_MESSAGES_PER_ADDRESS_PER_DAY } from '../../electron/core/api/test-message';
import { createTestEngine, local, type TestEngine } from '../helpers/engine';

const engines: TestEngine[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const e of engines.splice(0)) e.cleanup();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function engineAt(now: string, file?: string): TestEngine {
  const e = createTestEngine({ now: local(now), ...(file ? { file } : {}) });
  engines.push(e);
  return e;
}

const providerCalls = (e: TestEngine) => (e.db.prepare(`SELECT COUNT(*) AS n FROM simulated_messages`).get() as { n: number }).n;

describe('test message safeguards', () => {
  it('keeps quiet hours in the clinic zone for texts and calls (email is not a phone contact)', async () => {
    const e = engineAt('2026-11-26 21:30');
    await expect(e.services.sendTestMessage({ channel: 'sms', to: '(212) 555-0199', actor: 'desk' })).rejects.toMatchObject({
      code: 'SAFEGUARD_BLOCKED',
      message: expect.stringContaining('quiet hours: texts and calls go out only 08:00–21:00 clinic time (it is 21:30)'),
    });
    e.clock.set(local('2026-11-27 07:59'));
    await expect(e.services.sendTestMessage({ channel: 'voice', to: '(212) 555-0199', actor: 'desk' })).rejects.toMatchObject({
      code: 'SAFEGUARD_BLOCKED',
    });
    expect(providerCalls(e)).toBe(0);
    await expect(e.services.sendTestMessage({ channel: 'email', to: 'me@example.com', actor: 'desk' })).resolves.toMatchObject({
      outcome: 'simulated',
    });
    e.clock.set(local('2026-11-27 08:00'));
    await expect(e.services.sendTestMessage({ channel: 'sms', to: '(212) 555-0199', actor: 'desk' })).resolves.toMatchObject({
      outcome: 'simulated',
    });
  });

  it(`allows ${TEST_MESSAGES_PER_ADDRESS_PER_DAY} per number per clinic day, counted durably across a restart`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'frontdesk-test-message-'));
    dirs.push(dir);
    const file = join(dir, 'frontdesk.db');
    const first = engineAt('2026-11-26 09:00', file);
    for (let i = 0; i < TEST_MESSAGES_PER_ADDRESS_PER_DAY; i++) {
      first.clock.advance(60_000);
      // SMS and calls to one number share the count; the number is compared in E.164.
      const channel = i % 2 === 0 ? 'sms' : 'voice';
      await expect(
        first.services.sendTestMessage({ channel, to: i === 1 ? '+1 212 555 0199' : '(212) 555-0199', actor: 'desk' }),
      ).resolves.toMatchObject({ outcome: 'simulated' });
    }
    first.clock.advance(60_000);
    await expect(first.services.sendTestMessage({ channel: 'sms', to: '(212) 555-0199', actor: 'desk' })).rejects.toMatchObject({
      code: 'SAFEGUARD_BLOCKED',
      message: expect.stringContaining('+12125550199 has had 3 test messages today'),
    });
    // Another number has its own count.
    await expect(first.services.sendTestMessage({ channel: 'sms', to: '(212) 555-0198', actor: 'desk' })).resolves.toMatchObject({
      outcome: 'simulated',
    });
    const sent = providerCalls(first);
    first.cleanup();
    engines.splice(engines.indexOf(first), 1);

    const again = engineAt('2026-11-26 20:59', file);
    await expect(again.services.sendTestMessage({ channel: 'sms', to: '(212) 555-0199', actor: 'web' })).rejects.toMatchObject({
      code: 'SAFEGUARD_BLOCKED',
    });
    expect(providerCalls(again)).toBe(sent);
    // A new clinic day (America/New_York) starts a new count.
    again.clock.set(local('2026-11-27 08:00'));
    await expect(again.services.sendTestMessage({ channel: 'sms', to: '(212) 555-0199', actor: 'web' })).resolves.toMatchObject({
      outcome: 'simulated',
    });
  });

  it('email addresses are limited too, whatever their case', async () => {
    const e = engineAt('2026-11-26 09:00');
    for (let i = 0; i < TEST_MESSAGES_PER_ADDRESS_PER_DAY; i++) {
      e.clock.advance(60_000);
      await e.services.sendTestMessage({ channel: 'email', to: i === 0 ? 'Me@Example.com' : 'me@example.com', actor: 'desk' });
    }
    await expect(e.services.sendTestMessage({ channel: 'email', to: 'ME@example.com', actor: 'desk' })).rejects.toMatchObject({
      code: 'SAFEGUARD_BLOCKED',
    });
  });

  it('never texts or calls a number that sent STOP', async () => {
    const e = engineAt('2026-11-26 09:00');
    markRecipientOptedOut(e.db, '+12125550199', 'sms', e.clock.now());
    await expect(e.services.sendTestMessage({ channel: 'sms', to: '(212) 555-0199', actor: 'desk' })).rejects.toMatchObject({
      code: 'SAFEGUARD_BLOCKED',
      message: expect.stringContaining('opted out'),
    });
    expect(providerCalls(e)).toBe(0);
  });

  it('the template preview uses an appointment tomorrow at 10:30 clinic time, in any season and zone', async () => {
    const e = engineAt('2026-07-15 09:00'); // EDT: 10:30 New York is 14:30 UTC, not 15:30
    expect(e.services.previewTemplate({ kind: 'sms', text: '{clinic} {weekday} {date} {time}. Reply STOP to opt out.' }).text).toContain(
      'Thursday Jul 16 10:30 AM',
    );
  });
});
