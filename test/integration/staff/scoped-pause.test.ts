import { afterEach, describe, expect, it } from 'vitest';
import type { OutgoingMessage, SendResult, Transport, Transports } from '../../../electron/core/channels/channel';
import { SimulateTransport } from '../../../electron/core/channels/simulate';
import type { WritableDB } from '../../../electron/core/db/connection';
import type { Clock } from '../../../electron/core/platform/clock';
import { createEngine } from '../../../electron/core/compose';
import { createTestEngine, importRows, local, phone, type TestEngine } from '../../helpers/engine';

let engine: TestEngine | undefined;
afterEach(() => {
  engine?.cleanup();
  engine = undefined;
});

function hooked(onSend: (m: OutgoingMessage) => void) {
  return (db: WritableDB, clock: Clock): Transports => {
    const wrap = (channel: 'email' | 'sms' | 'voice'): Transport => {
      const inner = new SimulateTransport(channel, db, clock);
      return {
        name: 'simulate',
        channel,
        send: async (m): Promise<SendResult> => {
          onSend(m);
          return inner.send(m);
        },
        reconcile: (m) => inner.reconcile(m),
      };
    };
    return { email: wrap('email'), sms: wrap('sms'), voice: wrap('voice'), description: 'hooked simulate' };
  };
}

const sentTo = (db: WritableDB): string[] =>
  (
    db.prepare(`SELECT a.external_id AS id FROM contacts c JOIN appointments a ON a.id = c.appointment_id ORDER BY c.id`).all() as {
      id: string;
    }[]
  ).map((r) => r.id);
const rowOf = (db: WritableDB, id: string) =>
  db
    .prepare(
      `SELECT o.state, o.reason FROM outbox o JOIN appointments a ON a.id = o.appointment_id WHERE a.external_id = ? AND o.channel = 'sms'`,
    )
    .get(id) as {
    state: string;
    reason: string | null;
  };

// Tomorrow 10:00: the SMS step (24 h before) is due now, at 11:00 the day before.
const twoProviders = [
  { id: 'P1', name: 'Ann Patel-patient', phone: phone(1), startsAt: '2026-11-28 10:00', provider: 'Dr. Patel' },
  { id: 'C1', name: 'Bob Chen-patient', phone: phone(2), startsAt: '2026-11-28 10:00', provider: 'Dr. Chen' },
];

describe('scoped pause: one provider or one channel', () => {
  it('a paused provider sends nothing (the claim holds its reminders pending); the others go; resume lets them go', async () => {
    engine = createTestEngine({ now: local('2026-11-27 11:00') });
    importRows(engine, twoProviders);
    engine.services.pauseScope({ scope: 'provider', target: 'dr. patel', reason: 'out sick', actor: 'Maria (desk 2)' });
    const first = await engine.services.dispatch();
    expect(first).toMatchObject({ sent: 1, paused: false });
    expect(sentTo(engine.db)).toEqual(['C1']);
    expect(rowOf(engine.db, 'P1')).toEqual({ state: 'pending', reason: 'provider dr. patel paused: out sick' });
    // Still held a cycle later.
    engine.clock.advance(2 * 60_000);
    await engine.services.dispatch();
    expect(sentTo(engine.db)).toEqual(['C1']);
    engine.services.resumeScope({ scope: 'provider', target: 'Dr. Patel', actor: 'Maria (desk 2)' });
    engine.clock.advance(2 * 60_000);
    expect(await engine.services.dispatch()).toMatchObject({ sent: 1 });
    expect(sentTo(engine.db)).toEqual(['C1', 'P1']);
  });

  it('a paused channel sends nothing on it; the audit log says who paused and resumed it', async () => {
    engine = createTestEngine({ now: local('2026-11-27 11:00') });
    importRows(engine, twoProviders);
    engine.services.pauseScope({ scope: 'channel', target: 'sms', reason: 'carrier problem', actor: 'Maria (desk 2)' });
    expect(await engine.services.dispatch()).toMatchObject({ sent: 0 });
    expect(engine.services.status().scopedPauses).toEqual([
      expect.objectContaining({ scope: 'channel', target: 'sms', reason: 'carrier problem', pausedBy: 'Maria (desk 2)' }),
    ]);
    engine.services.resumeScope({ scope: 'channel', target: 'sms', actor: 'Ravi (desk 1)' });
    expect(await engine.services.dispatch()).toMatchObject({ sent: 2 });
    const audit = engine.services.auditLog({ limit: 10 });
    expect(audit.filter((e) => e.kind.startsWith('scope_')).map((e) => [e.kind, e.actor])).toEqual([
      ['scope_resumed', 'Ravi (desk 1)'],
      ['scope_paused', 'Maria (desk 2)'],
    ]);
  });

  it('the final check before each provider request refuses a reminder whose provider was paused after the claim', async () => {
    let paused = false;
    engine = createTestEngine({
      now: local('2026-11-27 11:00'),
      transports: hooked((m) => {
        // The first send (Dr. Chen's, claimed first) pauses Dr. Patel while both are already claimed.
        if (!paused) {
          paused = true;
          engine!.services.pauseScope({ scope: 'provider', target: 'Dr. Patel', reason: 'just called in sick', actor: 'test' });
        }
        void m;
      }),
    });
    importRows(engine, [twoProviders[1]!, twoProviders[0]!]);
    await engine.services.dispatch();
    expect(sentTo(engine.db)).toEqual(['C1']);
    expect(rowOf(engine.db, 'P1').state).toBe('pending');
    expect(rowOf(engine.db, 'P1').reason).toContain('paused before sending (provider Dr. Patel paused: just called in sick)');
  });

  it('persists in the control file: another engine on the same schedule file sees the scoped pause', async () => {
    engine = createTestEngine({ now: local('2026-11-27 11:00') });
    importRows(engine, twoProviders);
    engine.services.pauseScope({ scope: 'provider', target: 'Dr. Patel', reason: 'out sick', actor: 'test' });
    const second = createEngine({ dbFile: engine.file, clock: engine.clock });
    try {
      expect(second.services.status().scopedPauses?.map((p) => p.target)).toEqual(['Dr. Patel']);
      await second.services.dispatch();
    } finally {
      second.close();
    }
    expect(sentTo(engine.db)).toEqual(['C1']);
  });

  it('resuming a scope that is not paused is a clear error', () => {
    engine = createTestEngine({ now: local('2026-11-27 11:00') });
    expect(() => engine!.services.resumeScope({ scope: 'provider', target: 'Dr. Who', actor: 'test' })).toThrow(
      'provider Dr. Who is not paused',
    );
  });
});

