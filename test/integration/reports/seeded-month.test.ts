import { parse } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '../../../shared/domain/reports';
import { smsSegments } from '../../../shared/util/sms-segments';
import { e164, ZONE } from '../../helpers/engine';
import { MONTH, ROLES, seedMonth, type SeededAppointment, type SeededMonth } from '../../helpers/reports/seed-month';
import type { SendRecord } from '../../helpers/reports/seed-transports';

/**
 * The numbers behind every dashboard chart, checked against a month the real engine made (seed-month.ts).
 * Each expectation is computed here from what the script decided and what the provider saw, never from the
 * report's own queries.
 */

let month: SeededMonth;
let dashboard: Dashboard;
beforeAll(async () => {
  month = await seedMonth();
  dashboard = month.engine.services.reports.dashboard(MONTH);
}, 240_000);
afterAll(() => month?.engine.cleanup());

const dayOf = (ms: number) => DateTime.fromMillis(ms, { zone: ZONE }).toISODate()!;
const inMonth = (ms: number) => dayOf(ms) >= MONTH.from && dayOf(ms) <= MONTH.to;
const accepted = (s: SendRecord) => s.result === 'accepted';
const countBy = <T>(items: readonly T[], key: (t: T) => string) => {
  const m = new Map<string, number>();
  for (const t of items) m.set(key(t), (m.get(key(t)) ?? 0) + 1);
  return m;
};

/** Confirmed per the script and the provider: the desk's and the replies always apply, a call's only if it was made and answered. */
function confirmedVia(a: SeededAppointment): 'desk' | 'reply' | 'call' | null {
  if (a.confirmVia === 'call') {
    const answered = month.sends.some((s) => s.channel === 'voice' && s.appointmentId === a.id && s.delivery === 'confirmed by keypress 1');
    return answered ? 'call' : null;
  }
  return a.confirmVia;
}

describe('the seeded month itself', () => {
  it('went through the real engine with every kind of outcome', () => {
    const { sends } = month;
    expect(month.appointments).toHaveLength(132);
    expect(sends.filter((s) => s.result === 'invalid').length).toBeGreaterThan(0);
    expect(sends.filter((s) => s.result === 'opt_out').length).toBeGreaterThan(0);
    expect(sends.filter((s) => s.delivery === 'undelivered').length).toBeGreaterThan(0);
    expect(sends.filter((s) => s.delivery === 'confirmed by keypress 1').length).toBeGreaterThan(0);
    // The clinic was renamed with a non-GSM letter mid-month: its texts went from 1 to 2 segments.
    const segments = new Set(sends.filter((s) => s.channel === 'sms').map((s) => smsSegments(s.body).segments));
    expect([...segments].sort()).toEqual([1, 2]);
  });
});

describe('dashboard: reminders by channel and outcome', () => {
  it('matches the outbox, counted per appointment of the range with its own state mapping', () => {
    const rows = month.engine.db
      .prepare(
        `SELECT o.channel, o.state, o.reason FROM outbox o JOIN appointments a ON a.id = o.appointment_id
         WHERE a.starts_at >= ? AND a.starts_at < ?`,
      )
      .all(
        DateTime.fromISO(MONTH.from, { zone: ZONE }).toMillis(),
        DateTime.fromISO(MONTH.to, { zone: ZONE }).plus({ days: 1 }).toMillis(),
      ) as {
      channel: string;
      state: string;
      reason: string | null;
    }[];
    const mapping: Record<string, string | null> = {
      delivered: 'delivered',
      sent: 'sent',
      failed: 'failed',
      undelivered: 'failed',
      unknown: 'unknown',
      suppressed: 'suppressed',
      expired: 'expired',
      cancelled: 'not_needed',
      pending: 'pending',
      sending: 'pending',
      superseded: null,
    };
    for (const channel of ['email', 'sms', 'voice'] as const) {
      const expected: Record<string, number> = {
        delivered: 0,
        sent: 0,
        failed: 0,
        unknown: 0,
        suppressed: 0,
        expired: 0,
        not_needed: 0,
        pending: 0,
      };
      for (const r of rows.filter((x) => x.channel === channel)) {
        const outcome = mapping[r.state];
        if (outcome) expected[outcome]! += 1;
      }
      const got = dashboard.reminders.byChannel.find((c) => c.channel === channel)!;
      expect(got.outcomes, channel).toEqual(expected);
      expect(got.total).toBe(Object.values(expected).reduce((a, b) => a + b, 0));
    }
    const suppressed = countBy(
      rows.filter((r) => r.state === 'suppressed'),
      (r) => `${r.channel}|${r.reason}`,
    );
    expect(new Map(dashboard.reminders.suppressed.map((s) => [`${s.channel}|${s.reason}`, s.count]))).toEqual(suppressed);
  });

  it('agrees with what the provider saw for texts', () => {
    const sms = month.sends.filter((s) => s.channel === 'sms');
    const got = dashboard.reminders.byChannel.find((c) => c.channel === 'sms')!.outcomes;
    expect(got.delivered).toBe(sms.filter((s) => s.delivery === 'delivered').length);
    expect(got.failed).toBe(sms.filter((s) => s.result !== 'accepted' || s.delivery === 'undelivered').length);
    const stop = dashboard.reminders.suppressed.find((s) => s.channel === 'sms' && /opted out/.test(s.reason));
    expect(stop?.count).toBeGreaterThan(0);
  });
});

