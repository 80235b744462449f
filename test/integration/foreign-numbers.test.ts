import { afterEach, describe, expect, it } from 'vitest';
import { importScheduleWithAudit } from '../../electron/core/api/import-schedule';
import { applySettingsUpdate } from '../../electron/core/api/settings-update';
import type { WritableDB } from '../../electron/core/db/connection';
import { createTestEngine, e164, importRows, local, phone, type TestEngine } from '../helpers/engine';

/** A London mobile, a Tokyo mobile and a Honolulu-or-anywhere US number, as patients write them. */
const LONDON = '+44 7400 123456';
const LONDON_E164 = '+447400123456';
const TOKYO = '+81 90 1234 5678';
const TOKYO_E164 = '+819012345678';

let engine: TestEngine | undefined;
afterEach(() => {
  engine?.cleanup();
  engine = undefined;
});

function allow(e: TestEngine, countries: string[]): void {
  applySettingsUpdate(e.db, e.clock.now(), { allowedCountries: countries }, 'test');
}

function row(db: WritableDB, recipient: string, channel: string) {
  return db.prepare(`SELECT state, reason, not_before FROM outbox WHERE recipient = ? AND channel = ?`).get(recipient, channel) as
    | { state: string; reason: string | null; not_before: number }
    | undefined;
}

function attempts(db: WritableDB, recipient: string): { channel: string; attempted_at: number }[] {
  return db.prepare(`SELECT channel, attempted_at FROM contacts WHERE recipient = ? ORDER BY attempted_at`).all(recipient) as {
    channel: string;
    attempted_at: number;
  }[];
}

/** A CSV with the optional timezone column (the patient's own zone). */
function importWithZones(e: TestEngine, rows: { id: string; name: string; phone: string; startsAt: string; timezone?: string }[]) {
  const lines = [
    'external_id,patient_name,phone,starts_at,timezone',
    ...rows.map((r) => [r.id, r.name, r.phone, r.startsAt, r.timezone ?? ''].join(',')),
  ];
  return importScheduleWithAudit(e.db, e.clock.now(), { csv: `${lines.join('\n')}\n`, actor: 'test' }).summary;
}

describe('foreign numbers: quiet hours in the recipient zone', () => {
  it('a New York clinic does not text a London number at 01:31 London time; it waits for 08:00 there', async () => {
    engine = createTestEngine({ now: local('2026-11-27 07:00') });
    allow(engine, ['US', 'GB', 'JP']);
    importRows(engine, [
      { id: 'L1', name: 'Olivia Brown', phone: LONDON, startsAt: '2026-11-28 16:00' },
      { id: 'U1', name: 'Maria Lopez', phone: phone(1), startsAt: '2026-11-28 16:00' },
    ]);
    // 20:31 in New York is 01:31 in London.
    engine.clock.set(local('2026-11-27 20:31'));
    await engine.services.dispatch();
    expect(attempts(engine.db, LONDON_E164)).toEqual([]);
    expect(row(engine.db, LONDON_E164, 'sms')).toMatchObject({
      state: 'pending',
      reason: 'quiet hours',
      not_before: local('2026-11-28 08:00', 'Europe/London'),
    });
    // The clinic's own numbers keep the clinic's zone: the New York patient's text went.
    expect(attempts(engine.db, e164(1)).map((a) => a.channel)).toEqual(['sms']);

    engine.clock.set(local('2026-11-28 08:00', 'Europe/London'));
    await engine.services.dispatch();
    expect(attempts(engine.db, LONDON_E164)).toEqual([{ channel: 'sms', attempted_at: local('2026-11-28 08:00', 'Europe/London') }]);
  });

  it('a New York clinic does not call a Tokyo number at 22:05 Tokyo time; the call expires instead', async () => {
    engine = createTestEngine({ now: local('2026-11-27 07:00') });
    allow(engine, ['US', 'GB', 'JP']);
    importRows(engine, [{ id: 'T1', name: 'Haruto Sato', phone: TOKYO, startsAt: '2026-11-27 10:00' }]);
    // 08:05 in New York is 22:05 in Tokyo; 08:00 in Tokyo comes after the call's window has closed.
    engine.clock.set(local('2026-11-27 08:05'));
    const result = await engine.services.dispatch();
    expect(attempts(engine.db, TOKYO_E164)).toEqual([]);
    expect(result.sent).toBe(0);
    expect(row(engine.db, TOKYO_E164, 'voice')).toMatchObject({ state: 'expired', reason: 'quiet hours' });
  });

  it("the patient's own timezone column wins over the number's country", async () => {
    engine = createTestEngine({ now: local('2026-11-27 07:00') });
    allow(engine, ['US', 'GB']);
    importWithZones(engine, [{ id: 'L2', name: 'Ava Wilson', phone: LONDON, startsAt: '2026-11-28 16:00', timezone: 'America/New_York' }]);
    engine.clock.set(local('2026-11-27 20:31'));
    await engine.services.dispatch();
    expect(attempts(engine.db, LONDON_E164).map((a) => a.channel)).toEqual(['sms']);
  });

  it('a number of a multi-zone country with no patient zone goes only when every zone of that country allows it', async () => {
    // A London clinic texting a US number: 08:00–21:00 in all US zones, Honolulu to New York, is 18:00–02:00 UTC.
    engine = createTestEngine({ now: local('2026-11-27 07:00', 'Europe/London') });
    applySettingsUpdate(
      engine.db,
      engine.clock.now(),
      { timezone: 'Europe/London', country: 'GB', allowedCountries: ['GB', 'US'] },
      'test',
    );
    importRows(engine, [{ id: 'M1', name: 'Noah Davis', phone: '+1 212 555 0101', startsAt: '2026-11-28 16:00' }]);
    engine.clock.set(local('2026-11-27 17:00', 'Europe/London')); // 12:00 in New York, 07:00 in Honolulu
    await engine.services.dispatch();
    expect(attempts(engine.db, '+12125550101')).toEqual([]);
    expect(row(engine.db, '+12125550101', 'sms')).toMatchObject({
      state: 'pending',
      not_before: local('2026-11-27 18:00', 'Europe/London'),
    });
  });
});

