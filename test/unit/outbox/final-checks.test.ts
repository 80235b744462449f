import { afterEach, describe, expect, it } from 'vitest';
import type { Limits } from '../../../shared/domain/dto';
import type { Channel } from '../../../shared/domain/types';
import type { WritableDB } from '../../../electron/core/db/connection';
import { getClinicSettings } from '../../../electron/core/clinic/clinic-settings';
import type { OutboxRow } from '../../../electron/core/db/repos/outbox-repo';
import type { PlanningAppointment } from '../../../electron/core/db/repos/planning-repo';
import { markRecipientInvalid, markRecipientOptedOut } from '../../../electron/core/db/repos/recipients-repo';
import { ClaimCache, COUNTRY_NOT_ALLOWED, type ClaimDecision, decideClaim } from '../../../electron/core/outbox/final-checks';
import { DAY_MS, HOUR_MS } from '../../../electron/core/platform/clock';
import { e164, local } from '../../helpers/engine';
import { dueRow, NOW, NUMBER, planningAppointment, scheduleDb, seedAttempt } from './fixtures';

/**
 * The claim's final checks (docs/safeguards.md), one decision per row: each case is the one fact that
 * changes the answer. Every case runs twice, with and without the per-claim cache, which must agree.
 */
interface Case {
  readonly name: string;
  readonly channel?: Channel;
  readonly now?: number;
  readonly row?: Partial<OutboxRow>;
  /** Changes to the appointment as the claim reads it; 'missing' when it is gone from the schedule. */
  readonly appt?: Partial<PlanningAppointment> | 'missing';
  readonly configured?: Partial<Record<Channel, boolean>>;
  readonly limits?: Partial<Limits>;
  readonly allowedCountries?: string[];
  /** Ledger and recipient facts written before the check. */
  readonly seed?: (db: WritableDB, appt: PlanningAppointment) => void;
  readonly expected: ClaimDecision;
}

const SEND: ClaimDecision = { kind: 'send' };
const suppressed = (reason: string): ClaimDecision => ({ kind: 'end', state: 'suppressed', reason });
const cancelled = (reason: string): ClaimDecision => ({ kind: 'end', state: 'cancelled', reason });

const textAt =
  (at: number, recipient = NUMBER) =>
  (db: WritableDB, appt: PlanningAppointment) =>
    seedAttempt(db, { appointmentId: appt.id, channel: 'sms', recipient, at });