describe('dashboard: confirmation rate and no-shows', () => {
  it('counts confirmations by how they were made, overall and per day', () => {
    const booked = month.appointments.filter((a) => !a.cancelled);
    const via = booked.map(confirmedVia);
    const confirmed = via.filter((v) => v !== null).length;
    const c = dashboard.confirmations;
    expect(c.appointments).toBe(booked.length);
    expect(c.confirmed).toBe(confirmed);
    expect(c.rate).toBeCloseTo(confirmed / booked.length, 10);
    expect(c.bySource).toEqual({
      reply: via.filter((v) => v === 'reply').length,
      call: via.filter((v) => v === 'call').length,
      desk: via.filter((v) => v === 'desk').length,
      schedule: 0,
    });
    expect(c.bySource.call).toBeGreaterThan(0);
    const perDay = countBy(booked, (a) => dayOf(a.startsAt));
    const confirmedPerDay = countBy(
      booked.filter((a) => confirmedVia(a) !== null),
      (a) => dayOf(a.startsAt),
    );
    for (const d of c.daily) {
      expect(d.appointments, d.date).toBe(perDay.get(d.date) ?? 0);
      expect(d.confirmed, d.date).toBe(confirmedPerDay.get(d.date) ?? 0);
    }
    expect(c.daily.map((d) => d.date)).toHaveLength(30);
  });

  it('compares no-shows of confirmed and unconfirmed appointments', () => {
    const attended = month.appointments.filter((a) => !a.cancelled);
    const group = (confirmed: boolean) => {
      const list = attended.filter((a) => (confirmedVia(a) !== null) === confirmed);
      const noShows = list.filter((a) => a.noShow).length;
      return { appointments: list.length, noShows, rate: noShows / list.length };
    };
    const expected = { confirmed: group(true), unconfirmed: group(false) };
    expect(dashboard.noShows.confirmed.appointments).toBe(expected.confirmed.appointments);
    expect(dashboard.noShows.confirmed.noShows).toBe(expected.confirmed.noShows);
    expect(dashboard.noShows.confirmed.rate).toBeCloseTo(expected.confirmed.rate, 10);
    expect(dashboard.noShows.unconfirmed.noShows).toBe(expected.unconfirmed.noShows);
    expect(dashboard.noShows.unconfirmed.rate).toBeCloseTo(expected.unconfirmed.rate, 10);
  });
});

