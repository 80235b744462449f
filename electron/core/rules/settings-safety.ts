import type { SettingsFinding, SettingsSafety } from '../../../shared/api/contract';
import type { ClinicSettings, Limits } from '../../../shared/domain/dto';

/**
 * What counts as an unsafe setting: a pure table of named bounds, one per setting, each with its
 * reason. A value past `confirm…` needs a deliberate, audited confirmation; past `refuse…` it is
 * never saved, from any client. Only settings a change actually alters are judged, so a database
 * that already holds an old out-of-range value can still have its name or phone edited.
 * docs/web-host.md lists the same bounds for maintainers.
 */

/** Minutes since midnight of an `HH:mm` text, or null when it is not a time of day. */
export function minutesOfDay(text: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  return hours <= 23 && minutes <= 59 ? hours * 60 + minutes : null;
}

const at = (hhmm: string): number => minutesOfDay(hhmm)!;
const hhmm = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Where a range ends (exclusive: a value equal to `above` or `below` is still inside) and why, for the user. */
type Threshold = Readonly<{ above?: number; below?: number; why: string }>;

/** One bound: `read` gives the number judged; past `confirm` needs a confirmation, past `refuse` is refused. */
type Bound = Readonly<{
  setting: string;
  label: string;
  read: (s: ClinicSettings) => number;
  show?: (n: number) => string;
  confirm?: Threshold;
  refuse?: Threshold;
}>;

const limit = (key: Exclude<keyof Limits, 'settleMinutes' | 'undoMinutes'>) => (s: ClinicSettings) => s.limits[key];

/** Quiet hours, clinic (or recipient) local time. */
export const QUIET_HOURS = {
  // 47 CFR 64.1200(c)(1) bars telemarketing calls before 8 a.m. and after 9 p.m.; reminders are not
  // bound by it, but it is what patients expect, and our default window.
  usualFrom: '08:00',
  usualUntil: '21:00',
  // Before 07:00 or after 22:00 is night: a reminder then wakes people and no clinic needs it.
  earliestFrom: '07:00',
  latestUntil: '22:00',
} as const;

/** Contact budgets per number (texts and calls together). */
export const BUDGETS = {
  // FCC healthcare exemption (47 CFR 64.1200(a)(9)): at most 1 message a day and 3 a week per patient.
  exemptPerDay: 1,
  exemptPerWeek: 3,
  // Past these, reminders have become the barrage this app exists to prevent (one a day, every day).
  maxPerDay: 2,
  maxPerWeek: 7,
  // One call per appointment, ever: a call is never re-dialled, whatever happened to the first one.
  maxCallsPerAppointment: 1,
} as const;

/** Throughput. Above the provider's own rate, Twilio queues the excess, where the kill switch cannot reach it. */
export const RATES = {
  // A long code sends about 1 text segment per second.
  smsPerMinute: 60,
  // Twilio places 1 call per second per account by default.
  callsPerMinute: 60,
  // Emails do not count against the per-number budget, so the rate and the breaker are their only brake.
  emailsPerMinute: 120,
} as const;

/** The backlog breaker (pauses sending when far more is due than the schedule predicts). */
export const BREAKER = {
  usualFactor: 3,
  // Above 10× the predicted load the breaker no longer catches a backlog like a 13-hour outage's.
  maxFactor: 10,
  usualMinDue: 100,
  maxMinDue: 1000,
  // Twice the weekly budget covers a family sharing one phone; 20 at once for one number is a pile-up.
  usualMaxDuePerRecipient: 6,
  maxMaxDuePerRecipient: 20,
} as const;

/** How long before the appointment the last reminder (the call) must have gone. */
export const LAST_STEP = {
  // A queued call can ring minutes after it is placed; 30 minutes keeps it off the patient's drive in.
  usualCutoffMinutes: 30,
  // Under 10 minutes the phone rings as the patient arrives, or once the appointment has started.
  minCutoffMinutes: 10,
} as const;