describe('resume review: what would go, and leaving items out', () => {
  it('a scoped review lists only that scope; the global review counts what a scoped pause still holds', () => {
    engine = createTestEngine({ now: local('2026-11-27 11:00') });
    importRows(engine, twoProviders);
    engine.services.pauseScope({ scope: 'provider', target: 'Dr. Patel', reason: 'out sick', actor: 'test' });
    const scoped = engine.services.resumeReview({ scope: { scope: 'provider', target: 'Dr. Patel' } });
    expect(scoped.waiting.flatMap((g) => g.items.map((i) => i.appointment))).toEqual(['P1']);
    const global = engine.services.resumeReview();
    expect(global.waiting.flatMap((g) => g.items.map((i) => i.appointment))).toEqual(['C1']);
    expect(global.heldByScopedPause).toBe(1);
  });

  it('left-out items are never sent, are audited with who left them out, and the rest goes', async () => {
    engine = createTestEngine({ now: local('2026-11-27 11:00') });
    importRows(engine, twoProviders);
    engine.services.pause({ reason: 'checking', actor: 'test' });
    const review = engine.services.resumeReview();
    expect(review.waiting).toHaveLength(2);
    engine.services.resume({ actor: 'Maria (desk 2)', leaveOut: [{ appointment: 'P1', rule: 'sms-24h' }] });
    expect(rowOf(engine.db, 'P1')).toEqual({ state: 'suppressed', reason: 'left out at resume by Maria (desk 2)' });
    expect(await engine.services.dispatch()).toMatchObject({ sent: 1 });
    expect(sentTo(engine.db)).toEqual(['C1']);
    // A later re-plan (the appointment touched again) does not bring it back.
    engine.services.plan();
    engine.clock.advance(5 * 60_000);
    await engine.services.dispatch();
    expect(sentTo(engine.db)).toEqual(['C1']);
    const audit = engine.services.auditLog({ limit: 10 }).find((e) => e.kind === 'resume_left_out');
    expect(audit).toMatchObject({ actor: 'Maria (desk 2)', detail: { ended: 1, items: [{ appointment: 'P1', rule: 'sms-24h' }] } });
  });

  it('a scoped resume can leave items out too', async () => {
    engine = createTestEngine({ now: local('2026-11-27 11:00') });
    importRows(engine, [...twoProviders, { id: 'P2', name: 'Cy', phone: phone(3), startsAt: '2026-11-28 10:30', provider: 'Dr. Patel' }]);
    engine.services.pauseScope({ scope: 'provider', target: 'Dr. Patel', reason: 'out sick', actor: 'test' });
    engine.services.resumeScope({
      scope: 'provider',
      target: 'Dr. Patel',
      actor: 'test',
      leaveOut: [{ appointment: 'P2', rule: 'sms-24h' }],
    });
    await engine.services.dispatch();
    expect(sentTo(engine.db).sort()).toEqual(['C1', 'P1']);
  });
});
