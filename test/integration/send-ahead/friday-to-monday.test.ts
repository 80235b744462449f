import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { applySettingsUpdate } from '../../../electron/core/api/settings-update';
import type { CoverageReport } from '../../../shared/domain/coverage';
import { importRows, local, phone, ZONE } from '../../helpers/engine';
import { fakeCoverage, weekdayDesk } from '../../helpers/fake-coverage';
import { creates, outboxRows, startTwilioWorld, type TwilioTestEngine, type TwilioWorld } from '../../helpers/twilio-engine';
import { e164 } from './support';

/**
 * The simulated week (issue 10): the desk runs Mon–Fri 07:30–18:00 (New York). Friday's last cycles run from
 * 17:00; the PC is shut down at 18:00 and started again on Monday at 07:30. Monday's 10:00 patients would get
 * their text between Sunday 10:00 and Monday 08:00: no instant of that window is both desk time and sending time.
 */

let world: TwilioWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const FRIDAY_1700 = local('2026-12-04 17:00');
const MONDAY_0730 = local('2026-12-07 07:30');

function importWeek(engine: TwilioTestEngine): void {
  importRows(engine, [
    { id: 'M1', name: 'Ana Ruiz', phone: phone(1), email: 'ana@example.com', startsAt: '2026-12-07 10:00' },
    { id: 'M2', name: 'Ben Ito', phone: phone(2), startsAt: '2026-12-07 09:00' },
    // 11:30: its text may still go on Monday between 08:00 and 09:30, at the desk: not at risk.
    { id: 'M3', name: 'Dee Park', phone: phone(4), startsAt: '2026-12-07 11:30' },
    // Tuesday's text is due Monday 10:00 (desk time): not at risk, never handed to Twilio.
    { id: 'T1', name: 'Cy Ode', phone: phone(3), startsAt: '2026-12-08 10:00' },
  ]);
}

/** Friday 17:00–17:55: a cycle every 5 minutes until the PC is shut down at 18:00. */
async function fridayEvening(w: TwilioWorld, engine: TwilioTestEngine): Promise<void> {
  for (let t = FRIDAY_1700; t < local('2026-12-04 18:00'); t += 5 * 60_000) {
    w.clock.set(t);
    await engine.services.dispatch();
  }
}

describe('a Friday-to-Monday week with the desk off over the weekend', () => {
  it('without send-ahead, coverage names exactly the reminders that were then dropped', async () => {
    world = await startTwilioWorld({ now: FRIDAY_1700 });
    const coverage = fakeCoverage(ZONE);
    const engine = world.engine({ coverage });
    importWeek(engine);
    await engine.services.dispatch();
    const desk = weekdayDesk(ZONE);
    const atRisk = coverage.listAtRisk(engine.db, { nowMs: FRIDAY_1700, horizonMs: MONDAY_0730 - FRIDAY_1700, desk });
    await fridayEvening(world, engine);

    world.clock.set(MONDAY_0730);
    await engine.services.dispatch();
    const dropped = outboxRows(engine.db).filter((r) => r.state === 'expired');
    // The email at risk went early on Friday (docs/coverage.md#email-early); the texts were dropped.
    const texts = atRisk.filter((r) => r.channel === 'sms');
    expect(texts.map((r) => r.outboxId).sort()).toEqual(dropped.map((r) => r.id).sort());
    expect(dropped.map((r) => `${r.appointment}/${r.channel}`).sort()).toEqual(['M1/sms', 'M2/sms']);
    expect(outboxRows(engine.db).find((r) => r.appointment === 'M1' && r.channel === 'email')?.state).toBe('sent');
    expect(creates(await world.fake.requests(), 'Messages')).toHaveLength(0);
  });

  it("with send-ahead, Monday's patients are texted on Sunday morning, local time, and nothing goes twice on Monday", async () => {
    world = await startTwilioWorld({ now: FRIDAY_1700 });
    const engine = world.engine({ coverage: fakeCoverage(ZONE), config: { messagingServiceSid: world.fake.messagingServiceSid } });
    importWeek(engine);
    await fridayEvening(world, engine);
    const scheduled = outboxRows(engine.db).filter((r) => r.state === 'scheduled');
    expect(scheduled.map((r) => `${r.appointment}/${r.channel}`).sort()).toEqual(['M1/sms', 'M2/sms']);
    expect(creates(await world.fake.requests(), 'Messages')).toHaveLength(2); // twelve cycles, one create each

    // Shut down at 18:00: no engine runs. The fake moves on and sends the scheduled texts at their SendAt.
    world.clock.set(MONDAY_0730);
    const sent = (await world.fake.state()).messages.filter((m) => m.direction === 'outbound-api');
    expect(sent.map((m) => m.to).sort()).toEqual([e164(1), e164(2)]);
    for (const m of sent) {
      expect(m.status).toBe('delivered');
      expect(m.from).toBe(world.fake.fromNumber);
      // Each at the opening of its own window: 24 h before the appointment, Sunday morning local time.
      const at = DateTime.fromMillis(m.dateSent ?? 0, { zone: ZONE });
      expect([at.weekdayLong, at.toFormat('HH:mm')]).toEqual(['Sunday', m.to === e164(1) ? '10:00' : '09:00']);
    }

    // Monday 07:30, the desk is back: the cycle learns what Twilio did; calls follow at 08:00; no text is sent again.
    await engine.services.dispatch();
    world.clock.set(local('2026-12-07 08:00'));
    await engine.services.dispatch();
    world.clock.set(local('2026-12-07 09:00'));
    await engine.services.dispatch();
    const log = await world.fake.requests();
    expect(creates(log, 'Messages', e164(1))).toHaveLength(1);
    expect(creates(log, 'Messages', e164(2))).toHaveLength(1);
    const rows = outboxRows(engine.db);
    expect(rows.filter((r) => r.channel === 'sms' && r.appointment !== 'T1').map((r) => `${r.appointment}:${r.state}`)).toEqual([
      'M1:delivered',
      'M2:delivered',
      'M3:delivered',
    ]);
    expect(creates(log, 'Messages', e164(4))).toHaveLength(1); // M3's text went the ordinary way on Monday
    expect(rows.filter((r) => r.appointment === 'T1' && r.channel === 'sms').map((r) => r.state)).toEqual(['pending']);
  });
});