const BOUNDS: readonly Bound[] = [
  {
    setting: 'sendFrom',
    label: 'SMS and calls from',
    read: (s) => minutesOfDay(s.sendFrom) ?? -1,
    show: hhmm,
    confirm: { below: at(QUIET_HOURS.usualFrom), why: `earlier than ${QUIET_HOURS.usualFrom}, the usual start of calling hours` },
    refuse: { below: at(QUIET_HOURS.earliestFrom), why: `before ${QUIET_HOURS.earliestFrom} is night; no reminder goes out then` },
  },
  {
    setting: 'sendUntil',
    label: 'SMS and calls until',
    read: (s) => minutesOfDay(s.sendUntil) ?? 24 * 60,
    show: hhmm,
    confirm: { above: at(QUIET_HOURS.usualUntil), why: `later than ${QUIET_HOURS.usualUntil}, the usual end of calling hours` },
    refuse: { above: at(QUIET_HOURS.latestUntil), why: `after ${QUIET_HOURS.latestUntil} is night; no reminder goes out then` },
  },
  {
    setting: 'limits.smsOrCallPerDay',
    label: 'SMS or calls per number per day',
    read: limit('smsOrCallPerDay'),
    confirm: {
      above: BUDGETS.exemptPerDay,
      why: `above the FCC healthcare exemption's ${BUDGETS.exemptPerDay} a day: only with the patients' written consent`,
    },
    refuse: { above: BUDGETS.maxPerDay, why: `more than ${BUDGETS.maxPerDay} a day is harassment, not a reminder` },
  },
  {
    setting: 'limits.smsOrCallPerWeek',
    label: 'SMS or calls per number per 7 days',
    read: limit('smsOrCallPerWeek'),
    confirm: {
      above: BUDGETS.exemptPerWeek,
      why: `above the FCC healthcare exemption's ${BUDGETS.exemptPerWeek} a week: only with the patients' written consent`,
    },
    refuse: { above: BUDGETS.maxPerWeek, why: `more than ${BUDGETS.maxPerWeek} a week means a text or call every day` },
  },
  {
    setting: 'limits.callsPerAppointment',
    label: 'Calls per appointment',
    read: limit('callsPerAppointment'),
    refuse: { above: BUDGETS.maxCallsPerAppointment, why: 'a patient is called at most once per appointment; a call is never re-dialled' },
  },
  {
    setting: 'limits.smsPerMinute',
    label: 'SMS per minute',
    read: limit('smsPerMinute'),
    confirm: {
      above: RATES.smsPerMinute,
      why: `above ${RATES.smsPerMinute} a minute Twilio queues texts, and a pause cannot stop what it has queued; only if your number is rated faster`,
    },
  },
  {
    setting: 'limits.callsPerMinute',
    label: 'Calls per minute',
    read: limit('callsPerMinute'),
    confirm: {
      above: RATES.callsPerMinute,
      why: `Twilio places 1 call a second by default and queues the rest, where a pause cannot stop them; only if your account is rated faster`,
    },
  },
  {
    setting: 'limits.emailsPerMinute',
    label: 'Emails per minute',
    read: limit('emailsPerMinute'),
    confirm: {
      above: RATES.emailsPerMinute,
      why: `above ${RATES.emailsPerMinute} a minute a runaway batch reaches many patients before anyone can pause it`,
    },
  },
  {
    setting: 'limits.breakerFactor',
    label: 'Safety breaker factor',
    read: limit('breakerFactor'),
    confirm: { above: BREAKER.usualFactor, why: `above ${BREAKER.usualFactor}× the breaker lets a large backlog go out before it trips` },
    refuse: { above: BREAKER.maxFactor, why: `above ${BREAKER.maxFactor}× the breaker would never trip on a backlog` },
  },
  {
    setting: 'limits.breakerMinDue',
    label: 'Safety breaker allowance',
    read: limit('breakerMinDue'),
    confirm: { above: BREAKER.usualMinDue, why: `above ${BREAKER.usualMinDue} the breaker lets that many unexpected reminders out first` },
    refuse: { above: BREAKER.maxMinDue, why: `above ${BREAKER.maxMinDue} the breaker would never trip at a clinic's size` },
  },
  {
    setting: 'limits.breakerMaxDuePerRecipient',
    label: 'Safety breaker: most due for one number',
    read: limit('breakerMaxDuePerRecipient'),
    confirm: {
      above: BREAKER.usualMaxDuePerRecipient,
      why: `above ${BREAKER.usualMaxDuePerRecipient} a pile-up for one phone is no longer caught early`,
    },
    refuse: {
      above: BREAKER.maxMaxDuePerRecipient,
      why: `${BREAKER.maxMaxDuePerRecipient} reminders due at once for one phone is always a fault`,
    },
  },
  {
    setting: 'limits.settleMinutes',
    label: 'Wait after a schedule change (minutes)',
    read: (s) => s.limits.settleMinutes ?? 3,
    confirm: {
      below: 1,
      why: 'without a settle time, a booking made by mistake and deleted a minute later may already have sent a reminder',
    },
    refuse: { above: 60, why: 'reminders would wait over an hour after every schedule change and miss their windows' },
  },
  {
    setting: 'limits.undoMinutes',
    label: 'Undo a confirm or cancel for (minutes)',
    read: (s) => s.limits.undoMinutes ?? 5,
    confirm: {
      above: 15,
      why: 'a late undo brings back reminders for an appointment the patient may already have been told about',
    },
    refuse: { above: 60, why: 'an undo after an hour is a new decision: confirm or book again instead' },
  },
  {
    setting: 'limits.lastStepCutoffMinutes',
    label: 'Last reminder stops minutes before',
    read: limit('lastStepCutoffMinutes'),
    confirm: {
      below: LAST_STEP.usualCutoffMinutes,
      why: `under ${LAST_STEP.usualCutoffMinutes} minutes the call may reach the patient on the way in`,
    },
    refuse: {
      below: LAST_STEP.minCutoffMinutes,
      why: `under ${LAST_STEP.minCutoffMinutes} minutes the call rings as the appointment starts`,
    },
  },
];

