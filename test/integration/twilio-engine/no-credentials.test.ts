import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DispatchResult, EngineStatus } from '../../../shared/domain/dto';
import { createEngine } from '../../../electron/core/compose';
import { ManualScheduler } from '../../../electron/core/jobs/scheduler';
import { ManualClock } from '../../../electron/core/platform/clock';
import { transportsFromEnv } from '../../../electron/host/cli/transports-from-env';
import { createTestEngine, e164, importRows, local, phone, setSettleMinutes } from '../../helpers/engine';
import { cliEnv, fakeTwilioEnv, runCliJson } from '../../helpers/twilio-engine-cli';
import { creates, EMAIL_FROM, outboxRows, startTwilioWorld, type TwilioWorld } from '../../helpers/twilio-engine';

/**
 * Transports (docs/cli.md#environment): no FRONTDESK_TRANSPORT means simulate (nobody is contacted, even with Twilio
 * credentials in the environment); FRONTDESK_TRANSPORT=twilio without SMTP_URL suppresses email as
 * "channel not configured" instead of dropping it silently, while SMS still goes through Twilio.
 */

let world: TwilioWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const EMAIL_TIME = '2026-11-26T10:00:00-05:00';
const SMS_TIME = '2026-11-27T10:00:00-05:00';

/** A schedule file with one appointment (phone + email) on Nov 28 10:00, made in-process. */
function scheduleFile(w: TwilioWorld): string {
  const file = `${w.dir}/cli.db`;
  const setup = createTestEngine({ file, now: local('2026-11-26 09:00') });
  importRows(setup, [{ id: 'X1', name: 'Alex Kim', phone: phone(7), email: 'alex@example.org', startsAt: '2026-11-28 10:00' }]);
  setup.close();
  return file;
}

function rowsOf(file: string): { channel: string; state: string; reason: string | null }[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(`SELECT channel, state, reason FROM outbox ORDER BY id`).all() as {
      channel: string;
      state: string;
      reason: string | null;
    }[];
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  // Builds the CLI bundle now if a source is newer, so no test below pays for it.
  await runCliJson(['status', '--db', ':memory:'], cliEnv());
});

describe('no credentials', () => {
  it('FRONTDESK_TRANSPORT unset: the engine uses simulate, says so, and never calls Twilio (in-process)', async () => {
    world = await startTwilioWorld({ now: local('2026-11-27 10:00') });
    const clock = new ManualClock(local('2026-11-27 10:00'));
    // Twilio credentials are present, but nobody chose the twilio transport.
    const env = fakeTwilioEnv(world.fake, { FRONTDESK_TRANSPORT: undefined });
    delete env.FRONTDESK_TRANSPORT;
    const engine = createEngine({
      dbFile: `${world.dir}/sim.db`,
      clock,
      scheduler: new ManualScheduler(),
      sleep: async () => {},
      transports: (db, c) => transportsFromEnv(env, db, c),
    });
    try {
      setSettleMinutes(engine.db, 0);
      importRows(engine, [{ id: 'S1', name: 'Sim Ple', phone: phone(8), startsAt: '2026-11-28 10:00' }]);
      expect(engine.services.status().transport).toMatch(/^simulate/);
      expect(await engine.services.dispatch()).toMatchObject({ sent: 1 });
      expect(engine.services.contacts({})).toMatchObject([{ channel: 'sms', to: e164(8), outcome: 'simulated' }]);
      expect(await world.fake.requests()).toEqual([]);
    } finally {
      engine.close();
    }
  });

  it('FRONTDESK_TRANSPORT unset: the CLI uses simulate, `status` says so, nothing reaches Twilio or SMTP', async () => {
    world = await startTwilioWorld({ now: local('2026-11-27 10:00') });
    const file = scheduleFile(world);
    const env = fakeTwilioEnv(world.fake, { SMTP_URL: world.smtp.url, FRONTDESK_EMAIL_FROM: EMAIL_FROM });
    delete env.FRONTDESK_TRANSPORT;
    const status = await runCliJson<EngineStatus>(['status', '--db', file], env);
    expect(status.transport).toMatch(/^simulate/);
    expect(await runCliJson<DispatchResult>(['dispatch', '--db', file, '--now', EMAIL_TIME], env)).toMatchObject({ sent: 1 });
    expect(await runCliJson<DispatchResult>(['dispatch', '--db', file, '--now', SMS_TIME], env)).toMatchObject({ sent: 1 });
    const contacts = await runCliJson<{ channel: string; outcome: string }[]>(['contacts', '--db', file], env);
    expect(contacts.map((c) => [c.channel, c.outcome])).toEqual([
      ['email', 'simulated'],
      ['sms', 'simulated'],
    ]);
    expect(await world.fake.requests()).toEqual([]);
    expect(world.smtp.received).toEqual([]);
  });

  it('FRONTDESK_TRANSPORT=twilio without SMTP_URL: email suppressed "channel not configured", SMS still sent (CLI)', async () => {
    world = await startTwilioWorld({ now: local('2026-11-27 10:00') });
    const file = scheduleFile(world);
    const env = fakeTwilioEnv(world.fake, { FRONTDESK_EMAIL_FROM: EMAIL_FROM });
    const status = await runCliJson<EngineStatus>(['status', '--db', file], env);
    expect(status.transport).toMatch(/^twilio: /);
    expect(status.transport).toContain('email not configured');

    expect(await runCliJson<DispatchResult>(['dispatch', '--db', file, '--now', EMAIL_TIME], env)).toMatchObject({
      sent: 0,
      suppressed: 1,
    });
    expect(rowsOf(file).find((r) => r.channel === 'email')).toMatchObject({ state: 'suppressed', reason: 'channel not configured' });
    expect(await runCliJson<DispatchResult>(['dispatch', '--db', file, '--now', SMS_TIME], env)).toMatchObject({ sent: 1, failed: 0 });
    expect(rowsOf(file).find((r) => r.channel === 'sms')?.state).toBe('sent');
    expect(creates(await world.fake.requests(), 'Messages', e164(7))).toHaveLength(1);
    expect(world.smtp.received).toEqual([]);
    const contacts = await runCliJson<{ channel: string; outcome: string }[]>(['contacts', '--db', file], env);
    expect(contacts.map((c) => [c.channel, c.outcome])).toEqual([['sms', 'sent']]);
  });

  it('twilio without SMTP_URL, in-process: the email row is suppressed, not dropped, and status names the gap', async () => {
    world = await startTwilioWorld({ now: local('2026-11-26 10:00') });
    const engine = world.engine({ config: { smtpUrl: undefined } });
    importRows(engine, [{ id: 'X2', name: 'Eve', phone: phone(9), email: 'eve@example.org', startsAt: '2026-11-28 10:00' }]);
    expect(engine.transports.email).toBeUndefined();
    expect(engine.services.status().transport).toContain('email not configured (SMTP_URL, FRONTDESK_EMAIL_FROM)');
    expect(await engine.services.dispatch()).toMatchObject({ sent: 0, suppressed: 1 });
    expect(outboxRows(engine.db).find((r) => r.channel === 'email')).toMatchObject({
      state: 'suppressed',
      reason: 'channel not configured',
    });
    expect(world.smtp.received).toEqual([]);
  });
});
