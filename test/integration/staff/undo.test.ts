import { afterEach, describe, expect, it } from 'vitest';
import type { WritableDB } from '../../../electron/core/db/connection';
import { createTestEngine, importRows, local, phone, setSettleMinutes, type TestEngine } from '../../helpers/engine';

let engine: TestEngine | undefined;
afterEach(() => {
  engine?.cleanup();
  engine = undefined;
});

const states = (db: WritableDB): Record<string, string> =>
  Object.fromEntries(
    (db.prepare(`SELECT rule_id, state FROM outbox ORDER BY id`).all() as { rule_id: string; state: string }[]).map((r) => [
      r.rule_id,
      r.state,
    ]),
  );
const attempts = (db: WritableDB): number => (db.prepare('SELECT COUNT(*) AS n FROM contacts').get() as { n: number }).n;

/** Saturday 10:00, with email (48 h), SMS (24 h) and call (2 h) planned; now is Thursday 09:00. */
function seed(): TestEngine {
  const e = createTestEngine({ now: local('2026-11-26 09:00') });
  importRows(e, [{ id: 'A1', name: 'Maria Lopez', phone: phone(1), email: 'm@example.com', startsAt: '2026-11-28 10:00' }]);
  e.services.plan();
  return e;
}

describe('undo of a desk confirm or cancel', () => {
  it('undoing a cancel restores the appointment and re-plans its reminders after the settle time; what was sent is not sent again', async () => {
    engine = seed();
    engine.clock.set(local('2026-11-26 10:00'));
    expect(await engine.services.dispatch()).toMatchObject({ sent: 1 }); // the email went
    setSettleMinutes(engine.db, 3);
    const cancelled = engine.services.cancel({ appointment: 'A1', actor: 'Maria (desk 2)' });
    expect(cancelled.undo).toEqual({ undoId: expect.any(Number), until: expect.stringContaining('T10:05:00'), seconds: 300 });
    expect(states(engine.db)).toMatchObject({ 'sms-24h': 'cancelled', 'voice-2h': 'cancelled' });
    engine.clock.advance(60_000);
    const restored = engine.services.undo({ undoId: cancelled.undo!.undoId, actor: 'Maria (desk 2)' });
    expect(restored).toMatchObject({ appointment: 'A1', status: 'booked' });
    engine.services.plan();
    expect(states(engine.db)).toEqual({ 'email-48h': 'sent', 'sms-24h': 'pending', 'voice-2h': 'pending' });
    // The SMS is due tomorrow; move to when it is due: it goes once, the email never again.
    engine.clock.set(local('2026-11-27 10:00'));
    await engine.services.dispatch();
    expect(attempts(engine.db)).toBe(2);
    const kinds = engine.services.auditLog({ limit: 5 }).map((e) => [e.kind, e.actor]);
    expect(kinds).toContainEqual(['appointment_cancel_undone', 'Maria (desk 2)']);
  });

  it('a revived reminder waits for the settle time after the undo', async () => {
    engine = createTestEngine({ now: local('2026-11-27 11:00') });
    importRows(engine, [{ id: 'A1', name: 'Maria Lopez', phone: phone(1), startsAt: '2026-11-28 10:00' }]);
    setSettleMinutes(engine.db, 3);
    const confirmed = engine.services.confirm({ appointment: 'A1', actor: 'desk' });
    engine.services.undo({ undoId: confirmed.undo!.undoId, actor: 'desk' });
    engine.services.plan();
    expect(await engine.services.dispatch()).toMatchObject({ sent: 0 });
    engine.clock.advance(3 * 60_000);
    expect(await engine.services.dispatch()).toMatchObject({ sent: 1 });
  });

  it('undoing a confirm brings back the unconfirmed-only steps', () => {
    engine = seed();
    const confirmed = engine.services.confirm({ appointment: 'A1', actor: 'desk' });
    expect(states(engine.db)).toMatchObject({ 'sms-24h': 'cancelled', 'voice-2h': 'cancelled' });
    engine.services.undo({ undoId: confirmed.undo!.undoId, actor: 'desk' });
    engine.services.plan();
    expect(states(engine.db)).toEqual({ 'email-48h': 'pending', 'sms-24h': 'pending', 'voice-2h': 'pending' });
  });

  const refusals = [
    {
      name: 'after the undo window (5 minutes by default)',
      act: (e: TestEngine, id: number) => {
        e.clock.advance(5 * 60_000 + 1);
        return () => e.services.undo({ undoId: id, actor: 'desk' });
      },
      message: 'can no longer be undone (only for 5 minutes)',
    },
    {
      name: 'twice',
      act: (e: TestEngine, id: number) => {
        e.services.undo({ undoId: id, actor: 'desk' });
        return () => e.services.undo({ undoId: id, actor: 'desk' });
      },
      message: 'was already undone',
    },
    {
      name: 'when the appointment changed since (an import cancelled it)',
      act: (e: TestEngine, id: number) => {
        importRows(e, [
          { id: 'A1', name: 'Maria Lopez', phone: phone(1), email: 'm@example.com', startsAt: '2026-11-28 10:00', status: 'cancelled' },
        ]);
        return () => e.services.undo({ undoId: id, actor: 'desk' });
      },
      message: 'changed since (now cancelled)',
    },
  ];
  it.each(refusals)('is refused $name, and changes nothing', ({ act, message }) => {
    engine = seed();
    const confirmed = engine.services.confirm({ appointment: 'A1', actor: 'desk' });
    const attempt = act(engine, confirmed.undo!.undoId);
    const before = engine.db.prepare('SELECT status FROM appointments').get();
    expect(attempt).toThrow(message);
    expect(engine.db.prepare('SELECT status FROM appointments').get()).toEqual(before);
  });

  it('the undo time is a setting', async () => {
    engine = seed();
    await engine.services.updateSettings({ settings: { limits: { undoMinutes: 1 } }, actor: 'test' });
    const confirmed = engine.services.confirm({ appointment: 'A1', actor: 'desk' });
    engine.clock.advance(61_000);
    expect(() => engine!.services.undo({ undoId: confirmed.undo!.undoId, actor: 'desk' })).toThrow('only for 1 minutes');
  });
});
