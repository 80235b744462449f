import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findAppointmentByExternalId } from '../../../electron/core/db/repos/appointments-repo';
import { HOUR_MS, MINUTE_MS } from '../../../electron/core/platform/clock';
import { createTestEngine, e164, importRows, local, phone, type CsvRow, type TestEngine } from '../../helpers/engine';
import { scriptedTransports, type SendRecord } from '../../helpers/reports/seed-transports';

/**
 * The consent and opt-out history is written by every path that changes consent, in the same transaction as
 * the change (migration 0004, schedule/consent-changes.ts).
 */

let engine: TestEngine | undefined;
afterEach(() => {
  engine?.cleanup();
  engine = undefined;
});

interface Event {
  patient_id: number | null;
  address: string | null;
  kind: string;
  changes_json: string;
  source: string;
  actor: string;
}

function events(e: TestEngine): Event[] {
  return e.db.prepare(`SELECT patient_id, address, kind, changes_json, source, actor FROM consent_events ORDER BY id`).all() as Event[];
}

const ann: CsvRow = { id: 'A1', name: 'Ann Lee', phone: phone(1), email: 'ann@example.com', startsAt: '2026-11-27 10:00' };

describe('consent history', () => {
  it('imports: a new patient adds no row, an unchanged file adds nothing, a change records before and after', async () => {
    engine = createTestEngine({ now: local('2026-11-26 07:00') });
    const header = 'external_id,patient_id,patient_name,phone,email,starts_at,sms_consent';
    const file = (number: string, sms: string) => `${header}\nA1,P-7,Ann Lee,${number},ann@example.com,2026-11-27 10:00,${sms}\n`;
    await engine.services.importCsv({ csv: file(phone(1), 'yes'), actor: 'cli' });
    await engine.services.importCsv({ csv: file(phone(1), 'yes'), actor: 'cli' });
    expect(events(engine)).toEqual([]);
    // The practice's next export, an hour later: texts refused, and a new number, for the same patient id.
    engine.clock.advance(HOUR_MS);
    await engine.services.importCsv({ csv: file(phone(2), 'no'), actor: 'desk' });
    expect(events(engine)).toHaveLength(1);
    expect(events(engine)[0]).toMatchObject({ kind: 'patient_updated', source: 'import', actor: 'desk', address: e164(2) });
    expect(JSON.parse(events(engine)[0]!.changes_json)).toEqual({ phone: [e164(1), e164(2)], sms_consent: [1, 0] });
    // The history rebuilds the starting point: what the first import gave, and who ran it.
    const history = await engine.services.reports.patientHistory({ appointment: 'A1' });
    const consent = history.rows.filter((r) => r.kind === 'consent');
    expect(consent.map((r) => [r.event, r.actor, r.detail])).toEqual([
      ['patient added', 'cli', `phone: ${e164(1)}; email: ann@example.com; texts allowed: yes; calls allowed: yes; emails allowed: yes`],
      ['patient details changed', 'desk', `phone: ${e164(1)} → ${e164(2)}; texts allowed: yes → no`],
    ]);
  });

  it('replies: STOP opts the number out once, START opts it back in, each with the patient number as actor', async () => {
    const replies = [
      { at: local('2026-11-26 09:00'), from: e164(1), body: 'STOP' },
      { at: local('2026-11-26 09:10'), from: e164(1), body: 'stop' },
      { at: local('2026-11-26 10:00'), from: e164(1), body: 'START' },
    ];
    const script = {
      invalid: new Set<string>(),
      unsubscribed: new Set<string>(),
      undeliverable: new Set<string>(),
      pressOne: new Set<number>(),
      replies,
    };
    engine = createTestEngine({ now: local('2026-11-26 07:00'), transports: scriptedTransports(script, []) });
    importRows(engine, [ann]);
    for (let t = local('2026-11-26 09:00'); t <= local('2026-11-26 10:00'); t += 10 * MINUTE_MS) {
      engine.clock.set(t);
      await engine.services.dispatch();
    }
    expect(events(engine)).toEqual([
      {
        patient_id: null,
        address: e164(1),
        kind: 'opt_out',
        changes_json: '{"sms_opt_out":[0,1]}',
        source: 'reply',
        actor: `patient reply from ${e164(1)}`,
      },
      {
        patient_id: null,
        address: e164(1),
        kind: 'opt_in',
        changes_json: '{"sms_opt_out":[1,0]}',
        source: 'reply',
        actor: `patient reply from ${e164(1)}`,
      },
    ]);
  });

  it('the provider: a 21610 refusal and a keypress 9 each opt the number out, attributed to the dispatcher or the keypress', async () => {
    const sends: SendRecord[] = [];
    const pressNine = new Set<number>();
    const script = {
      invalid: new Set<string>(),
      unsubscribed: new Set([e164(1)]),
      undeliverable: new Set<string>(),
      pressOne: new Set<number>(),
      pressNine,
      replies: [],
    };
    engine = createTestEngine({ now: local('2026-11-26 13:00'), transports: scriptedTransports(script, sends) });
    const bob: CsvRow = { id: 'B1', name: 'Bob Diaz', phone: phone(3), startsAt: '2026-11-26 15:00' };
    importRows(engine, [ann, bob]);
    pressNine.add(findAppointmentByExternalId(engine.db, 'csv', 'B1')!.id);
    // From 13:00 Bob's text window has closed and his call (2 h before) is due: answered with 9. Ann's text
    // (24 h before her appointment) is refused by the provider with 21610.
    for (let t = local('2026-11-26 13:00'); t <= local('2026-11-26 14:00'); t += 30 * MINUTE_MS) {
      engine.clock.set(t);
      await engine.services.dispatch();
    }
    expect(sends.map((s) => `${s.channel}:${s.to}:${s.result}`)).toEqual(
      expect.arrayContaining([`sms:${e164(1)}:opt_out`, `voice:${e164(3)}:accepted`]),
    );
    const optOuts = events(engine).filter((e) => e.kind === 'opt_out');
    expect(optOuts).toEqual([
      expect.objectContaining({ address: e164(1), source: 'provider', actor: 'dispatcher' }),
      expect.objectContaining({ address: e164(3), source: 'keypress 9', actor: `keypress 9 from ${e164(3)}` }),
    ]);
  });

  it('the front desk: do-not-contact (only real changes) and a fixed phone number, with who did it', async () => {
    engine = createTestEngine({ now: local('2026-11-26 07:00') });
    importRows(engine, [ann]);
    const patientId = findAppointmentByExternalId(engine.db, 'csv', 'A1')!.patient_id;
    engine.services.setDoNotContact({ patientId, doNotContact: true, actor: 'desk' });
    engine.services.setDoNotContact({ patientId, doNotContact: true, actor: 'desk' });
    engine.services.setDoNotContact({ patientId, doNotContact: false, actor: 'web' });
    await engine.services.fixPhone({ patientId, phone: phone(9), actor: 'desk' });
    expect(events(engine)).toEqual([
      {
        patient_id: patientId,
        address: e164(1),
        kind: 'do_not_contact',
        changes_json: '{"do_not_contact":[0,1]}',
        source: 'front desk',
        actor: 'desk',
      },
      {
        patient_id: patientId,
        address: e164(1),
        kind: 'do_not_contact',
        changes_json: '{"do_not_contact":[1,0]}',
        source: 'front desk',
        actor: 'web',
      },
      {
        patient_id: patientId,
        address: e164(9),
        kind: 'phone_fixed',
        changes_json: `{"phone":["${e164(1)}","${e164(9)}"]}`,
        source: 'front desk',
        actor: 'desk',
      },
    ]);
  });

  it('is written in the same transaction as the change: when the history cannot be written, nothing changes', async () => {
    engine = createTestEngine({ now: local('2026-11-26 07:00') });
    importRows(engine, [ann]);
    const patientId = findAppointmentByExternalId(engine.db, 'csv', 'A1')!.patient_id;
    engine.db.exec(`CREATE TRIGGER history_down BEFORE INSERT ON consent_events BEGIN SELECT RAISE(ABORT, 'history unavailable'); END`);
    expect(() => engine!.services.setDoNotContact({ patientId, doNotContact: true, actor: 'desk' })).toThrow('history unavailable');
    await expect(engine.services.fixPhone({ patientId, phone: phone(9), actor: 'desk' })).rejects.toThrow('history unavailable');
    // An import that refuses Ann's texts and books her again: all or nothing.
    const csv = `external_id,patient_name,phone,email,starts_at,sms_consent\nA1,Ann Lee,${phone(1)},ann@example.com,2026-11-27 10:00,no\nA2,Ann Lee,${phone(1)},ann@example.com,2026-11-28 10:00,no\n`;
    await expect(engine.services.importCsv({ csv, actor: 'desk' })).rejects.toThrow('history unavailable');
    const row = engine.db.prepare(`SELECT do_not_contact, phone, sms_consent FROM patients WHERE id = ?`).get(patientId);
    expect(row).toEqual({ do_not_contact: 0, phone: e164(1), sms_consent: 1 });
    expect(findAppointmentByExternalId(engine.db, 'csv', 'A2')).toBeUndefined();
  });
});

describe('every path that changes consent records it', () => {
  /** Repo writes that change consent, phone, email or an opt-out. */
  const WRITES =
    /\b(markRecipientOptedOut|markRecipientOptedIn|setPatientDoNotContact|setPatientPhone|updatePatientContact|insertPatient)\(/;
  const RECORDS = /\b(recordPatientCreated|recordPatientContactChange|recordDoNotContact|recordPhoneFixed|optOutAddress|optInAddress)\(/;

  function sources(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
    });
  }

  it('no file in electron/core writes consent without also recording it (the repos themselves aside)', () => {
    const core = join(__dirname, '../../../electron/core');
    const writers = sources(core).filter((f) => !f.includes(`${join('db', 'repos')}`) && WRITES.test(readFileSync(f, 'utf8')));
    const unrecorded = writers.filter((f) => !RECORDS.test(readFileSync(f, 'utf8')) && !f.endsWith('consent-changes.ts'));
    expect(writers.length).toBeGreaterThanOrEqual(2);
    expect(unrecorded.map((f) => relative(core, f))).toEqual([]);
  });
});