const CASES: readonly Case[] = [
  // Nothing stands in the way.
  { name: 'an SMS with nothing against it is sent', expected: SEND },
  { name: 'a call with nothing against it is sent', channel: 'voice', expected: SEND },
  { name: 'an email with nothing against it is sent', channel: 'email', expected: SEND },

  // The appointment (docs/safeguards.md#confirm-cancel-and-reschedule).
  {
    name: 'an appointment gone from the schedule ends the row as cancelled',
    appt: 'missing',
    expected: cancelled('appointment cancelled'),
  },
  { name: 'a cancelled appointment', appt: { status: 'cancelled' }, expected: cancelled('appointment cancelled') },
  { name: 'a completed appointment', appt: { status: 'completed' }, expected: cancelled('appointment completed') },
  { name: 'a no-show', appt: { status: 'no_show' }, expected: cancelled('appointment no_show') },
  {
    name: 'a confirmed appointment stops an only-if-unconfirmed step',
    appt: { status: 'confirmed' },
    expected: cancelled('appointment confirmed'),
  },
  { name: 'a confirmed appointment still gets a step meant for everyone', channel: 'email', appt: { status: 'confirmed' }, expected: SEND },
  {
    name: 'a confirmed appointment stops a step whose rule is gone (conservative)',
    row: { rule_id: 'deleted-rule' },
    appt: { status: 'confirmed' },
    expected: cancelled('appointment confirmed'),
  },

  // Freshness (docs/safeguards.md#freshness).
  {
    name: 'the send window has closed',
    row: { expires_at: NOW },
    expected: { kind: 'end', state: 'expired', reason: 'send window closed' },
  },
  {
    name: 'a cancellation outranks an expired window',
    row: { expires_at: NOW },
    appt: { status: 'cancelled' },
    expected: cancelled('appointment cancelled'),
  },

  // What blocks a reminder for good (docs/safeguards.md#consent-and-opt-out).
  { name: 'do not contact', appt: { do_not_contact: 1 }, expected: suppressed('patient marked do not contact') },
  {
    name: 'an expired window outranks do not contact',
    row: { expires_at: NOW - 1 },
    appt: { do_not_contact: 1 },
    expected: { kind: 'end', state: 'expired', reason: 'send window closed' },
  },
  {
    name: 'do not contact outranks missing consent',
    appt: { do_not_contact: 1, sms_consent: 0 },
    expected: suppressed('patient marked do not contact'),
  },
  { name: 'no consent for SMS', appt: { sms_consent: 0 }, expected: suppressed('no consent for sms') },
  { name: 'no consent for calls', channel: 'voice', appt: { voice_consent: 0 }, expected: suppressed('no consent for voice') },
  { name: 'no consent for email', channel: 'email', appt: { email_consent: 0 }, expected: suppressed('no consent for email') },
  {
    name: 'consent for SMS only does not allow a call',
    channel: 'voice',
    appt: { voice_consent: 0, sms_consent: 1 },
    expected: suppressed('no consent for voice'),
  },
  {
    name: 'the number replied STOP',
    seed: (db) => markRecipientOptedOut(db, NUMBER, 'reply', NOW - DAY_MS),
    expected: suppressed('number opted out (STOP)'),
  },
  {
    name: 'STOP also stops calls to the number',
    channel: 'voice',
    seed: (db) => markRecipientOptedOut(db, NUMBER, 'reply', NOW - DAY_MS),
    expected: suppressed('number opted out (STOP)'),
  },
  {
    name: 'STOP does not stop email',
    channel: 'email',
    seed: (db) => markRecipientOptedOut(db, NUMBER, 'reply', NOW - DAY_MS),
    expected: SEND,
  },
  {
    name: 'the provider said the number is invalid',
    seed: (db) => markRecipientInvalid(db, NUMBER, 'Twilio 21211: not a valid number', NOW - DAY_MS),
    expected: suppressed('invalid number: Twilio 21211: not a valid number'),
  },
  {
    name: 'a number of a country the clinic has not allowed',
    row: { recipient: '+447400123456' },
    expected: suppressed(COUNTRY_NOT_ALLOWED),
  },
  { name: 'a number with no country', row: { recipient: '+80012345678' }, expected: suppressed(COUNTRY_NOT_ALLOWED) },
  {
    name: 'a foreign number the clinic allowed (16:00 in London)',
    row: { recipient: '+447400123456' },
    allowedCountries: ['US', 'GB'],
    expected: SEND,
  },
  { name: 'a channel with no transport configured', configured: { sms: false }, expected: suppressed('channel not configured') },
  {
    name: 'email with no transport configured',
    channel: 'email',
    configured: { email: false },
    expected: suppressed('channel not configured'),
  },
  { name: 'another channel unconfigured does not matter', configured: { voice: false, email: false }, expected: SEND },

  // Quiet hours (docs/safeguards.md#quiet-hours): 08:00–21:00 in the recipient's zone.
  {
    name: 'before 08:00 an SMS waits for 08:00',
    now: local('2026-11-27 07:00'),
    expected: { kind: 'defer', until: local('2026-11-27 08:00'), reason: 'quiet hours' },
  },
  {
    name: 'before 08:00 an SMS whose window closes first expires',
    now: local('2026-11-27 07:00'),
    row: { expires_at: local('2026-11-27 07:30') },
    expected: { kind: 'end', state: 'expired', reason: 'quiet hours' },
  },
  {
    name: 'after 21:00 a call waits for 08:00 tomorrow',
    channel: 'voice',
    now: local('2026-11-27 21:00'),
    row: { expires_at: local('2026-11-28 09:00') },
    expected: { kind: 'defer', until: local('2026-11-28 08:00'), reason: 'quiet hours' },
  },
  {
    name: 'a patient in Los Angeles is not texted at 07:00 their time',
    appt: { patient_timezone: 'America/Los_Angeles' },
    now: local('2026-11-27 10:00'),
    expected: { kind: 'defer', until: local('2026-11-27 11:00'), reason: 'quiet hours' },
  },
  { name: 'quiet hours do not hold email back', channel: 'email', now: local('2026-11-27 03:00'), expected: SEND },

  // Per-appointment call cap and per-number budgets (docs/safeguards.md#contact-budgets), counted from the ledger.
  {
    name: 'an appointment already called about',
    channel: 'voice',
    seed: (db, appt) => seedAttempt(db, { appointmentId: appt.id, channel: 'voice', recipient: NUMBER, at: NOW - 8 * DAY_MS }),
    expected: suppressed('already called about this appointment'),
  },
  {
    name: 'a call that definitely failed does not use the call cap',
    channel: 'voice',
    seed: (db, appt) =>
      seedAttempt(db, { appointmentId: appt.id, channel: 'voice', recipient: NUMBER, at: NOW - 8 * DAY_MS, countsForBudget: false }),
    expected: SEND,
  },
  {
    name: 'texted today: the daily budget defers to 08:00 tomorrow while the window lasts',
    row: { expires_at: local('2026-11-28 12:00') },
    seed: textAt(local('2026-11-27 09:00')),
    expected: { kind: 'defer', until: local('2026-11-28 08:00'), reason: 'daily contact limit for this number' },
  },
  {
    name: 'texted today: the daily budget suppresses when the window closes first',
    seed: textAt(local('2026-11-27 09:00')),
    expected: suppressed('daily contact limit for this number'),
  },
  {
    name: 'a call today uses the same daily budget as a text',
    seed: (db, appt) => seedAttempt(db, { appointmentId: appt.id, channel: 'voice', recipient: NUMBER, at: local('2026-11-27 08:30') }),
    expected: suppressed('daily contact limit for this number'),
  },
  { name: 'texted late yesterday: today is a new day', seed: textAt(local('2026-11-26 20:59')), expected: SEND },
  {
    name: 'an email today does not use the phone budget',
    seed: (db, appt) => seedAttempt(db, { appointmentId: appt.id, channel: 'email', recipient: NUMBER, at: NOW - HOUR_MS }),
    expected: SEND,
  },
  { name: 'a text today to another number does not count', seed: textAt(NOW - HOUR_MS, e164(9)), expected: SEND },
  {
    name: 'three texts this week: the weekly budget defers until the oldest is a week old',
    row: { expires_at: local('2026-12-01 10:00') },
    seed: (db, appt) => {
      for (const day of ['23', '24', '25']) textAt(local(`2026-11-${day} 10:00`))(db, appt);
    },
    expected: { kind: 'defer', until: local('2026-11-30 10:00'), reason: 'weekly contact limit for this number' },
  },
  {
    name: 'three texts this week: the weekly budget suppresses when the window closes first',
    seed: (db, appt) => {
      for (const day of ['23', '24', '25']) textAt(local(`2026-11-${day} 10:00`))(db, appt);
    },
    expected: suppressed('weekly contact limit for this number'),
  },
  {
    name: 'a text exactly a week ago no longer counts',
    seed: (db, appt) => {
      textAt(NOW - 7 * DAY_MS)(db, appt);
      for (const day of ['24', '25']) textAt(local(`2026-11-${day} 10:00`))(db, appt);
    },
    expected: SEND,
  },
  { name: 'a clinic that allows two a day', limits: { smsOrCallPerDay: 2 }, seed: textAt(local('2026-11-27 09:00')), expected: SEND },

  // Rate limit (docs/safeguards.md#rate-limits): attempts on the channel in the last minute, whoever they went to.
  {
    name: 'the per-minute SMS limit reached',
    limits: { smsPerMinute: 2 },
    seed: (db, appt) => {
      textAt(NOW - 30_000, e164(20))(db, appt);
      textAt(NOW - 59_999, e164(21))(db, appt);
    },
    expected: { kind: 'rate_limited' },
  },
  {
    name: 'an attempt a full minute ago is outside the rate window',
    limits: { smsPerMinute: 2 },
    seed: (db, appt) => {
      textAt(NOW - 30_000, e164(20))(db, appt);
      textAt(NOW - 60_000, e164(21))(db, appt);
    },
    expected: SEND,
  },
  {
    name: 'the per-minute call limit counts calls only',
    channel: 'voice',
    limits: { callsPerMinute: 1 },
    seed: textAt(NOW - 1_000, e164(20)),
    expected: SEND,
  },
  {
    name: 'the per-minute email limit reached',
    channel: 'email',
    limits: { emailsPerMinute: 1 },
    seed: (db, appt) => seedAttempt(db, { appointmentId: appt.id, channel: 'email', recipient: 'other@example.com', at: NOW - 1_000 }),
    expected: { kind: 'rate_limited' },
  },
];