describe('dashboard: texts and calls per day against the caps', () => {
  it('counts per clinic day (across the end of daylight saving time) and the most any one number got', () => {
    const counted = month.sends.filter(accepted);
    const { capPerDay, capPerWeek, days } = dashboard.contactsPerDay;
    expect({ capPerDay, capPerWeek }).toEqual({ capPerDay: 1, capPerWeek: 3 });
    expect(days.map((d) => d.date)).toEqual(dashboard.confirmations.daily.map((d) => d.date));
    const phoneSends = counted.filter((s) => s.channel !== 'email');
    const perNumberDay = countBy(phoneSends, (s) => `${s.to}|${dayOf(s.at)}`);
    for (const day of days) {
      const onDay = counted.filter((s) => dayOf(s.at) === day.date);
      expect({ sms: day.sms, voice: day.voice, email: day.email }, day.date).toEqual({
        sms: onDay.filter((s) => s.channel === 'sms').length,
        voice: onDay.filter((s) => s.channel === 'voice').length,
        email: onDay.filter((s) => s.channel === 'email').length,
      });
      const numbers = [...perNumberDay].filter(([k]) => k.endsWith(`|${day.date}`)).map(([, n]) => n);
      expect(day.maxPerNumber, day.date).toBe(Math.max(0, ...numbers));
      expect(day.numbersAtCap, day.date).toBe(numbers.filter((n) => n >= capPerDay).length);
      const weekStart = DateTime.fromISO(day.date, { zone: ZONE }).minus({ days: 6 }).toISODate()!;
      const week = countBy(
        phoneSends.filter((s) => dayOf(s.at) >= weekStart && dayOf(s.at) <= day.date),
        (s) => s.to,
      );
      expect(day.maxPerNumberWeek, day.date).toBe(Math.max(0, ...week.values()));
    }
    // The safeguard held: no number ever went over a cap.
    expect(Math.max(...days.map((d) => d.maxPerNumber))).toBeLessThanOrEqual(capPerDay);
    expect(Math.max(...days.map((d) => d.maxPerNumberWeek))).toBeLessThanOrEqual(capPerWeek);
    expect(days.find((d) => d.date === '2026-11-01')).toBeDefined();
  });
});

describe('dashboard: estimated provider cost', () => {
  it('prices the segments of the bodies sent and the calls made, and follows the clinic prices', () => {
    const billed = month.sends.filter((s) => accepted(s) && inMonth(s.at));
    const sms = billed.filter((s) => s.channel === 'sms');
    const segments = sms.reduce((n, s) => n + smsSegments(s.body).segments, 0);
    const calls = billed.filter((s) => s.channel === 'voice').length;
    const byChannel = new Map(dashboard.cost.channels.map((c) => [c.channel, c]));
    expect(byChannel.get('sms')).toMatchObject({ attempts: sms.length, units: segments, simulatedAttempts: 0 });
    expect(byChannel.get('sms')!.estimate).toBeCloseTo(segments * 0.0083, 10);
    expect(byChannel.get('voice')).toMatchObject({ attempts: calls, units: calls });
    expect(byChannel.get('voice')!.estimate).toBeCloseTo(calls * 0.014, 10);
    expect(byChannel.get('email')!.estimate).toBe(0);
    expect(dashboard.cost.total).toBeCloseTo(segments * 0.0083 + calls * 0.014, 10);
    expect(dashboard.cost.segmentsEstimated).toBe(0);
    const day = '2026-11-10';
    const onDay = sms.filter((s) => dayOf(s.at) === day);
    expect(dashboard.cost.daily.find((d) => d.date === day)!.sms).toBeCloseTo(
      onDay.reduce((n, s) => n + smsSegments(s.body).segments, 0) * 0.0083,
      10,
    );

    const reports = month.engine.services.reports;
    reports.updateSettings({ prices: { smsPerSegment: 0.01, voicePerMinute: 0.02, voiceMinutesPerCall: 2 }, actor: 'test' });
    try {
      const repriced = reports.dashboard(MONTH).cost;
      expect(repriced.total).toBeCloseTo(segments * 0.01 + calls * 2 * 0.02, 10);
    } finally {
      reports.updateSettings({ prices: { smsPerSegment: 0.0083, voicePerMinute: 0.014, voiceMinutesPerCall: 1 }, actor: 'test' });
    }
  });
});

describe('daily summary', () => {
  it("counts one day's sent, failed and confirmed reminders", () => {
    // A day with a text the provider accepted but could not deliver: it counts as failed, not sent.
    const day = dayOf(month.sends.find((s) => s.delivery === 'undelivered')!.at);
    const sends = month.sends.filter((s) => dayOf(s.at) === day);
    const sent = new Set(sends.filter((s) => accepted(s) && s.delivery !== 'undelivered').map((s) => s.outboxId));
    const failed = new Set(sends.filter((s) => !accepted(s) || s.delivery === 'undelivered').map((s) => s.outboxId));
    const confirmedAt = month.appointments.flatMap((a) => {
      const via = confirmedVia(a);
      if (via === 'desk') return [a.startsAt - 30 * 3_600_000];
      if (via === 'reply') return [a.startsAt - 20 * 3_600_000];
      if (via === 'call')
        return [month.sends.find((s) => s.appointmentId === a.id && s.delivery === 'confirmed by keypress 1')!.reportedAt!];
      return [];
    });
    const summary = month.engine.services.reports.dailySummary({ date: day });
    expect(summary).toMatchObject({
      date: day,
      sent: sent.size,
      failed: failed.size,
      confirmed: confirmedAt.filter((t) => dayOf(t) === day).length,
    });
    expect(summary.failed).toBeGreaterThan(0);
    expect(summary.endsAt).toBe(DateTime.fromISO(`${day}T21:00`, { zone: ZONE }).toISO({ suppressMilliseconds: true }));
  });
});

