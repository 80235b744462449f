import { afterEach, describe, expect, it } from 'vitest';
import { HOUR, MINUTE, SECOND } from './constants';
import { e164, importRows, local, phone } from '../../helpers/engine';
import {
  creates,
  ledgerRows,
  outboxRow,
  outboxRows,
  recipientFacts,
  startTwilioWorld,
  type TwilioTestEngine,
  type TwilioWorld,
} from '../../helpers/twilio-engine';

/**
 * Each Twilio error class through the engine (docs/twilio.md#error-codes): the real SDK gets the
 * fake's answers, the transports map them, the dispatcher records them, later cycles honour them.
 */

let world: TwilioWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** SMS step of an appointment at Nov 28 10:00 is open from Nov 27 10:00 to Nov 28 08:00. */
const SMS_TIME = local('2026-11-27 10:00');
const RECONCILE_AFTER = 31 * SECOND;

async function smsWorld(n = 1): Promise<{ world: TwilioWorld; engine: TwilioTestEngine }> {
  world = await startTwilioWorld({ now: SMS_TIME });
  const engine = world.engine();
  importRows(
    engine,
    Array.from({ length: n }, (_, i) => ({ id: `E${i + 1}`, name: `Patient ${i + 1}`, phone: phone(i + 1), startsAt: '2026-11-28 10:00' })),
  );
  return { world, engine };
}

async function smsCreates(w: TwilioWorld, to?: string) {
  return creates(await w.fake.requests(), 'Messages', to);
}

async function acceptedMessagesTo(w: TwilioWorld, to: string) {
  return (await w.fake.state()).messages.filter((m) => m.direction === 'outbound-api' && m.to === to);
}

