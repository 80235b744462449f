import { afterEach, describe, expect, it } from 'vitest';
import { createTestEngine, importRows, local, type TestEngine } from '../helpers/engine';

let engine: TestEngine | undefined;
afterEach(() => {
  engine?.cleanup();
  engine = undefined;
});

describe('settings:update — zone and countries (the Settings screen)', () => {
  it('refuses a fixed-offset zone with a region zone to use, changing nothing', async () => {
    engine = createTestEngine({ now: local('2026-11-26 09:00') });
    const before = engine.services.getSettings();
    await expect(engine.services.updateSettings({ settings: { timezone: 'EST' }, actor: 'desk' })).rejects.toThrow(
      /"EST" is an abbreviation.*America\/New_York/,
    );
    await expect(engine.services.updateSettings({ settings: { timezone: 'Etc/GMT+5' }, actor: 'desk' })).rejects.toThrow(
      /fixed offset \(UTC−05:00\)/,
    );
    await expect(engine.services.updateSettings({ settings: { timezone: 'UTC' }, actor: 'desk' })).rejects.toThrow(/fixed offset/);
    expect(engine.services.getSettings()).toEqual(before);
    await expect(engine.services.updateSettings({ settings: { timezone: 'America/Chicago' }, actor: 'desk' })).resolves.toMatchObject({
      timezone: 'America/Chicago',
    });
  });

  it('an unchanged zone is not re-checked, so other settings of an older clinic can still be saved', async () => {
    engine = createTestEngine({ now: local('2026-11-26 09:00') });
    engine.db.prepare(`UPDATE clinic SET timezone = 'UTC'`).run(); // created from a machine on UTC before this check
    await expect(engine.services.updateSettings({ settings: { name: 'Renamed', timezone: 'UTC' }, actor: 'desk' })).resolves.toMatchObject({
      name: 'Renamed',
    });
  });

  it('allowed countries default to the clinic country, are saved, audited and validated', async () => {
    engine = createTestEngine({ now: local('2026-11-26 09:00') });
    expect(engine.services.getSettings()).toMatchObject({ country: 'US', allowedCountries: ['US'] });
    const saved = await engine.services.updateSettings({ settings: { allowedCountries: ['US', 'CA', 'GB'] }, actor: 'desk' });
    expect(saved.allowedCountries).toEqual(['US', 'CA', 'GB']);
    expect(engine.services.getSettings().allowedCountries).toEqual(['US', 'CA', 'GB']);
    const event = engine.services.auditLog({}).find((e) => e.kind === 'settings_changed');
    expect(event?.detail).toEqual({ changed: ['allowedCountries'] });
    await expect(engine.services.updateSettings({ settings: { allowedCountries: ['US', 'ZZ'] }, actor: 'desk' })).rejects.toThrow(
      /unknown country code "ZZ"/,
    );
    await expect(engine.services.updateSettings({ settings: { allowedCountries: ['usa'] }, actor: 'desk' })).rejects.toThrow(
      /allowedCountries/,
    );
  });

  it("the allowed list follows the clinic's country while it is only the default", async () => {
    engine = createTestEngine({ now: local('2026-11-26 09:00') });
    const moved = await engine.services.updateSettings({ settings: { country: 'CA', timezone: 'America/Toronto' }, actor: 'desk' });
    expect(moved).toMatchObject({ country: 'CA', allowedCountries: ['CA'] });
    await engine.services.updateSettings({ settings: { allowedCountries: ['CA', 'US'] }, actor: 'desk' });
    const again = await engine.services.updateSettings({ settings: { country: 'GB' }, actor: 'desk' });
    expect(again).toMatchObject({ country: 'GB', allowedCountries: ['CA', 'US'] });
  });

  it("the clinic's country reads national numbers at import", async () => {
    engine = createTestEngine({ now: local('2026-11-26 09:00') });
    await engine.services.updateSettings({ settings: { country: 'GB', timezone: 'Europe/London' }, actor: 'desk' });
    const result = importRows(engine, [{ id: 'G1', name: 'Olivia Brown', phone: '07400 123456', startsAt: '2026-11-28 10:00' }]);
    expect(result).toMatchObject({ created: 1, rejected: [] });
    expect(engine.db.prepare(`SELECT phone FROM patients`).get()).toEqual({ phone: '+447400123456' });
  });
});
