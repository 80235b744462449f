import { afterEach, describe, expect, it } from 'vitest';
import { createTestEngine, local, type TestEngine } from '../helpers/engine';

let engine: TestEngine | undefined;
afterEach(() => {
  engine?.cleanup();
  engine = undefined;
});

describe('clinic settings', () => {
  it('refuses an invalid time zone, quiet hours or template with the exact problem, changing nothing', async () => {
    engine = createTestEngine({ now: local('2026-11-26 09:00') });
    const before = engine.services.getSettings();
    await expect(engine.services.updateSettings({ settings: { timezone: 'Europe/Atlantis' }, actor: 't' })).rejects.toThrow(
      /unknown time zone "Europe\/Atlantis"/,
    );
    await expect(engine.services.updateSettings({ settings: { sendFrom: '22:00' }, actor: 't' })).rejects.toThrow(/quiet hours/);
    await expect(
      engine.services.updateSettings({
        settings: { templates: { sms: '{clinic}: see {doctor} on {date}. Reply STOP to opt out.' } },
        actor: 't',
      }),
    ).rejects.toThrow(/sms template: .*doctor/);
    expect(engine.services.getSettings()).toEqual(before);
  });

  it('a valid template is saved and used for the next text', async () => {
    engine = createTestEngine({ now: local('2026-11-26 09:00') });
    const sms = '{clinic}: appt {weekday} {date} {time}. Reply C to confirm. {phone}. Reply STOP to opt out.';
    const saved = await engine.services.updateSettings({ settings: { templates: { sms } }, actor: 'desk' });
    expect(saved.templates.sms).toBe(sms);
    const preview = engine.services.previewTemplate({ kind: 'sms', text: sms });
    expect(preview.errors).toEqual([]);
    expect(preview.text).toMatch(/^Riverside Clinic: appt /);
    expect(preview.length).toBeLessThanOrEqual(160);
    expect(engine.services.auditLog({}).some((e) => e.kind === 'settings_changed' && e.actor === 'desk')).toBe(true);
  });

  it('changing the rules re-plans the appointments ahead', async () => {
    engine = createTestEngine({ now: local('2026-11-26 07:00') });
    const { importRows, phone } = await import('../helpers/engine');
    importRows(engine, [{ id: 'A1', name: 'Maria Lopez', phone: phone(1), startsAt: '2026-11-28 10:00' }]);
    engine.services.plan();
    const rules = engine.services.getSettings().rules.map((r) => (r.channel === 'voice' ? { ...r, enabled: false } : r));
    await engine.services.updateSettings({ settings: { rules }, actor: 'desk' });
    expect(engine.services.plan()).toMatchObject({ cancelled: 1 });
    expect(engine.db.prepare(`SELECT state, reason FROM outbox WHERE channel = 'voice'`).get()).toEqual({
      state: 'cancelled',
      reason: 'no longer in the reminder policy',
    });
  });
});

describe('test message', () => {
  it('goes through the transport, is audited, and is refused while paused', async () => {
    engine = createTestEngine({ now: local('2026-11-26 09:00') });
    const result = await engine.services.sendTestMessage({ channel: 'sms', to: '(212) 555-0199', actor: 'desk' });
    expect(result).toMatchObject({ channel: 'sms', to: '+12125550199', outcome: 'simulated', error: null });
    expect(engine.db.prepare(`SELECT body FROM simulated_messages`).get()).toEqual({
      body: expect.stringMatching(/^\[Test\] Riverside Clinic/),
    });
    expect(engine.services.contacts({})).toEqual([]); // not a patient contact
    await expect(engine.services.sendTestMessage({ channel: 'sms', to: '555-12', actor: 'desk' })).rejects.toThrow(/not a valid number/);
    engine.services.pause({ actor: 'desk' });
    await expect(engine.services.sendTestMessage({ channel: 'email', to: 'me@example.com', actor: 'desk' })).rejects.toMatchObject({
      code: 'PAUSED',
    });
  });
});
