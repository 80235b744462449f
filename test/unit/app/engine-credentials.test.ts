import { afterEach, describe, expect, it } from 'vitest';
import {
  holdForCredentials,
  lockedTransports,
  transportPlan,
  transportsOption,
  type TransportPlan,
} from '../../../electron/app/engine-credentials';
import { UNREADABLE_SECRETS_MESSAGE } from '../../../electron/app/secrets';
import { createTestEngine, importRows, local, outboxStates, phone, type TestEngine } from '../../helpers/engine';

const message = { outboxId: 1, idempotencyKey: 'k', channel: 'sms', to: '+12125550100', body: 'b', expiresAt: 0, claimedAt: 0 } as const;

describe('transportPlan', () => {
  it('nothing stored → simulate; stored → the configured channels; unreadable → locked, never simulate', () => {
    expect(transportPlan({ kind: 'ok', values: {} })).toEqual({ kind: 'simulate' });
    expect(transportPlan({ kind: 'ok', values: { smtpUrl: 'smtp://h', emailFrom: 'a@b' } })).toEqual({
      kind: 'configured',
      config: { smtpUrl: 'smtp://h', emailFrom: 'a@b' },
    });
    expect(transportPlan({ kind: 'unreadable', problem: 'decryption failed' })).toEqual({ kind: 'locked', problem: 'decryption failed' });
    expect(transportsOption({ kind: 'simulate' })).toBeUndefined();
    expect(transportsOption({ kind: 'locked', problem: 'x' })).toBeTypeOf('function');
  });

  it('locked: every channel is present (nothing "not configured") and every send is refused with a pause', async () => {
    const t = lockedTransports();
    expect(t.description).not.toMatch(/^simulate/);
    for (const transport of [t.email, t.sms, t.voice]) {
      expect(transport).toBeDefined();
      expect(await transport!.send({ ...message, channel: transport!.channel })).toEqual({
        kind: 'rejected',
        error: UNREADABLE_SECRETS_MESSAGE,
        action: 'pause',
      });
      expect(await transport!.reconcile(message)).toMatchObject({ kind: 'unavailable' });
    }
  });
});

describe('desktop engine with unreadable credentials', () => {
  let engine: TestEngine | undefined;
  afterEach(() => engine?.cleanup());

  const locked: TransportPlan = { kind: 'locked', problem: 'decryption failed' };
  function startEngine(plan: TransportPlan): TestEngine {
    const transports = transportsOption(plan);
    const e = createTestEngine({ now: local('2026-11-27 10:30'), ...(transports ? { transports } : {}) });
    holdForCredentials(e.services, plan);
    importRows(e, [{ id: 'A1', name: 'Maria Gonzalez', phone: phone(7), email: 'maria@example.org', startsAt: '2026-11-28 10:00' }]);
    e.clock.advance(10 * 60_000); // past the settle time
    return e;
  }

  it('starts paused with the reason, and contacts (or simulates) nobody', async () => {
    engine = startEngine(locked);
    expect(engine.services.status()).toMatchObject({ paused: true, reason: UNREADABLE_SECRETS_MESSAGE });
    expect(engine.services.status().transport).not.toMatch(/^simulate/);
    expect(await engine.services.dispatch()).toMatchObject({ sent: 0, paused: true });
    expect(engine.services.contacts({})).toEqual([]);
  });

  it('even after a resume nothing goes out: the first send pauses the engine again and the reminder waits', async () => {
    engine = startEngine(locked);
    engine.services.resume({ actor: 'desk' });
    const result = await engine.services.dispatch();
    expect(result.sent).toBe(0);
    expect(engine.services.status()).toMatchObject({ paused: true, pauseKind: 'config' });
    expect(engine.services.status().reason).toContain('could not be read');
    // The ledger records the refused attempt (nothing reached a provider), as for any provider refusal.
    expect(engine.services.contacts({}).map((c) => c.outcome)).toEqual(['failed']);
    expect(outboxStates(engine.db)['pending']).toBeGreaterThan(0);
  });

  it('an existing pause (a breaker, a person) is left as it is', () => {
    engine = createTestEngine({ now: local('2026-11-27 10:30') });
    engine.services.pause({ reason: 'lunch', actor: 'desk' });
    expect(holdForCredentials(engine.services, locked)).toBe(true);
    expect(engine.services.status()).toMatchObject({ paused: true, reason: 'lunch' });
    expect(holdForCredentials(engine.services, { kind: 'simulate' })).toBe(false);
  });

  it('(control) the same schedule with nothing stored is simulated, so the tests above would see a silent switch', async () => {
    engine = startEngine({ kind: 'simulate' });
    expect(engine.services.status().paused).toBe(false);
    expect((await engine.services.dispatch()).sent).toBeGreaterThan(0);
    expect(engine.services.contacts({}).some((c) => c.outcome === 'simulated')).toBe(true);
  });
});
