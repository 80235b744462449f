import { DateTime } from 'luxon';
import { findAppointmentByExternalId } from '../../../electron/core/db/repos/appointments-repo';
import { findPatientsByPhone } from '../../../electron/core/db/repos/patients-repo';
import { HOUR_MS, MINUTE_MS } from '../../../electron/core/platform/clock';
import { createTestEngine, e164, importRows, local, phone, ZONE, type CsvRow, type TestEngine } from '../engine';
import { scriptedTransports, type ProviderScript, type SendRecord } from './seed-transports';

/**
 * A realistic month for the reports, made by the real engine: a schedule imported, then planned and dispatched
 * every 30 minutes of a fake clock for five weeks through a scripted provider (accepts, refuses, reports
 * delivery), with patient replies (C, STOP, START), front-desk confirmations and cancellations, a
 * do-not-contact mark, a fixed phone number, a clinic renamed mid-month (its texts grow from 1 to 2 UCS-2
 * segments), and finally the practice's export marking who came and who did not. The report range is the
 * 30 clinic days 2026-10-19 .. 2026-11-17, across the end of daylight saving time (1 Nov).
 *
 * Everything the script decided and everything the provider saw is returned, so tests compute each expected
 * number on their own and compare it with the report.
 */

export const MONTH = { from: '2026-10-19', to: '2026-11-17' } as const;
const START = local('2026-10-12 07:00');
const END = local('2026-11-18 00:00');
const SLOTS = ['09:00', '10:00', '11:00', '13:30', '14:30', '15:30'];
const PATIENTS = 40;

const FIRST = ['Maria', 'James', 'Ana', 'Luis', 'Grace', 'Peter', 'Aisha', 'Tom', 'Chen', 'Olga'];
const LAST = ['Lopez', 'Okafor', 'Diaz', 'Novak'];

/** Who is who in the month (patient index → role). */
export const ROLES = { invalid: 10, unsubscribed: 11, undeliverable: 12, stopStart: 13, doNotContact: 14 } as const;

export interface SeededAppointment {
  readonly externalId: string;
  readonly id: number;
  readonly patient: number;
  readonly startsAt: number;
  readonly cancelled: boolean;
  readonly confirmVia: 'desk' | 'reply' | 'call' | null;
  readonly noShow: boolean;
}

export interface SeededMonth {
  readonly engine: TestEngine;
  readonly appointments: readonly SeededAppointment[];
  readonly sends: readonly SendRecord[];
  readonly script: ProviderScript;
}

function patientPhone(p: number): string | undefined {
  if (p >= 38) return undefined; // email only
  return phone(p <= 1 ? 0 : p <= 4 ? 2 : p); // two households share a phone
}

/** A phone only its patient uses, who can answer a text or a call for this appointment and no other. */
const plainPhone = (p: number) => p >= 15 && p < 38;

function weekdays(): string[] {
  const out: string[] = [];
  for (let d = DateTime.fromISO(MONTH.from, { zone: ZONE }); d.toISODate()! <= MONTH.to; d = d.plus({ days: 1 }))
    if (d.weekday <= 5) out.push(d.toISODate()!);
  return out;
}

function scheduleRows(statusOf: (i: number) => string, phoneOf: (p: number) => string | undefined): CsvRow[] {
  return weekdays()
    .flatMap((day) => SLOTS.map((slot) => `${day} ${slot}`))
    .map((startsAt, i) => {
      const p = (i * 7) % PATIENTS;
      const number = phoneOf(p);
      return {
        id: `M${String(i + 1).padStart(3, '0')}`,
        name: `${FIRST[p % FIRST.length]} ${LAST[Math.floor(p / FIRST.length)]}`,
        ...(number ? { phone: number } : {}),
        ...(p % 5 !== 4 || p >= 38 ? { email: `patient${p}@example.com` } : {}),
        startsAt,
        provider: `Dr. ${['Patel', 'Nguyen', 'Okafor'][i % 3]}`,
        status: statusOf(i),
      };
    });
}

type Action = { at: number; run: (engine: TestEngine) => Promise<unknown> | unknown };

