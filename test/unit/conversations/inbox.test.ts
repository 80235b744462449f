import { afterEach, describe, expect, it } from 'vitest';
import type { SendResult, Transport } from '../../../electron/core/channels/channel';
import { countUnread, listThreads } from '../../../electron/core/db/repos/conversations-repo';
import { findAppointmentByExternalId } from '../../../electron/core/db/repos/appointments-repo';
import { applyReply } from '../../../electron/core/outbox/replies';
import { HOUR_MS } from '../../../electron/core/platform/clock';
import { createTestEngine, e164, importRows, local, phone, type TestEngine } from '../../helpers/engine';

let engine: TestEngine | undefined;
afterEach(() => {
  engine?.cleanup();
  engine = undefined;
});

function reply(e: TestEngine, id: string, from: string, body: string): string {
  const now = e.clock.now();
  return e.db.transaction(() => applyReply(e.db, { providerId: id, from, body, receivedAt: now }, now)).immediate();
}

function status(e: TestEngine, externalId: string): string {
  return findAppointmentByExternalId(e.db, 'csv', externalId)!.status;
}

function ledger(e: TestEngine): { kind: string; channel: string; counts_for_budget: number; rule_id: string; outcome: string }[] {
  return e.db.prepare(`SELECT kind, channel, counts_for_budget, rule_id, outcome FROM contacts ORDER BY id`).all() as never;
}

/** A family of two on one phone (Mon 10:00 and Tue 11:00), and a patient alone on another. */
function seedFamily(e: TestEngine): void {
  importRows(e, [
    { id: 'MOM', name: 'Ana Ruiz', phone: phone(1), startsAt: '2026-11-27 10:00' },
    { id: 'KID', name: 'Leo Ruiz', phone: phone(1), startsAt: '2026-11-28 11:00' },
    { id: 'SOLO', name: 'Bo Lee', phone: phone(2), startsAt: '2026-11-27 09:00' },
  ]);
}

describe('ambiguous C (a number shared by several upcoming appointments)', () => {
  it('confirms nothing, files the reply for staff, and audits it', () => {
    engine = createTestEngine({ now: local('2026-11-26 12:00') });
    seedFamily(engine);
    expect(reply(engine, 'SM1', e164(1), 'C')).toBe('confirm_ambiguous');
    expect(status(engine, 'MOM')).toBe('booked');
    expect(status(engine, 'KID')).toBe('booked');
    expect(countUnread(engine.db)).toEqual({ unread: 1, toResolve: 1 });
    const audit = engine.db.prepare(`SELECT kind FROM events WHERE kind = 'reply_ambiguous'`).all();
    expect(audit).toHaveLength(1);
  });

  it('one patient with two visits this week: C confirms the next one, as before', () => {
    engine = createTestEngine({ now: local('2026-11-26 12:00') });
    importRows(engine, [
      { id: 'P1', name: 'Kim Park', phone: phone(3), startsAt: '2026-11-27 10:00' },
      { id: 'P2', name: 'Kim Park', phone: phone(3), startsAt: '2026-11-30 10:00' },
    ]);
    expect(reply(engine, 'SM3', e164(3), 'C')).toBe('confirm');
    expect([status(engine, 'P1'), status(engine, 'P2')]).toEqual(['confirmed', 'booked']);
  });

  it('a C from a number with one upcoming appointment still confirms it, and arrives read', () => {
    engine = createTestEngine({ now: local('2026-11-26 12:00') });
    seedFamily(engine);
    expect(reply(engine, 'SM2', e164(2), 'c')).toBe('confirm');
    expect(status(engine, 'SOLO')).toBe('confirmed');
    expect(countUnread(engine.db)).toEqual({ unread: 0, toResolve: 0 });
  });

  it('staff resolve it: the chosen appointment is confirmed, the choice audited, and it resolves once', () => {
    engine = createTestEngine({ now: local('2026-11-26 12:00') });
    seedFamily(engine);
    reply(engine, 'SM1', e164(1), 'C');
    const kid = findAppointmentByExternalId(engine.db, 'csv', 'KID')!.id;
    const convo = engine.services.conversations.resolveConfirm({ messageKey: 'in:SM1', appointmentId: kid, actor: 'Maria' });
    expect(status(engine, 'KID')).toBe('confirmed');
    expect(status(engine, 'MOM')).toBe('booked');
    expect(convo.messages[0]).toMatchObject({ action: 'confirm_ambiguous', appointmentId: kid, resolvedBy: 'Maria' });
    const audit = engine.db.prepare(`SELECT actor, detail_json FROM events WHERE kind = 'reply_resolved'`).all() as { actor: string }[];
    expect(audit).toEqual([expect.objectContaining({ actor: 'Maria' })]);
    expect(countUnread(engine.db)).toEqual({ unread: 0, toResolve: 0 });
    expect(() => engine!.services.conversations.resolveConfirm({ messageKey: 'in:SM1', appointmentId: kid, actor: 'Maria' })).toThrow(
      /already resolved by Maria/,
    );
  });

  it('refuses an appointment of another number', () => {
    engine = createTestEngine({ now: local('2026-11-26 12:00') });
    seedFamily(engine);
    reply(engine, 'SM1', e164(1), 'C');
    const solo = findAppointmentByExternalId(engine.db, 'csv', 'SOLO')!.id;
    expect(() => engine!.services.conversations.resolveConfirm({ messageKey: 'in:SM1', appointmentId: solo, actor: 'desk' })).toThrow(
      /not one of this number/,
    );
    expect(status(engine, 'SOLO')).toBe('booked');
  });
});

