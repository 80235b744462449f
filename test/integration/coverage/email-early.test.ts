import { afterEach, describe, expect, it } from 'vitest';
import { applySettingsUpdate } from '../../../electron/core/api/settings-update';
import { createTestEngine, importRows, local, phone, type TestEngine } from '../../helpers/engine';

let engine: TestEngine;
afterEach(() => engine?.cleanup());

/** A Monday 10:00 appointment: its email's window is Saturday 10:00 → Sunday 10:00, all desk-off time. */
const MONDAY = { id: 'M-1', name: 'Ana Diaz', phone: phone(1), email: 'ana@example.com', startsAt: '2026-12-07 10:00' };

function start(now: string, settings: { deskHours: string; emailEarlyHours?: number }): TestEngine {
  const e = createTestEngine({ now: local(now) });
  applySettingsUpdate(e.db, e.clock.now(), settings, 'test');
  importRows(e, [MONDAY]);
  e.services.plan();
  return e;
}

function emails(e: TestEngine): { state: string; sent: number } {
  const row = e.db.prepare(`SELECT id, state FROM outbox WHERE channel = 'email'`).get() as { id: number; state: string };
  const sent = e.db.prepare(`SELECT COUNT(*) FROM simulated_messages WHERE outbox_id = ?`).pluck().get(row.id) as number;
  return { state: row.state, sent };
}

describe('email early: an email at risk goes up to 24 h early', () => {
  it('sends Monday’s email on Friday afternoon, once, and leaves the text and the call as they were', async () => {
    engine = start('2026-12-04 15:00', { deskHours: 'Mon-Fri 07:30-18:00' });
    expect(engine.services.coverage({}).items.map((i) => i.channel)).toEqual(['email', 'sms']);
    await engine.services.dispatch();
    expect(emails(engine)).toMatchObject({ state: 'sent', sent: 1 });
    const attempt = engine.db.prepare(`SELECT attempted_at FROM contacts WHERE channel = 'email'`).pluck().get();
    expect(attempt).toBe(local('2026-12-04 15:00'));
    // The desk happens to be on at the email's own time: it does not go again.
    engine.clock.set(local('2026-12-05 10:30'));
    await engine.services.dispatch();
    expect(emails(engine).sent).toBe(1);
    // The text stays at risk (send-ahead is the text's remedy); calls are never sent early.
    expect(engine.services.coverage({}).items.map((i) => i.channel)).toEqual(['sms']);
    const other = engine.db.prepare(`SELECT channel, state FROM outbox WHERE channel <> 'email' ORDER BY channel`).all();
    expect(other).toEqual([
      { channel: 'sms', state: 'pending' },
      { channel: 'voice', state: 'pending' },
    ]);
  });

  it('waits until the email is at most 24 h from due', async () => {
    engine = start('2026-12-04 09:59', { deskHours: 'Mon-Fri 07:30-18:00' });
    await engine.services.dispatch();
    expect(emails(engine)).toMatchObject({ state: 'pending', sent: 0 });
    engine.clock.set(local('2026-12-04 10:00'));
    await engine.services.dispatch();
    expect(emails(engine)).toMatchObject({ state: 'sent', sent: 1 });
  });

  it('is off with emailEarlyHours 0, and not needed when the desk is open on Saturday', async () => {
    engine = start('2026-12-04 15:00', { deskHours: 'Mon-Fri 07:30-18:00', emailEarlyHours: 0 });
    await engine.services.dispatch();
    expect(emails(engine)).toMatchObject({ state: 'pending', sent: 0 });
    engine.cleanup();
    engine = start('2026-12-04 15:00', { deskHours: 'Mon-Fri 07:30-18:00, Sat 09:00-13:00' });
    await engine.services.dispatch();
    expect(emails(engine)).toMatchObject({ state: 'pending', sent: 0 });
  });

  it('keeps quiet hours in the recipient’s zone: not before 08:00 even when early sending would allow it', async () => {
    // Monday 06:30 appointment: email due Saturday 06:30, early from Friday 06:30; the desk opens at 05:00.
    engine = createTestEngine({ now: local('2026-12-04 06:45') });
    applySettingsUpdate(engine.db, engine.clock.now(), { deskHours: 'Mon-Fri 05:00-18:00' }, 'test');
    importRows(engine, [{ ...MONDAY, startsAt: '2026-12-07 06:30' }]);
    engine.services.plan();
    await engine.services.dispatch();
    expect(emails(engine)).toMatchObject({ state: 'pending', sent: 0 });
    engine.clock.set(local('2026-12-04 08:00'));
    await engine.services.dispatch();
    expect(emails(engine)).toMatchObject({ state: 'sent', sent: 1 });
  });

  it('waits out the settle time of the change that planned it', async () => {
    engine = createTestEngine({ now: local('2026-12-04 15:00'), settleMinutes: 3 });
    applySettingsUpdate(engine.db, engine.clock.now(), { deskHours: 'Mon-Fri 07:30-18:00' }, 'test');
    importRows(engine, [MONDAY]);
    engine.services.plan();
    engine.clock.set(local('2026-12-04 15:02'));
    await engine.services.dispatch();
    expect(emails(engine)).toMatchObject({ state: 'pending', sent: 0 });
    engine.clock.set(local('2026-12-04 15:03'));
    await engine.services.dispatch();
    expect(emails(engine)).toMatchObject({ state: 'sent', sent: 1 });
  });

  it('does not send early while paused, and the email still goes once after resume', async () => {
    engine = start('2026-12-04 15:00', { deskHours: 'Mon-Fri 07:30-18:00' });
    engine.services.pause({ reason: 'test', actor: 'test' });
    await engine.services.dispatch();
    expect(emails(engine)).toMatchObject({ state: 'pending', sent: 0 });
    engine.services.resume({ actor: 'test' });
    await engine.services.dispatch();
    await engine.services.dispatch();
    expect(emails(engine)).toMatchObject({ state: 'sent', sent: 1 });
  });
});