const opened: WritableDB[] = [];
afterEach(() => {
  while (opened.length > 0) opened.pop()!.close();
});

function decide(c: Case, withCache: boolean): ClaimDecision {
  const db = scheduleDb();
  opened.push(db);
  const appt = planningAppointment(db);
  c.seed?.(db, appt);
  const now = c.now ?? NOW;
  const base = getClinicSettings(db);
  const settings = {
    ...base,
    limits: { ...base.limits, ...c.limits },
    ...(c.allowedCountries ? { allowedCountries: c.allowedCountries } : {}),
  };
  const configured = { email: true, sms: true, voice: true, ...c.configured };
  const ctx = { db, now, settings, configured, ...(withCache ? { cache: new ClaimCache(now) } : {}) };
  const seen = c.appt === 'missing' ? undefined : { ...appt, ...c.appt };
  return decideClaim(ctx, dueRow(appt, c.channel ?? 'sms', c.row), seen);
}

describe.each([
  ['without a claim cache', false],
  ['with a claim cache', true],
])('decideClaim %s', (_label, withCache) => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(decide(c, withCache)).toEqual(c.expected);
  });
});

describe('decideClaim within one claim', () => {
  it('counts the rows it claims against the rate limit (the cache is the claim transaction’s memory)', () => {
    const db = scheduleDb(2);
    opened.push(db);
    const base = getClinicSettings(db);
    const settings = { ...base, limits: { ...base.limits, smsPerMinute: 2 } };
    const cache = new ClaimCache(NOW);
    const ctx = { db, now: NOW, settings, configured: { email: true, sms: true, voice: true }, cache };
    const decisions = ['A1', 'A2', 'A3'].map((id, i) => {
      const appt = planningAppointment(db, id);
      const decision = decideClaim(ctx, dueRow(appt, 'sms', { recipient: e164(i + 1) }), appt);
      if (decision.kind === 'send') cache.noteClaimed('sms');
      return decision.kind;
    });
    expect(decisions).toEqual(['send', 'send', 'rate_limited']);
  });
});