describe("the same week with the clinic's own coverage (desk hours configured, no stand-in)", () => {
  it('coverage names the at-risk texts on Friday; send-ahead hands exactly those to Twilio for Sunday; none goes twice', async () => {
    world = await startTwilioWorld({ now: FRIDAY_1700 });
    const engine = world.engine({ config: { messagingServiceSid: world.fake.messagingServiceSid } });
    applySettingsUpdate(engine.db, FRIDAY_1700, { deskHours: 'Mon-Fri 07:30-18:00' }, 'test');
    importWeek(engine);
    engine.services.plan();
    const texts = (report: CoverageReport) => report.items.filter((i) => i.channel === 'sms').map((i) => i.appointment);
    expect(texts(engine.services.coverage({ hours: 72 })).sort()).toEqual(['M1', 'M2']);

    await fridayEvening(world, engine);
    const scheduled = outboxRows(engine.db).filter((r) => r.state === 'scheduled');
    expect(scheduled.map((r) => `${r.appointment}/${r.channel}`).sort()).toEqual(['M1/sms', 'M2/sms']);
    // Handed to Twilio: no longer at risk.
    expect(texts(engine.services.coverage({ hours: 72 }))).toEqual([]);

    world.clock.set(MONDAY_0730);
    await engine.services.dispatch();
    world.clock.set(local('2026-12-07 09:00'));
    await engine.services.dispatch();
    const log = await world.fake.requests();
    for (const n of [1, 2, 4]) expect(creates(log, 'Messages', e164(n))).toHaveLength(1);
    const sunday = (await world.fake.state()).messages.filter((m) => m.to === e164(1) || m.to === e164(2));
    for (const m of sunday) expect(DateTime.fromMillis(m.dateSent ?? 0, { zone: ZONE }).weekdayLong).toBe('Sunday');
  });
});

describe('quitting at Friday noon with "send ahead" (the quit warning)', () => {
  it("schedules Saturday's and Monday's texts at Twilio now, each at its own first allowed time; Monday nothing goes twice", async () => {
    const noon = local('2026-12-04 12:00');
    world = await startTwilioWorld({ now: noon });
    const engine = world.engine({ config: { messagingServiceSid: world.fake.messagingServiceSid } });
    applySettingsUpdate(engine.db, noon, { deskHours: 'Mon-Fri 07:30-18:00', emailEarlyHours: 0 }, 'test');
    importRows(engine, [
      // Saturday 14:00: its text is due Friday 14:00, while the desk would normally still be on.
      { id: 'S1', name: 'Sam Lee', phone: phone(5), startsAt: '2026-12-05 14:00' },
      { id: 'M1', name: 'Ana Ruiz', phone: phone(1), startsAt: '2026-12-07 10:00' },
    ]);
    await engine.services.dispatch();
    // The desk's own hours: of the texts only Monday's is at risk (Saturday's call is, and stays so: calls cannot be
    // scheduled); an ordinary cycle at noon schedules nothing.
    const atRisk = engine.services.coverage({ hours: 72 }).items.map((i) => `${i.appointment}/${i.channel}`);
    expect(atRisk.sort()).toEqual(['M1/sms', 'S1/voice']);
    expect(outboxRows(engine.db).filter((r) => r.state === 'scheduled')).toEqual([]);

    expect(engine.sendAhead.canSchedule).toBe(true);
    expect(await engine.sendAhead.scheduleBeforeQuit()).toBe(2);
    const scheduled = outboxRows(engine.db).filter((r) => r.state === 'scheduled');
    expect(scheduled.map((r) => r.appointment).sort()).toEqual(['M1', 'S1']);

    // The PC is off until Monday: Twilio sends each at its SendAt.
    world.clock.set(MONDAY_0730);
    const sent = (await world.fake.state()).messages.filter((m) => m.direction === 'outbound-api');
    const when = (to: string) => {
      const m = sent.find((x) => x.to === to)!;
      const at = DateTime.fromMillis(m.dateSent ?? 0, { zone: ZONE });
      return `${at.weekdayLong} ${at.toFormat('HH:mm')}`;
    };
    expect(when(e164(5))).toBe('Friday 14:00');
    expect(when(e164(1))).toBe('Sunday 10:00');
    await engine.services.dispatch();
    const log = await world.fake.requests();
    for (const n of [1, 5]) expect(creates(log, 'Messages', e164(n))).toHaveLength(1);
  });
});
