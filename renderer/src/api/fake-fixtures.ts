import { smsSegments } from '../../../shared/util/sms-segments';
import type { Req, Res } from '../../../shared/api/contract';

type Appointment = Res<'schedule:get-day'>[number];
type Reminder = Appointment['contacts'][number];

/** The fake clinic's "today" (America/New_York, DST already in effect: offset -04:00). */
export const FAKE_TODAY = '2026-03-10';
export const FAKE_NOW = '2026-03-10T08:00:00-04:00';

export function fakeSettings(): Res<'settings:get'> {
  return {
    name: 'Maple Street Family Clinic',
    phone: '+15555550100',
    timezone: 'America/New_York',
    sendFrom: '08:00',
    sendUntil: '20:00',
    limits: {
      smsOrCallPerDay: 2,
      smsOrCallPerWeek: 4,
      callsPerAppointment: 1,
      smsPerMinute: 60,
      callsPerMinute: 60,
      emailsPerMinute: 120,
      breakerFactor: 3,
      breakerMinDue: 20,
      breakerMaxDuePerRecipient: 3,
      lastStepCutoffMinutes: 30,
    },
    rules: [
      { id: 'email-48h', channel: 'email', offsetMinutes: 48 * 60, onlyIfUnconfirmed: false, enabled: true },
      { id: 'sms-24h', channel: 'sms', offsetMinutes: 24 * 60, onlyIfUnconfirmed: true, enabled: true },
      { id: 'call-3h', channel: 'voice', offsetMinutes: 180, onlyIfUnconfirmed: true, enabled: true },
    ],
    templates: {},
    country: 'US',
    allowedCountries: ['US'],
  };
}

type ReminderInput = Partial<Reminder> & Pick<Reminder, 'ruleId' | 'channel' | 'to' | 'state' | 'at'>;

function reminderFactory(): (over: ReminderInput) => Reminder {
  let nextOutboxId = 100;
  return (over) => ({
    outboxId: nextOutboxId++,
    reason: null,
    expiresAt: over.at,
    outcome: null,
    providerId: null,
    lastError: null,
    ...over,
  });
}

/** Five appointments covering the states the screens must show. */
export function fakeAppointments(): Appointment[] {
  const reminder = reminderFactory();
  const base = { doNotContact: false, phoneInvalid: null, optedOut: false, durationMin: 30 };
  return [
    {
      ...base,
      appointment: 'A-1001',
      appointmentId: 1,
      patient: 'Maria Lopez',
      patientId: 1,
      phone: '+15555550101',
      email: 'maria.lopez@example.com',
      provider: 'Dr. Chen',
      startsAt: '2026-03-10T09:30:00-04:00',
      status: 'confirmed',
      contacts: [
        reminder({
          ruleId: 'email-48h',
          channel: 'email',
          to: 'maria.lopez@example.com',
          state: 'sent',
          at: '2026-03-08T09:30:00-04:00',
          outcome: 'simulated',
        }),
        reminder({
          ruleId: 'sms-24h',
          channel: 'sms',
          to: '+15555550101',
          state: 'cancelled',
          reason: 'confirmed',
          at: '2026-03-09T09:30:00-04:00',
        }),
      ],
    },
    {
      ...base,
      appointment: 'A-1002',
      appointmentId: 2,
      patient: 'James Okafor',
      patientId: 2,
      phone: '+15555550102',
      email: null,
      provider: 'Dr. Chen',
      startsAt: '2026-03-10T11:00:00-04:00',
      status: 'booked',
      contacts: [
        reminder({
          ruleId: 'sms-24h',
          channel: 'sms',
          to: '+15555550102',
          state: 'delivered',
          at: '2026-03-09T11:00:00-04:00',
          outcome: 'delivered',
          providerId: 'SM0002',
        }),
        reminder({
          ruleId: 'call-3h',
          channel: 'voice',
          to: '+15555550102',
          state: 'pending',
          at: '2026-03-10T08:00:00-04:00',
          expiresAt: '2026-03-10T10:30:00-04:00',
        }),
      ],
    },
    {
      ...base,
      appointment: 'A-1003',
      appointmentId: 3,
      patient: 'Priya Raman',
      patientId: 3,
      phone: '555-0103',
      phoneInvalid: 'not a valid phone number',
      email: null,
      provider: 'Dr. Alvarez',
      startsAt: '2026-03-10T13:15:00-04:00',
      status: 'booked',
      durationMin: 45,
      contacts: [
        reminder({
          ruleId: 'sms-24h',
          channel: 'sms',
          to: '555-0103',
          state: 'suppressed',
          reason: 'invalid number',
          at: '2026-03-09T13:15:00-04:00',
        }),
      ],
    },
    {
      ...base,
      appointment: 'A-1004',
      appointmentId: 4,
      patient: 'Tom Becker',
      patientId: 4,
      phone: '+15555550104',
      email: 'tom.becker@example.com',
      provider: 'Dr. Alvarez',
      startsAt: '2026-03-10T15:00:00-04:00',
      status: 'booked',
      contacts: [
        reminder({
          ruleId: 'call-3h',
          channel: 'voice',
          to: '+15555550104',
          state: 'unknown',
          at: '2026-03-10T07:55:00-04:00',
          outcome: 'unknown',
          lastError: 'call outcome unknown (timeout)',
        }),
      ],
    },
    {
      ...base,
      appointment: 'A-1005',
      appointmentId: 5,
      patient: 'Ellen Schultz',
      patientId: 5,
      doNotContact: true,
      phone: '+15555550105',
      email: 'ellen.s@example.com',
      provider: 'Dr. Chen',
      startsAt: '2026-03-10T16:30:00-04:00',
      status: 'booked',
      contacts: [],
    },
  ];
}