describe('definite rejections', () => {
  it('21211 invalid number: failed "fix this number", recipient marked invalid, never retried or called', async () => {
    const { world: w, engine } = await smsWorld();
    await w.fake.addFault({
      match: { method: 'POST', path: 'Messages.json', to: e164(1) },
      action: { kind: 'error', status: 400, code: 21211, message: `The 'To' number ${e164(1)} is not a valid phone number.` },
    });
    expect(await engine.services.dispatch()).toMatchObject({ sent: 0, failed: 1, unknown: 0, paused: false });
    const row = outboxRow(engine.db, 'E1', 'sms');
    expect(row.state).toBe('failed');
    expect(row.reason).toContain('fix this number');
    expect(recipientFacts(engine.db, e164(1))?.invalid_reason).toContain('21211');
    expect(ledgerRows(engine.db)).toMatchObject([{ channel: 'sms', outcome: 'failed', counts_for_budget: 0, error_code: '21211' }]);
    expect(engine.services.status().needsAttention).toBeGreaterThanOrEqual(1);
    expect(engine.services.today({ date: '2026-11-28' })[0]?.phoneInvalid).toContain('21211');

    // Later cycles, including the call step: nothing more goes to that number.
    for (const at of ['2026-11-27 10:05', '2026-11-27 14:00', '2026-11-28 08:00', '2026-11-28 08:30']) {
      w.clock.set(local(at));
      await engine.services.dispatch();
    }
    const log = await w.fake.requests();
    expect(creates(log, 'Messages', e164(1))).toHaveLength(1);
    expect(creates(log, 'Calls')).toHaveLength(0);
    expect(outboxRow(engine.db, 'E1', 'sms').state).toBe('failed');
    expect(outboxRow(engine.db, 'E1', 'voice')).toMatchObject({ state: 'suppressed', reason: expect.stringContaining('invalid number') });
  });

  it('21610 unsubscribed: the number is opted out and later SMS to it are suppressed', async () => {
    world = await startTwilioWorld({ now: SMS_TIME });
    const engine = world.engine();
    importRows(engine, [
      { id: 'O1', name: 'Pat Doe', phone: phone(2), startsAt: '2026-11-28 10:00' },
      { id: 'O2', name: 'Pat Doe', phone: phone(2), startsAt: '2026-11-30 10:00' },
    ]);
    await world.fake.addFault({
      match: { method: 'POST', path: 'Messages.json', to: e164(2) },
      action: { kind: 'error', status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' },
    });
    expect(await engine.services.dispatch()).toMatchObject({ sent: 0, failed: 1 });
    expect(outboxRow(engine.db, 'O1', 'sms')).toMatchObject({ state: 'failed', reason: expect.stringContaining('opted out') });
    expect(recipientFacts(engine.db, e164(2))?.opted_out_at).toBe(SMS_TIME);
    expect(engine.services.today({ date: '2026-11-28' })[0]?.optedOut).toBe(true);

    // O1's call and O2's SMS are both suppressed at the final check, before any provider request.
    world.clock.set(local('2026-11-28 08:00'));
    await engine.services.dispatch();
    world.clock.set(local('2026-11-29 10:00'));
    await engine.services.dispatch();
    expect(outboxRow(engine.db, 'O1', 'voice')).toMatchObject({ state: 'suppressed', reason: 'number opted out (STOP)' });
    expect(outboxRow(engine.db, 'O2', 'sms')).toMatchObject({ state: 'suppressed', reason: 'number opted out (STOP)' });
    const log = await world.fake.requests();
    expect(creates(log, 'Messages', e164(2))).toHaveLength(1);
    expect(creates(log, 'Calls')).toHaveLength(0);
  });

  it("429 after the SDK's own retries: pending with backoff, sent on a later cycle inside the window", async () => {
    const { world: w, engine } = await smsWorld();
    // autoRetry makes up to 4 requests (1 + 3 retries of 429 only); all four are refused.
    await w.fake.addFault({
      match: { method: 'POST', path: 'Messages.json' },
      action: { kind: 'error', status: 429, code: 20429, message: 'Too Many Requests' },
      times: 4,
    });
    expect(await engine.services.dispatch()).toMatchObject({ sent: 0, deferred: 1, failed: 0, unknown: 0 });
    const row = outboxRow(engine.db, 'E1', 'sms');
    expect(row).toMatchObject({ state: 'pending', reason: 'provider busy; retrying', attempts: 1 });
    expect(row.not_before).toBeGreaterThan(SMS_TIME);
    expect(row.not_before).toBeLessThan(row.expires_at);
    expect(await smsCreates(w)).toHaveLength(4);
    expect(ledgerRows(engine.db)).toMatchObject([{ outcome: 'failed', counts_for_budget: 0, error_code: '20429' }]);

    // Not before the backoff ends…
    w.clock.set(row.not_before - SECOND);
    expect(await engine.services.dispatch()).toMatchObject({ sent: 0 });
    expect(await smsCreates(w)).toHaveLength(4);
    // …then sent, once; the refused attempt does not count against the daily budget.
    w.clock.set(row.not_before + SECOND);
    expect(await engine.services.dispatch()).toMatchObject({ sent: 1 });
    expect(await smsCreates(w)).toHaveLength(5);
    expect(await acceptedMessagesTo(w, e164(1))).toHaveLength(1);
    expect(outboxRow(engine.db, 'E1', 'sms')).toMatchObject({ state: 'sent', attempts: 2 });
    expect(w.clock.now()).toBeLessThan(row.expires_at);
  });

  it('401/20003 pauses the engine (config) and nothing else is sent', async () => {
    world = await startTwilioWorld({ now: SMS_TIME });
    const engine = world.engine({ config: { authToken: 'wrong-token' } });
    importRows(engine, [
      { id: 'A1', name: 'Ann', phone: phone(1), startsAt: '2026-11-28 10:00' },
      { id: 'A2', name: 'Bob', phone: phone(2), startsAt: '2026-11-28 11:00' },
      { id: 'A3', name: 'Cy', phone: phone(3), startsAt: '2026-11-28 12:00' },
      // Its call step is due now too: it must not be dialled either.
      { id: 'A4', name: 'Di', phone: phone(4), startsAt: '2026-11-27 11:00' },
    ]);
    const result = await engine.services.dispatch();
    expect(result).toMatchObject({ sent: 0, paused: true });
    const status = engine.services.status();
    expect(status).toMatchObject({ paused: true, pauseKind: 'config' });
    expect(status.reason).toContain('20003');
    const posts = (await world.fake.requests()).filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.path).toMatch(/\/(Messages|Calls)\.json$/);
    // Nothing left `sending`; every SMS and call is still there to send once a human fixes the credentials.
    const phoneRows = outboxRows(engine.db).filter((r) => r.channel !== 'email' && r.state !== 'expired');
    expect(phoneRows.length).toBeGreaterThanOrEqual(4);
    expect(phoneRows.filter((r) => r.state !== 'pending')).toEqual([]);
    expect(ledgerRows(engine.db)).toMatchObject([{ outcome: 'failed', counts_for_budget: 0, error_code: '20003' }]);

    // Later cycles stay paused and make no provider request at all.
    world.clock.advance(5 * MINUTE);
    expect(await engine.services.dispatch()).toMatchObject({ sent: 0, paused: true });
    expect((await world.fake.requests()).filter((r) => r.method === 'POST')).toHaveLength(1);
  });
});