function outside(t: Threshold | undefined, n: number): t is Threshold {
  return t !== undefined && ((t.above !== undefined && n > t.above) || (t.below !== undefined && n < t.below));
}

/** Quiet-hour texts that are not a time of day (`25:00`, `07:75`): refused with their own reason. */
function badTimes(next: ClinicSettings, current: ClinicSettings): SettingsFinding[] {
  const keys = ['sendFrom', 'sendUntil'] as const;
  return keys
    .filter((k) => next[k] !== current[k] && minutesOfDay(next[k]) === null)
    .map((k) => ({
      setting: k,
      label: k === 'sendFrom' ? 'SMS and calls from' : 'SMS and calls until',
      value: next[k],
      reason: 'not a time of day (00:00–23:59)',
    }));
}

/** Judges a change from `current` to `next`: what is refused, what needs a confirmation. Pure. */
export function assessSettingsChange(current: ClinicSettings, next: ClinicSettings): SettingsSafety {
  const refused: SettingsFinding[] = badTimes(next, current);
  const needsConfirmation: SettingsFinding[] = [];
  for (const b of BOUNDS) {
    const value = b.read(next);
    if (value === b.read(current) || refused.some((f) => f.setting === b.setting)) continue;
    const finding = { setting: b.setting, label: b.label, value: b.show ? b.show(value) : String(value) };
    if (outside(b.refuse, value)) refused.push({ ...finding, reason: b.refuse.why });
    else if (outside(b.confirm, value)) needsConfirmation.push({ ...finding, reason: b.confirm.why });
  }
  return { refused, needsConfirmation };
}

/** The settings the table judges (for docs and tests). */
export const JUDGED_SETTINGS: readonly string[] = BOUNDS.map((b) => b.setting);