describe('foreign numbers: the daily budget is the recipient local day', () => {
  it('counts per Tokyo calendar day for a Tokyo number, not per New York day', async () => {
    engine = createTestEngine({ now: local('2026-11-26 05:00') });
    allow(engine, ['US', 'JP']);
    importRows(engine, [
      { id: 'B1', name: 'Yui Tanaka', phone: TOKYO, startsAt: '2026-11-27 06:00' },
      { id: 'B2', name: 'Yui Tanaka', phone: TOKYO, startsAt: '2026-11-27 18:30' },
    ]);
    // 06:00 New York = 20:00 Tokyo (Nov 26); 18:30 New York = 08:30 Tokyo (Nov 27): one New York day, two Tokyo days.
    for (const at of ['2026-11-26 06:00', '2026-11-26 18:30']) {
      engine.clock.set(local(at));
      await engine.services.dispatch();
    }
    expect(attempts(engine.db, TOKYO_E164)).toEqual([
      { channel: 'sms', attempted_at: local('2026-11-26 06:00') },
      { channel: 'sms', attempted_at: local('2026-11-26 18:30') },
    ]);
    // B1's call (04:00–05:30 New York = 18:00–19:30 Tokyo, Nov 27) falls on the Tokyo day that already had a text.
    engine.clock.set(local('2026-11-27 04:00'));
    await engine.services.dispatch();
    expect(attempts(engine.db, TOKYO_E164)).toHaveLength(2);
    expect(row(engine.db, TOKYO_E164, 'voice')).toMatchObject({ state: 'suppressed', reason: 'daily contact limit for this number' });
  });
});

describe('foreign numbers: allowed countries', () => {
  it('by default only the clinic country is texted or called; others are suppressed with "country not allowed"', async () => {
    engine = createTestEngine({ now: local('2026-11-27 10:00') });
    expect(engine.services.getSettings()).toMatchObject({ country: 'US', allowedCountries: ['US'] });
    importRows(engine, [
      { id: 'L1', name: 'Olivia Brown', phone: LONDON, startsAt: '2026-11-28 09:00' },
      { id: 'U1', name: 'Maria Lopez', phone: phone(1), startsAt: '2026-11-28 09:00' },
    ]);
    const result = await engine.services.dispatch();
    expect(result).toMatchObject({ sent: 1, suppressed: expect.any(Number) });
    expect(attempts(engine.db, LONDON_E164)).toEqual([]);
    expect(row(engine.db, LONDON_E164, 'sms')).toMatchObject({ state: 'suppressed', reason: 'country not allowed' });
    expect(attempts(engine.db, e164(1)).map((a) => a.channel)).toEqual(['sms']);
  });

  it('allowing the country brings back reminders it suppressed while their window is open', async () => {
    engine = createTestEngine({ now: local('2026-11-27 10:00') });
    importRows(engine, [{ id: 'L1', name: 'Olivia Brown', phone: LONDON, startsAt: '2026-11-28 09:00' }]);
    await engine.services.dispatch();
    expect(row(engine.db, LONDON_E164, 'sms')).toMatchObject({ state: 'suppressed', reason: 'country not allowed' });
    allow(engine, ['US', 'GB']);
    engine.clock.set(local('2026-11-27 11:00')); // 16:00 in London
    await engine.services.dispatch();
    expect(attempts(engine.db, LONDON_E164).map((a) => a.channel)).toEqual(['sms']);
  });
});
