import { afterEach, describe, expect, it } from 'vitest';
import { createTestEngine, importRows, local, phone, type TestEngine } from '../../helpers/engine';

let engine: TestEngine | undefined;
afterEach(() => {
  engine?.cleanup();
  engine = undefined;
});

describe("a patient's history shows who paused and resumed sending while it ran", () => {
  it('lists the pause and the resume, with who and why, between the attempts they fell between', async () => {
    engine = createTestEngine({ now: local('2026-11-26 07:00') });
    importRows(engine, [{ id: 'A1', name: 'Ann Lee', phone: phone(1), email: 'ann@example.com', startsAt: '2026-11-28 10:00' }]);
    engine.clock.set(local('2026-11-26 10:00'));
    await engine.services.dispatch(); // the email (48 h before)
    engine.clock.set(local('2026-11-26 12:00'));
    engine.services.pause({ reason: 'printer on fire', actor: 'desk' });
    engine.clock.set(local('2026-11-27 09:00'));
    engine.services.resume({ actor: 'web' });
    engine.clock.set(local('2026-11-27 10:00'));
    await engine.services.dispatch(); // the text (24 h before)
    const history = await engine.services.reports.patientHistory({ appointment: 'A1' });
    const lines = history.rows
      .filter((r) => r.kind === 'attempt' || r.kind === 'engine')
      .map((r) => `${r.kind}|${r.event}|${r.detail}|${r.actor}`);
    expect(lines).toEqual([
      expect.stringMatching(/^attempt\|email handed to the provider/),
      'engine|sending paused|printer on fire|desk',
      'engine|sending resumed|had been paused: printer on fire|web',
      expect.stringMatching(/^attempt\|text handed to the provider/),
    ]);
  });
});