const MERGE_FIELDS = ['clinic', 'weekday', 'date', 'time', 'phone'];
type TemplateKind = Req<'settings:preview-template'>['kind'];

/**
 * A small stand-in for the engine's template checks (electron/core/channels/templates.ts): empty,
 * unknown field, SMS over 160 characters, SMS without STOP. Same wording, fewer rules.
 */
export function fakeTemplateProblems(kind: TemplateKind, text: string): string[] {
  if (!text.trim()) return ['The template is empty.'];
  const errors: string[] = [];
  for (const m of text.matchAll(/\{([^{}]*)\}/g)) {
    const name = m[1] ?? '';
    if (!MERGE_FIELDS.includes(name)) errors.push(`Unknown field {${name}}: use ${MERGE_FIELDS.map((f) => `{${f}}`).join(', ')}.`);
  }
  if (kind === 'sms') {
    const length = [
      ...text.replace(/\{(\w+)\}/g, (_, f: string) => (f === 'clinic' ? 'Riverside Family Medicine Associates LLC' : 'Wednesday')),
    ].length;
    if (length > 160) errors.push(`SMS is ${length} characters with a long clinic name; the limit is 160.`);
    if (!/\bSTOP\b/.test(text)) errors.push('SMS must tell patients how to opt out: include "Reply STOP to opt out".');
  }
  return errors;
}

/** The template rendered with the fake clinic's name and phone and a sample appointment (Wed Mar 11, 10:30 AM). */
export function fakePreview(kind: TemplateKind, text: string, settings: Res<'settings:get'>): Res<'settings:preview-template'> {
  const values: Record<string, string> = {
    clinic: settings.name,
    phone: settings.phone,
    weekday: 'Wednesday',
    date: 'Mar 11',
    time: '10:30 AM',
  };
  const rendered = text.replace(/\{(\w+)\}/g, (whole, f: string) => values[f] ?? whole);
  const preview = { text: rendered, length: [...rendered].length, errors: fakeTemplateProblems(kind, text) };
  if (kind !== 'sms') return preview;
  // The same segment counter the engine and the reports use (shared/util/sms-segments.ts).
  const { encoding, segments } = smsSegments(rendered);
  return { ...preview, encoding, segments, estimatedCost: Math.round(segments * 0.0083 * 10_000) / 10_000, currency: 'USD' };
}

type Settings = Res<'settings:get'>;
type Finding = Res<'settings:check-safety'>['refused'][number];

/**
 * A reduced copy of the engine's safety bounds (electron/core/rules/settings-safety.ts): quiet
 * hours and the daily budget, enough to drive the Settings screen's refuse/confirm flow.
 */
export function fakeSettingsSafety(current: Settings, next: Settings): Res<'settings:check-safety'> {
  const refused: Finding[] = [];
  const needsConfirmation: Finding[] = [];
  const judge = (setting: string, label: string, value: string, refuse: string | null, confirm: string | null) => {
    if (refuse) refused.push({ setting, label, value, reason: refuse });
    else if (confirm) needsConfirmation.push({ setting, label, value, reason: confirm });
  };
  if (next.sendFrom !== current.sendFrom) {
    const v = next.sendFrom;
    judge(
      'sendFrom',
      'SMS and calls from',
      v,
      v < '07:00' ? 'before 07:00 is night; no reminder goes out then' : null,
      v < '08:00' ? 'earlier than 08:00, the usual start of calling hours' : null,
    );
  }
  if (next.sendUntil !== current.sendUntil) {
    const v = next.sendUntil;
    judge(
      'sendUntil',
      'SMS and calls until',
      v,
      v > '22:00' ? 'after 22:00 is night; no reminder goes out then' : null,
      v > '21:00' ? 'later than 21:00, the usual end of calling hours' : null,
    );
  }
  const perDay = next.limits.smsOrCallPerDay;
  if (perDay !== current.limits.smsOrCallPerDay) {
    judge(
      'limits.smsOrCallPerDay',
      'SMS or calls per number per day',
      String(perDay),
      perDay > 2 ? 'more than 2 a day is harassment, not a reminder' : null,
      perDay > 1 ? "above the FCC healthcare exemption's 1 a day: only with the patients' written consent" : null,
    );
  }
  return { refused, needsConfirmation };
}
