import { afterEach, describe, expect, it } from 'vitest';
import { SECOND } from './constants';
import { e164, importRows, local, phone } from '../../helpers/engine';
import { creates, ledgerRows, outboxRow, param, startTwilioWorld, type TwilioWorld } from '../../helpers/twilio-engine';

/**
 * The reminder pipeline end to end through the engine: the real `twilio` SDK (via twilioTransportsFromConfig and apiBase)
 * against the fake Twilio server, and nodemailer against a real SMTP server. Email 48 h, SMS 24 h, call 2 h before.
 */

let world: TwilioWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('a normal day through the real SDK', () => {
  it('sends the email, the SMS and the call once each, then polls them to delivered', async () => {
    world = await startTwilioWorld({ now: local('2026-11-26 10:00') });
    const { fake, smtp, clock } = world;
    const engine = world.engine();
    importRows(engine, [
      { id: 'N1', name: 'Maria Lopez', phone: phone(1), email: 'maria@example.org', startsAt: '2026-11-28 10:00', provider: 'Dr. Patel' },
    ]);

    // Email step (48 h before): SMTP receives it; Twilio sees no create.
    expect(await engine.services.dispatch()).toMatchObject({ sent: 1, failed: 0, unknown: 0, paused: false });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.to).toEqual(['maria@example.org']);
    expect(smtp.received[0]?.raw).toContain('Riverside Clinic');
    expect(smtp.received[0]?.raw).not.toContain('Patel');
    expect(creates(await fake.requests(), 'Messages')).toHaveLength(0);
    expect(outboxRow(engine.db, 'N1', 'email')).toMatchObject({ state: 'sent' });

    // SMS step (24 h before): exactly one Messages create with the expected fields and content.
    clock.set(local('2026-11-27 10:00'));
    expect(await engine.services.dispatch()).toMatchObject({ sent: 1, failed: 0, unknown: 0 });
    const sms = creates(await fake.requests(), 'Messages');
    expect(sms).toHaveLength(1);
    const form = sms[0]!.form;
    expect(param(form.To)).toBe(e164(1));
    expect(param(form.From)).toBe(fake.fromNumber);
    const body = param(form.Body) ?? '';
    expect([...body].length).toBeLessThanOrEqual(160);
    expect(body).toContain('Reply C to confirm');
    expect(body).toMatch(/\bSTOP\b/);
    expect(body).toContain('Riverside Clinic');
    expect(body).toContain('(212) 555-0100');
    expect(body).not.toMatch(/Patel/i);
    expect(body).not.toMatch(/\b(YES|CANCEL)\b/);
    // ValidityPeriod: never queued at Twilio past the step's window.
    expect(Number(param(form.ValidityPeriod))).toBeGreaterThan(0);
    expect(Number(param(form.ValidityPeriod))).toBeLessThanOrEqual(36_000);
    const smsRow = outboxRow(engine.db, 'N1', 'sms');
    expect(smsRow.state).toBe('sent');
    expect(smsRow.provider_id).toMatch(/^SM[0-9a-f]{32}$/);
    expect(engine.services.contacts({}).map((c) => [c.channel, c.outcome])).toEqual([
      ['email', 'sent'],
      ['sms', 'sent'],
    ]);

    // The fake moves the message along (queued → sending → sent → delivered); the next cycle polls it.
    clock.advance(10 * SECOND);
    await engine.services.dispatch();
    expect(outboxRow(engine.db, 'N1', 'sms').state).toBe('delivered');
    expect(ledgerRows(engine.db).find((l) => l.channel === 'sms')).toMatchObject({ outcome: 'delivered', provider_id: smsRow.provider_id });

    // Call step (2 h before): one Calls create, inline TwiML with a Say, answering-machine detection.
    clock.set(local('2026-11-28 08:00'));
    expect(await engine.services.dispatch()).toMatchObject({ sent: 1, failed: 0, unknown: 0 });
    const calls = creates(await fake.requests(), 'Calls');
    expect(calls).toHaveLength(1);
    const call = calls[0]!.form;
    expect(param(call.To)).toBe(e164(1));
    expect(param(call.From)).toBe(fake.fromNumber);
    expect(param(call.Url)).toBeUndefined();
    expect(param(call.Twiml)).toMatch(/^<\?xml[^>]*>\s*<Response><Say\b[^>]*>[^<]*Riverside Clinic[^<]*<\/Say><Hangup\/><\/Response>$/);
    expect(param(call.Twiml)).not.toMatch(/Patel/i);
    expect(param(call.MachineDetection)).toBe('DetectMessageEnd');
    expect(Number(param(call.Timeout))).toBeGreaterThanOrEqual(25);
    const callRow = outboxRow(engine.db, 'N1', 'voice');
    expect(callRow.state).toBe('sent');
    expect(callRow.provider_id).toMatch(/^CA[0-9a-f]{32}$/);
    const stored = (await fake.state()).calls.find((c) => c.sid === callRow.provider_id);
    expect(stored?.sayTexts.join(' ')).toContain('Riverside Clinic');

    // The call rings, is answered, the script plays, it completes; the next cycle polls it.
    clock.advance(2 * 60 * SECOND);
    await engine.services.dispatch();
    expect(outboxRow(engine.db, 'N1', 'voice')).toMatchObject({ state: 'delivered', reason: 'answered by human' });

    // Nothing was ever sent twice, and the ledger has one row per provider attempt.
    const log = await fake.requests();
    expect(creates(log, 'Messages')).toHaveLength(1);
    expect(creates(log, 'Calls')).toHaveLength(1);
    expect(smtp.received).toHaveLength(1);
    expect(engine.services.contacts({}).map((c) => [c.channel, c.outcome])).toEqual([
      ['email', 'sent'],
      ['sms', 'delivered'],
      ['voice', 'delivered'],
    ]);
    expect(engine.services.status()).toMatchObject({ paused: false, needsAttention: 0 });
    expect(engine.services.status().transport).toMatch(/^twilio: SMS and calls via Twilio/);
  });
});