describe('ledger export and contact history', () => {
  it('exports every attempt and reply of the range as CSV', () => {
    const file = month.engine.services.reports.ledgerExport(MONTH);
    const text = file.content as string;
    expect(text.startsWith('\uFEFF')).toBe(true);
    const records = parse(text.slice(1), { columns: true }) as Record<string, string>[];
    const attempts = month.sends.filter((s) => inMonth(s.at));
    const replies = month.script.replies.filter((r) => inMonth(r.at));
    expect(records.filter((r) => r['type'] === 'attempt')).toHaveLength(attempts.length);
    expect(records.filter((r) => r['type'] === 'reply')).toHaveLength(replies.length);
    expect(file.rows).toBe(attempts.length + replies.length);
    expect(records.filter((r) => r['type'] === 'reply').map((r) => r['reply'])).toContain('STOP');
    expect(file.fileName).toBe('contacts-2026-10-19-to-2026-11-17.csv');
  });

  it('tells a STOP dispute from the record: the reply, the opt-out, what was held back, the opt-in', async () => {
    const history = await month.engine.services.reports.patientHistory({ phone: '(212) 555-0113' });
    const number = e164(ROLES.stopStart);
    expect(history.query).toBe(number);
    const kinds = history.rows.map((r) => `${r.kind}:${r.event}`);
    const stopAt = history.rows.findIndex((r) => r.kind === 'reply' && r.event === 'reply "STOP"');
    const optOut = history.rows.findIndex((r) => r.kind === 'consent' && r.event === 'opted out of texts and calls');
    const optIn = history.rows.findIndex((r) => r.kind === 'consent' && r.event === 'opted back in');
    expect(stopAt).toBeGreaterThan(-1);
    expect(optOut).toBeGreaterThan(-1);
    expect(optIn).toBeGreaterThan(optOut);
    expect(history.rows[optOut]).toMatchObject({
      actor: `patient reply from ${number}`,
      outcome: 'reply',
      detail: 'opted out (STOP): no → yes',
    });
    // No text or call was handed to the provider while the number was opted out.
    const [from, to] = [history.rows[optOut]!.at, history.rows[optIn]!.at].map((s) => Date.parse(s));
    const between = history.rows.filter(
      (r) => r.kind === 'attempt' && r.channel !== 'email' && Date.parse(r.at) > from! && Date.parse(r.at) < to!,
    );
    expect(between).toEqual([]);
    expect(history.rows.some((r) => r.kind === 'reminder' && r.outcome === 'suppressed' && /opted out/.test(r.detail))).toBe(true);
    expect(kinds[0]).toBe('consent:patient added');
  });

  it('shows who marked a patient do-not-contact and who fixed a phone number', async () => {
    const reports = month.engine.services.reports;
    const dnc = await reports.patientHistory({ phone: e164(ROLES.doNotContact) });
    expect(dnc.patients[0]!.doNotContact).toBe(true);
    expect(dnc.rows.find((r) => r.event === 'do-not-contact changed')).toMatchObject({
      actor: 'desk',
      outcome: 'front desk',
      detail: 'do not contact: no → yes',
    });
    const fixed = await reports.patientHistory({ phone: '(212) 555-0210' });
    expect(fixed.rows.find((r) => r.event === 'phone number corrected')).toMatchObject({
      actor: 'desk',
      detail: `phone: ${e164(ROLES.invalid)} → +12125550210`,
    });
    // The failed attempts to the old, invalid number are part of this patient's history too.
    expect(fixed.rows.some((r) => r.kind === 'attempt' && r.address === e164(ROLES.invalid) && r.outcome === 'failed')).toBe(true);
  });
});