describe('outcome unknown (5xx, dropped connection) → reconciled before any retry', () => {
  it('accepted but lost: found at the provider → sent, with no second create', async () => {
    const { world: w, engine } = await smsWorld();
    await w.fake.addFault({ match: { method: 'POST', path: 'Messages.json' }, action: { kind: 'accept_then_drop' }, times: 1 });
    expect(await engine.services.dispatch()).toMatchObject({ sent: 0, unknown: 1 });
    expect(outboxRow(engine.db, 'E1', 'sms').state).toBe('unknown');
    expect(ledgerRows(engine.db)).toMatchObject([{ outcome: 'unknown', counts_for_budget: 1 }]);

    // Before reconcileAfterMs nothing is decided and nothing is resent.
    w.clock.advance(10 * SECOND);
    await engine.services.dispatch();
    expect(outboxRow(engine.db, 'E1', 'sms').state).toBe('unknown');
    expect(await smsCreates(w)).toHaveLength(1);

    w.clock.advance(RECONCILE_AFTER);
    await engine.services.dispatch();
    const [stored] = await acceptedMessagesTo(w, e164(1));
    expect(outboxRow(engine.db, 'E1', 'sms')).toMatchObject({
      state: 'sent',
      reason: 'confirmed with the provider after an interruption',
      provider_id: stored?.sid,
      attempts: 1,
    });
    expect(ledgerRows(engine.db)).toMatchObject([{ outcome: 'sent', provider_id: stored?.sid, counts_for_budget: 1 }]);
    for (let i = 0; i < 3; i += 1) {
      w.clock.advance(10 * MINUTE);
      await engine.services.dispatch();
    }
    expect(await smsCreates(w)).toHaveLength(1);
    // Delivery polling picks the reconciled message up like any other.
    expect(outboxRow(engine.db, 'E1', 'sms').state).toBe('delivered');
  });

  it.each([
    ['HTTP 500 JSON', { kind: 'error', status: 500, code: 20500, message: 'Internal Server Error' }],
    ['HTTP 503 JSON', { kind: 'error', status: 503, code: 20503, message: 'Service Unavailable' }],
    ['HTML 502 from a proxy', { kind: 'html', status: 502 }],
    ['dropped connection', { kind: 'drop' }],
  ] as const)('%s, not found at the provider → SMS retried once: two creates, one accepted', async (_name, action) => {
    const { world: w, engine } = await smsWorld();
    await w.fake.addFault({ match: { method: 'POST', path: 'Messages.json' }, action, times: 1 });
    expect(await engine.services.dispatch()).toMatchObject({ sent: 0, unknown: 1 });
    expect(outboxRow(engine.db, 'E1', 'sms').state).toBe('unknown');

    w.clock.advance(RECONCILE_AFTER);
    expect(await engine.services.dispatch()).toMatchObject({ sent: 1, unknown: 0 });
    for (let i = 0; i < 3; i += 1) {
      w.clock.advance(10 * MINUTE);
      await engine.services.dispatch();
    }
    expect(await smsCreates(w, e164(1))).toHaveLength(2);
    expect(await acceptedMessagesTo(w, e164(1))).toHaveLength(1);
    expect(outboxRow(engine.db, 'E1', 'sms')).toMatchObject({ state: 'delivered', attempts: 2 });
    // The lost attempt does not count against the budget; the delivered one does.
    expect(ledgerRows(engine.db).map((l) => [l.outcome, l.counts_for_budget])).toEqual([
      ['failed', 0],
      ['delivered', 1],
    ]);
  });

  it('a timeout whose create landed after all: reconciled as sent, never resent', async () => {
    world = await startTwilioWorld({ now: SMS_TIME });
    const engine = world.engine({ config: { timeoutMs: 300 } });
    importRows(engine, [{ id: 'T1', name: 'Tim', phone: phone(1), startsAt: '2026-11-28 10:00' }]);
    await world.fake.addFault({
      match: { method: 'POST', path: 'Messages.json' },
      action: { kind: 'delay', ms: 600, thenProcess: true },
      times: 1,
    });
    expect(await engine.services.dispatch()).toMatchObject({ sent: 0, unknown: 1 });
    // Let the held request finish at the fake (it creates the message after the client gave up).
    await new Promise((r) => setTimeout(r, 700));
    world.clock.advance(RECONCILE_AFTER);
    await engine.services.dispatch();
    expect(outboxRow(engine.db, 'T1', 'sms')).toMatchObject({ state: 'sent', attempts: 1 });
    expect(await smsCreates(world, e164(1))).toHaveLength(1);
    expect(await acceptedMessagesTo(world, e164(1))).toHaveLength(1);
  });

  it('lost twice: SMS retried only once, then failed — at most two creates, none accepted', async () => {
    const { world: w, engine } = await smsWorld();
    await w.fake.addFault({ match: { method: 'POST', path: 'Messages.json' }, action: { kind: 'drop' } });
    await engine.services.dispatch();
    for (let i = 0; i < 5; i += 1) {
      w.clock.advance(RECONCILE_AFTER);
      await engine.services.dispatch();
    }
    expect(await smsCreates(w, e164(1))).toHaveLength(2);
    expect(await acceptedMessagesTo(w, e164(1))).toHaveLength(0);
    expect(outboxRow(engine.db, 'E1', 'sms')).toMatchObject({
      state: 'failed',
      reason: 'not found at the provider after an interruption',
      attempts: 2,
    });
    expect(engine.services.status().needsAttention).toBe(1);
  });

  it('a call whose outcome is unknown and not found is never re-dialled and needs attention', async () => {
    world = await startTwilioWorld({ now: local('2026-11-28 08:00') });
    const engine = world.engine();
    importRows(engine, [{ id: 'V1', name: 'Val', phone: phone(5), startsAt: '2026-11-28 10:00' }]);
    await world.fake.addFault({
      match: { method: 'POST', path: 'Calls.json' },
      action: { kind: 'error', status: 500, code: 20500 },
      times: 1,
    });
    expect(await engine.services.dispatch()).toMatchObject({ sent: 0, unknown: 1 });
    expect(outboxRow(engine.db, 'V1', 'voice').state).toBe('unknown');

    for (let i = 0; i < 4; i += 1) {
      world.clock.advance(RECONCILE_AFTER);
      await engine.services.dispatch();
    }
    expect(creates(await world.fake.requests(), 'Calls')).toHaveLength(1);
    expect(outboxRow(engine.db, 'V1', 'voice')).toMatchObject({
      state: 'failed',
      reason: expect.stringContaining('never re-dialled automatically'),
      attempts: 1,
    });
    expect(engine.services.status().needsAttention).toBe(1);
    expect(engine.services.auditLog({}).some((e) => e.kind === 'call_outcome_unknown')).toBe(true);
  });

  it('a call accepted but lost is found by reconciliation (queued or started) and not re-dialled', async () => {
    world = await startTwilioWorld({ now: local('2026-11-28 08:00') });
    const engine = world.engine();
    importRows(engine, [{ id: 'V2', name: 'Vic', phone: phone(6), startsAt: '2026-11-28 10:00' }]);
    await world.fake.addFault({ match: { method: 'POST', path: 'Calls.json' }, action: { kind: 'accept_then_drop' }, times: 1 });
    expect(await engine.services.dispatch()).toMatchObject({ unknown: 1 });
    world.clock.advance(RECONCILE_AFTER);
    await engine.services.dispatch();
    const [call] = (await world.fake.state()).calls;
    expect(outboxRow(engine.db, 'V2', 'voice')).toMatchObject({ state: 'sent', provider_id: call?.sid });
    world.clock.advance(5 * MINUTE);
    await engine.services.dispatch();
    expect(outboxRow(engine.db, 'V2', 'voice').state).toBe('delivered');
    expect(creates(await world.fake.requests(), 'Calls')).toHaveLength(1);
    expect(engine.services.status().needsAttention).toBe(0);
  });

  it('the 24 h window bounds every retry: nothing is sent after the SMS step expires', async () => {
    const { world: w, engine } = await smsWorld();
    await w.fake.addFault({ match: { method: 'POST', path: 'Messages.json' }, action: { kind: 'error', status: 429, code: 20429 } });
    await engine.services.dispatch();
    for (let t = SMS_TIME; t < local('2026-11-28 09:00'); t += HOUR) {
      w.clock.set(t);
      await engine.services.dispatch();
    }
    const row = outboxRow(engine.db, 'E1', 'sms');
    expect(['failed', 'expired']).toContain(row.state);
    expect(await acceptedMessagesTo(w, e164(1))).toHaveLength(0);
    // MAX_ATTEMPTS claims at most, each of up to four HTTP requests (the SDK's 429 retries).
    expect((await smsCreates(w)).length).toBeLessThanOrEqual(5 * 4);
  });
});