/** Builds the month. Takes ~10–30 s: about 1,800 dispatch cycles on a real SQLite file. */
export async function seedMonth(): Promise<SeededMonth> {
  const sends: SendRecord[] = [];
  const rows = scheduleRows(() => 'booked', patientPhone);
  const starts = rows.map((r) => local(r.startsAt));
  const plan = rows.map((r, i) => {
    const p = (i * 7) % PATIENTS;
    const cancelled = i % 17 === 5;
    const via = cancelled
      ? null
      : i % 6 === 1
        ? 'desk'
        : i % 6 === 3 && plainPhone(p)
          ? 'reply'
          : i % 6 === 5 && plainPhone(p)
            ? 'call'
            : null;
    return {
      externalId: r.id,
      patient: p,
      startsAt: starts[i]!,
      cancelled,
      confirmVia: via as SeededAppointment['confirmVia'],
      noShow: !cancelled && i % 5 === 2,
    };
  });
  const replies: { at: number; from: string; body: string }[] = [
    { at: local('2026-10-28 12:00'), from: e164(ROLES.stopStart), body: 'STOP' },
    { at: local('2026-11-07 12:00'), from: e164(ROLES.stopStart), body: 'start' },
    { at: local('2026-10-21 10:15'), from: e164(20), body: 'what time is it again?' },
    ...plan.filter((a) => a.confirmVia === 'reply').map((a) => ({ at: a.startsAt - 20 * HOUR_MS, from: e164(a.patient), body: 'C' })),
  ];
  const pressOne = new Set<number>();
  const script: ProviderScript = {
    invalid: new Set([e164(ROLES.invalid)]),
    unsubscribed: new Set([e164(ROLES.unsubscribed)]),
    undeliverable: new Set([e164(ROLES.undeliverable)]),
    pressOne,
    replies,
  };
  const engine = createTestEngine({ now: START, transports: scriptedTransports(script, sends) });
  const imported = importRows(engine, rows);
  if (imported.rejectedCount > 0) throw new Error(`seed rows rejected: ${JSON.stringify(imported.rejected)}`);
  const appointments: SeededAppointment[] = plan.map((a) => ({
    ...a,
    id: findAppointmentByExternalId(engine.db, 'csv', a.externalId)!.id,
  }));
  for (const a of appointments) if (a.confirmVia === 'call') pressOne.add(a.id);

  const fixedPhone = phone(110);
  const patientId = (p: number) => findPatientsByPhone(engine.db, e164(p))[0]!.id;
  const actions: Action[] = [
    ...appointments
      .filter((a) => a.cancelled)
      .map((a) => ({
        at: a.startsAt - 72 * HOUR_MS,
        run: (e: TestEngine) => e.services.cancel({ appointment: a.externalId, actor: 'desk' }),
      })),
    ...appointments
      .filter((a) => a.confirmVia === 'desk')
      .map((a) => ({
        at: a.startsAt - 30 * HOUR_MS,
        run: (e: TestEngine) => e.services.confirm({ appointment: a.externalId, actor: 'desk' }),
      })),
    {
      at: local('2026-10-24 09:00'),
      run: (e) => e.services.setDoNotContact({ patientId: patientId(ROLES.doNotContact), doNotContact: true, actor: 'desk' }),
    },
    {
      at: local('2026-11-03 09:00'),
      run: (e) => e.services.fixPhone({ patientId: patientId(ROLES.invalid), phone: fixedPhone, actor: 'desk' }),
    },
    // "í" is not in the GSM alphabet: from here on every text is UCS-2, two segments instead of one.
    { at: local('2026-11-03 00:00'), run: (e) => e.services.updateSettings({ settings: { name: 'Clínica Riverside' }, actor: 'desk' }) },
  ];
  actions.sort((a, b) => a.at - b.at);
  for (let next = 0; engine.clock.now() < END; engine.clock.advance(30 * MINUTE_MS)) {
    while (next < actions.length && actions[next]!.at <= engine.clock.now()) await actions[next++]!.run(engine);
    const result = await engine.services.dispatch();
    if (result.paused) throw new Error(`the engine paused itself during the seed: ${result.reason}`);
  }
  // The practice's end-of-month export: who came, who did not.
  engine.clock.set(local('2026-11-18 08:00'));
  const outcomes = scheduleRows(
    (i) => (plan[i]!.cancelled ? 'cancelled' : plan[i]!.noShow ? 'no_show' : 'completed'),
    (p) => (p === ROLES.invalid ? fixedPhone : patientPhone(p)),
  );
  importRows(engine, outcomes);
  return { engine, appointments, sends, script };
}
