import { afterEach, describe, expect, it } from 'vitest';
import { findAppointmentByExternalId } from '../../../electron/core/db/repos/appointments-repo';
import { markRecipientInvalid } from '../../../electron/core/db/repos/recipients-repo';
import { createEngine } from '../../../electron/core/compose';
import { applyReply } from '../../../electron/core/outbox/replies';
import { ManualClock } from '../../../electron/core/platform/clock';
import { createTestEngine, e164, importRows, local, phone, type TestEngine } from '../../helpers/engine';

let engine: TestEngine | undefined;
afterEach(() => {
  engine?.cleanup();
  engine = undefined;
});

/** Tomorrow (Fri 27 Nov): who no reminder will reach, and who must not be counted. */
function seedTomorrow(e: TestEngine): void {
  importRows(e, [
    { id: 'OK', name: 'Ann Reached', phone: phone(1), email: 'ann@example.com', startsAt: '2026-11-27 10:00' },
    { id: 'STOP', name: 'Bob Stopped', phone: phone(2), startsAt: '2026-11-27 10:30' },
    { id: 'INVALID', name: 'Cy Invalid', phone: phone(3), startsAt: '2026-11-27 11:00' },
    { id: 'NONE', name: 'Di Nothing', email: 'di@example.com', startsAt: '2026-11-27 11:30' },
    { id: 'CONF', name: 'Ed Confirmed', phone: phone(5), startsAt: '2026-11-27 12:00', status: 'confirmed' },
    { id: 'CANC', name: 'Flo Cancelled', phone: phone(6), startsAt: '2026-11-27 12:30', status: 'cancelled' },
    { id: 'DNC', name: 'Gus Private', phone: phone(7), startsAt: '2026-11-27 13:00' },
  ]);
  const now = e.clock.now();
  e.db.transaction(() => applyReply(e.db, { providerId: 'SM1', from: e164(2), body: 'STOP', receivedAt: now }, now)).immediate();
  e.db.transaction(() => markRecipientInvalid(e.db, e164(3), 'not a valid phone number', now)).immediate();
  // Di's email went to an address she never agreed to: the import said no.
  e.db.prepare(`UPDATE patients SET email_consent = 0 WHERE name = 'Di Nothing'`).run();
  const gus = findAppointmentByExternalId(e.db, 'csv', 'DNC')!.patient_id;
  e.services.setDoNotContact({ patientId: gus, doNotContact: true, actor: 'desk' });
  e.services.plan();
}

describe('daily summary: at risk tomorrow', () => {
  it("counts tomorrow's unconfirmed appointments that no reminder will reach (not the confirmed, cancelled or do-not-contact)", () => {
    engine = createTestEngine({ now: local('2026-11-26 20:00') });
    seedTomorrow(engine);
    const s = engine.services.reports.dailySummary({});
    expect(s).toMatchObject({ date: '2026-11-26', atRiskTomorrow: 3, endsAt: '2026-11-26T21:00:00-05:00' });
    // The same rule marks them on tomorrow's day sheet.
    const tomorrow = engine.services.today({ date: '2026-11-27' });
    expect(tomorrow).toHaveLength(7);
  });
});

describe('daily summary: handed out once a day, after the desk day ends', () => {
  it('waits for the send-until time (or the summaryAt setting), then once per day, across a restart', () => {
    engine = createTestEngine({ now: local('2026-11-26 20:59') });
    seedTomorrow(engine);
    const take = () => engine!.services.reports.takeDueDailySummary();
    expect(take()).toBeNull();
    engine.clock.set(local('2026-11-26 21:00'));
    expect(take()).toMatchObject({ date: '2026-11-26', atRiskTomorrow: 3 });
    engine.clock.set(local('2026-11-26 23:30'));
    expect(take()).toBeNull();
    // Another engine on the same file (the app restarted): the day is already claimed.
    const again = createEngine({ dbFile: engine.file, clock: new ManualClock(local('2026-11-26 23:45')) });
    try {
      expect(again.services.reports.takeDueDailySummary()).toBeNull();
    } finally {
      again.close();
    }
    engine.services.reports.updateSettings({ summaryAt: '18:00', actor: 'desk' });
    engine.clock.set(local('2026-11-27 17:59'));
    expect(take()).toBeNull();
    engine.clock.set(local('2026-11-27 18:00'));
    expect(take()).toMatchObject({ date: '2026-11-27', endsAt: '2026-11-27T18:00:00-05:00' });
  });

  it('refuses a summary time that is not HH:mm, naming the setting', () => {
    engine = createTestEngine({ now: local('2026-11-26 20:00') });
    expect(() => engine!.services.reports.updateSettings({ summaryAt: '6pm', actor: 'desk' })).toThrow(
      /summaryAt: a time HH:mm such as 18:00/,
    );
    expect(() => engine!.services.reports.updateSettings({ prices: { smsPerSegment: -1 }, actor: 'desk' })).toThrow(
      /prices\.smsPerSegment/,
    );
    expect(engine.services.reports.getSettings().summaryAt).toBeNull();
  });
});
