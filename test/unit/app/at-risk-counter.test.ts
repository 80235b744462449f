import { afterEach, describe, expect, it } from 'vitest';
import { atRiskCounter } from '../../../electron/app/at-risk';
import { applySettingsUpdate } from '../../../electron/core/api/settings-update';
import { createTestEngine, importRows, local, phone, type TestEngine } from '../../helpers/engine';

let engine: TestEngine | undefined;
afterEach(() => engine?.cleanup());

describe('the quit warning counts what coverage lists as at risk', () => {
  it('a Friday-evening quit with Monday 10:00 texts planned counts them; with the desk open all weekend, none', () => {
    engine = createTestEngine({ now: local('2026-12-04 17:30') });
    applySettingsUpdate(engine.db, engine.clock.now(), { deskHours: 'Mon-Fri 07:30-18:00', emailEarlyHours: 0 }, 'test');
    importRows(engine, [{ id: 'M1', name: 'Ana Ruiz', phone: phone(1), startsAt: '2026-12-07 10:00' }]);
    engine.services.plan();
    const count = atRiskCounter(engine.services);
    expect(count()).toBe(engine.services.coverage({ hours: 72 }).items.length);
    expect(count()).toBeGreaterThan(0);
    applySettingsUpdate(engine.db, engine.clock.now(), { deskHours: 'Mon-Sun 07:00-21:00' }, 'test');
    expect(count()).toBe(0);
  });
});
