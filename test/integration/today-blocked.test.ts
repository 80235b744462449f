import { afterEach, describe, expect, it } from 'vitest';
import { importScheduleWithAudit } from '../../electron/core/api/import-schedule';
import { applySettingsUpdate } from '../../electron/core/api/settings-update';
import { SimulateTransport } from '../../electron/core/channels/simulate';
import type { WritableDB } from '../../electron/core/db/connection';
import { markRecipientInvalid, markRecipientOptedIn, markRecipientOptedOut } from '../../electron/core/db/repos/recipients-repo';
import type { Clock } from '../../electron/core/platform/clock';
import type { TodayAppointment } from '../../shared/domain/dto';
import { createTestEngine, e164, local, phone, type TestEngine } from '../helpers/engine';

let engine: TestEngine | undefined;
afterEach(() => {
  engine?.cleanup();
  engine = undefined;
});

/** Texts and calls configured, email not (no SMTP): its reminders can never go out. */
function noEmail(db: WritableDB, clock: Clock) {
  return {
    sms: new SimulateTransport('sms', db, clock),
    voice: new SimulateTransport('voice', db, clock),
    description: 'sms and voice only',
  };
}

const HEADER = 'external_id,patient_name,phone,email,starts_at,sms_consent,voice_consent';

function importCsv(e: TestEngine, lines: string[]) {
  return importScheduleWithAudit(e.db, e.clock.now(), { csv: `${[HEADER, ...lines].join('\n')}\n`, actor: 'test' }).summary;
}

function steps(rows: TodayAppointment[], id: string): Record<string, [string, string | null]> {
  const appt = rows.find((a) => a.appointment === id)!;
  return Object.fromEntries(appt.contacts.map((c) => [c.channel, [c.state, c.reason]]));
}

describe('today shows reminders that cannot go out, from planning on', () => {
  function setUp(): TestEngine {
    const e = createTestEngine({ now: local('2026-11-26 07:00'), transports: noEmail });
    importCsv(e, [
      `OK1,Maria Lopez,${phone(1)},,2026-11-28 10:00,,`,
      `NC1,James Carter,${phone(2)},,2026-11-28 10:30,no,yes`,
      `ST1,Rosa Diaz,${phone(3)},,2026-11-28 11:00,,`,
      `DN1,Sam Lee,${phone(4)},,2026-11-28 11:30,,`,
      `IN1,Ann Ray,${phone(5)},,2026-11-28 12:00,,`,
      `GB1,Olivia Brown,+44 7400 123456,,2026-11-28 12:30,,`,
      `EM1,Eve Stone,,eve@example.org,2026-11-28 13:00,,`,
    ]);
    markRecipientOptedOut(e.db, e164(3), 'sms', e.clock.now());
    markRecipientInvalid(e.db, e164(5), 'number not in service (21211)', e.clock.now());
    const dnc = e.db.prepare(`SELECT patient_id FROM appointments WHERE external_id = 'DN1'`).get() as { patient_id: number };
    e.services.setDoNotContact({ patientId: dnc.patient_id, doNotContact: true, actor: 'desk' });
    e.services.plan();
    return e;
  }

  it('as suppressed with the reason, not as pending', () => {
    engine = setUp();
    const today = engine.services.today({ date: '2026-11-28' });
    expect(steps(today, 'OK1')).toEqual({ sms: ['pending', null], voice: ['pending', null], email: ['suppressed', 'no email address'] });
    expect(steps(today, 'NC1')).toMatchObject({ sms: ['suppressed', 'no consent for sms'], voice: ['pending', null] });
    expect(steps(today, 'ST1')).toMatchObject({
      sms: ['suppressed', 'number opted out (STOP)'],
      voice: ['suppressed', 'number opted out (STOP)'],
    });
    expect(steps(today, 'DN1')).toMatchObject({
      sms: ['suppressed', 'patient marked do not contact'],
      voice: ['suppressed', 'patient marked do not contact'],
    });
    expect(steps(today, 'IN1')).toMatchObject({ sms: ['suppressed', 'invalid number: number not in service (21211)'] });
    expect(steps(today, 'GB1')).toMatchObject({ sms: ['suppressed', 'country not allowed'], voice: ['suppressed', 'country not allowed'] });
    expect(steps(today, 'EM1')).toMatchObject({ email: ['suppressed', 'channel not configured'] });
  });

  it('preview lists none of them, and the dispatcher still ends them with the same reasons', async () => {
    engine = setUp();
    const preview = engine.services.preview({ hours: 72 });
    expect(new Set(preview.map((p) => `${p.appointment}:${p.channel}`))).toEqual(new Set(['OK1:sms', 'OK1:voice', 'NC1:voice']));
    engine.clock.set(local('2026-11-27 12:45'));
    await engine.services.dispatch();
    const stored = engine.db
      .prepare(
        `SELECT a.external_id, o.channel, o.state, o.reason FROM outbox o JOIN appointments a ON a.id = o.appointment_id WHERE a.external_id = 'GB1' AND o.channel = 'sms'`,
      )
      .get();
    expect(stored).toEqual({ external_id: 'GB1', channel: 'sms', state: 'suppressed', reason: 'country not allowed' });
  });

  it('shows them pending again as soon as the cause goes away', () => {
    engine = setUp();
    markRecipientOptedIn(engine.db, e164(3), 'sms', engine.clock.now());
    applySettingsUpdate(engine.db, engine.clock.now(), { allowedCountries: ['US', 'GB'] }, 'test');
    importCsv(engine, [`NC1,James Carter,${phone(2)},,2026-11-28 10:30,yes,yes`]);
    engine.services.plan();
    const today = engine.services.today({ date: '2026-11-28' });
    expect(steps(today, 'ST1')).toMatchObject({ sms: ['pending', null] });
    expect(steps(today, 'GB1')).toMatchObject({ sms: ['pending', null] });
    expect(steps(today, 'NC1')).toMatchObject({ sms: ['pending', null] });
  });
});