describe('conversation repo', () => {
  it('groups texts and answers per number, keeps free text unread, and marks a thread read', () => {
    engine = createTestEngine({ now: local('2026-11-27 09:30') });
    seedFamily(engine);
    reply(engine, 'SM1', e164(2), 'running late, 10 min');
    reply(engine, 'SM2', e164(1), 'STOP');
    expect(listThreads(engine.db, 10).map((t) => [t.phone, t.unread])).toEqual([
      [e164(2), 1],
      [e164(1), 0],
    ]);
    const solo = engine.services.conversations.get({ phone: e164(2) });
    // Free text is filed under the number's appointment it is probably about (today's, just started).
    expect(solo.messages[0]).toMatchObject({ direction: 'in', body: 'running late, 10 min', action: 'other', read: false });
    expect(solo.messages[0]!.appointmentId).toBe(findAppointmentByExternalId(engine.db, 'csv', 'SOLO')!.id);
    expect(solo.patients).toEqual(['Bo Lee']);
    expect(engine.services.conversations.markRead({ phone: e164(2) })).toEqual({ unread: 0, toResolve: 0 });
    expect(engine.services.conversations.list()[0]).toMatchObject({ phone: e164(2), unread: 0, lastBody: 'running late, 10 min' });
  });
});

describe('staff answers by SMS', () => {
  it('go through the SMS transport, into the ledger as conversation (not counted as a reminder)', async () => {
    engine = createTestEngine({ now: local('2026-11-27 09:30') });
    seedFamily(engine);
    reply(engine, 'SM1', e164(2), 'running late');
    const result = await engine.services.conversations.reply({ phone: e164(2), body: 'No problem, see you soon.', actor: 'Maria' });
    expect(result).toMatchObject({ outcome: 'simulated', segments: 1, error: null });
    expect(ledger(engine)).toEqual([
      { kind: 'conversation', channel: 'sms', counts_for_budget: 0, rule_id: 'conversation', outcome: 'simulated' },
    ]);
    const sent = engine.db.prepare(`SELECT recipient, body FROM simulated_messages`).all();
    expect(sent).toEqual([{ recipient: e164(2), body: 'No problem, see you soon.' }]);
    const convo = engine.services.conversations.get({ phone: e164(2) });
    expect(convo.messages.map((m) => [m.direction, m.actor])).toEqual([
      ['in', null],
      ['out', 'Maria'],
    ]);
    expect(engine.services.contacts({}).at(-1)).toMatchObject({ kind: 'conversation', rule: 'conversation' });
  });

  it('are allowed only within 24 h of the patient’s last text', async () => {
    engine = createTestEngine({ now: local('2026-11-26 10:00') });
    seedFamily(engine);
    await expect(engine.services.conversations.reply({ phone: e164(2), body: 'Hello', actor: 'desk' })).rejects.toThrow(
      /has not texted the clinic/,
    );
    reply(engine, 'SM1', e164(2), 'what time is it?');
    engine.clock.set(engine.clock.now() + 24 * HOUR_MS - 60_000);
    await expect(engine.services.conversations.reply({ phone: e164(2), body: 'At 9', actor: 'desk' })).resolves.toMatchObject({
      outcome: 'simulated',
    });
    engine.clock.set(engine.clock.now() + 60_000);
    await expect(engine.services.conversations.reply({ phone: e164(2), body: 'At 9', actor: 'desk' })).rejects.toThrow(
      /More than 24 hours/,
    );
    expect(engine.services.conversations.get({ phone: e164(2) })).toMatchObject({ canReply: false });
    expect(ledger(engine)).toHaveLength(1);
  });

  it('never go after STOP, even inside the 24 h', async () => {
    engine = createTestEngine({ now: local('2026-11-26 10:00') });
    seedFamily(engine);
    reply(engine, 'SM1', e164(2), 'who is this?');
    reply(engine, 'SM2', e164(2), 'STOP');
    await expect(engine.services.conversations.reply({ phone: e164(2), body: 'Riverside Clinic', actor: 'desk' })).rejects.toThrow(
      /sent STOP/,
    );
    expect(ledger(engine)).toEqual([]);
  });

  it('are blocked by the kill switch, also when it flips between the checks and the request', async () => {
    engine = createTestEngine({ now: local('2026-11-26 10:00') });
    seedFamily(engine);
    reply(engine, 'SM1', e164(2), 'running late');
    engine.services.pause({ reason: 'test', actor: 'desk' });
    await expect(engine.services.conversations.reply({ phone: e164(2), body: 'ok', actor: 'desk' })).rejects.toThrow(/paused/);
    engine.services.resume({ actor: 'desk' });
    // Paused after the reply was recorded, right before the provider request: nothing reaches the transport.
    const e = engine;
    let calls = 0;
    const sms: Transport = {
      name: 'spy',
      channel: 'sms',
      send: async (): Promise<SendResult> => {
        calls += 1;
        return { kind: 'accepted', providerId: 'SMx' };
      },
      reconcile: async () => ({ kind: 'not_found' }),
    };
    let checks = 0;
    const control = {
      isPaused: () => {
        checks += 1;
        if (checks === 2) e.services.pause({ reason: 'flipped', actor: 'desk' });
        return e.control.isPaused();
      },
    };
    const { sendStaffReply } = await import('../../../electron/core/conversations/staff-reply');
    await expect(
      sendStaffReply({ db: e.db, clock: e.clock, control, transports: { sms } }, { phone: e164(2), body: 'ok', actor: 'desk' }),
    ).rejects.toThrow(/paused/);
    expect(calls).toBe(0);
    expect(ledger(e)).toEqual([]);
    expect(e.db.prepare(`SELECT outcome, error FROM conversation_replies`).all()).toEqual([
      { outcome: 'failed', error: 'paused before sending' },
    ]);
  });

  it('do not use up the number’s reminder budget', async () => {
    engine = createTestEngine({ now: local('2026-11-26 10:00') });
    importRows(engine, [{ id: 'T', name: 'Bo Lee', phone: phone(2), startsAt: '2026-11-27 10:30' }]);
    reply(engine, 'SM1', e164(2), 'is parking free?');
    await engine.services.conversations.reply({ phone: e164(2), body: 'Yes, it is.', actor: 'desk' });
    engine.clock.set(local('2026-11-26 10:35'));
    engine.services.plan();
    const result = await engine.services.dispatch();
    expect(result.sent).toBeGreaterThan(0);
    expect(ledger(engine).filter((r) => r.kind === 'reminder' && r.channel === 'sms')).toHaveLength(1);
  });
});
