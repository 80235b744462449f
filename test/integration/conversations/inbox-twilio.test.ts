import { afterEach, describe, expect, it } from 'vitest';
import { importScheduleWithAudit } from '../../../electron/core/api/import-schedule';
import { e164, importRows, local, phone } from '../../helpers/engine';
import { appointmentStatus, creates, param, startTwilioWorld, type TwilioWorld } from '../../helpers/twilio-engine';

/**
 * The inbox against the fake Twilio through the real SDK (docs/conversations.md): replies polled from the message
 * log, a staff answer sent from the clinic's number, an ambiguous C resolved by staff; and a Spanish patient's call
 * spoken in Spanish with a Spanish voice (docs/languages.md).
 */

let world: TwilioWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('inbox through the fake Twilio', () => {
  it('a free-text reply shows unread; the answer goes from our number and is in the ledger as conversation', async () => {
    world = await startTwilioWorld({ now: local('2026-11-27 08:00') });
    const { fake, clock } = world;
    const engine = world.engine();
    importRows(engine, [{ id: 'L1', name: 'Rosa Diaz', phone: phone(1), startsAt: '2026-11-27 09:00' }]);
    await fake.inbound({ from: e164(1), body: 'Running 10 minutes late, sorry' });
    clock.set(local('2026-11-27 08:05'));
    await engine.services.dispatch();
    expect(engine.services.conversations.unreadCount()).toEqual({ unread: 1, toResolve: 0 });
    const convo = engine.services.conversations.get({ phone: e164(1) });
    expect(convo).toMatchObject({ canReply: true, patients: ['Rosa Diaz'] });
    expect(convo.messages[0]).toMatchObject({ body: 'Running 10 minutes late, sorry', action: 'other', read: false });

    const result = await engine.services.conversations.reply({ phone: e164(1), body: 'No problem, see you soon.', actor: 'Maria' });
    expect(result).toMatchObject({ outcome: 'sent', error: null, segments: 1 });
    const sent = creates(await fake.requests(), 'Messages', e164(1));
    expect(sent).toHaveLength(1);
    expect(param(sent[0]!.form.From)).toBe(fake.fromNumber);
    expect(param(sent[0]!.form.Body)).toBe('No problem, see you soon.');
    expect(engine.services.contacts({}).filter((c) => c.kind === 'conversation')).toEqual([
      expect.objectContaining({ appointment: 'L1', channel: 'sms', rule: 'conversation', outcome: 'sent' }),
    ]);
  });

  it('a C from a family’s shared number waits for staff; their choice confirms and stops that appointment’s call', async () => {
    world = await startTwilioWorld({ now: local('2026-11-27 10:00') });
    const { fake, clock } = world;
    const engine = world.engine();
    importRows(engine, [
      { id: 'MOM', name: 'Ana Ruiz', phone: phone(2), startsAt: '2026-11-28 10:00' },
      { id: 'KID', name: 'Leo Ruiz', phone: phone(2), startsAt: '2026-11-28 11:00' },
    ]);
    await fake.inbound({ from: e164(2), body: 'C' });
    clock.set(local('2026-11-27 10:05'));
    await engine.services.dispatch();
    expect([appointmentStatus(engine.db, 'MOM'), appointmentStatus(engine.db, 'KID')]).toEqual(['booked', 'booked']);
    expect(engine.services.conversations.unreadCount()).toEqual({ unread: 1, toResolve: 1 });
    const kid = engine.services.conversations.get({ phone: e164(2) }).appointments.find((a) => a.externalId === 'KID')!;
    engine.services.conversations.resolveConfirm({
      messageKey: engine.services.conversations.get({ phone: e164(2) }).messages[0]!.key,
      appointmentId: kid.id,
      actor: 'Maria',
    });
    expect([appointmentStatus(engine.db, 'MOM'), appointmentStatus(engine.db, 'KID')]).toEqual(['booked', 'confirmed']);
    expect(engine.services.auditLog({ limit: 20 })).toContainEqual(expect.objectContaining({ kind: 'reply_resolved', actor: 'Maria' }));
  });

  it('a Spanish patient’s call is spoken in Spanish by a Spanish voice', async () => {
    world = await startTwilioWorld({ now: local('2026-11-28 07:00') });
    const { fake, clock } = world;
    const engine = world.engine();
    importScheduleWithAudit(engine.db, clock.now(), {
      csv: 'external_id,patient_name,phone,starts_at,language\nES1,Ana Ruiz,(212) 555-0103,2026-11-28 10:30,es\n',
      actor: 'test',
    });
    clock.set(local('2026-11-28 08:30'));
    await engine.services.dispatch();
    const calls = creates(await fake.requests(), 'Calls', e164(3));
    expect(calls).toHaveLength(1);
    expect(param(calls[0]!.form.Twiml)).toMatch(/<Say voice="Polly\.Lupe" language="es-US">Hola, le llama Riverside Clinic/);
  });
});
