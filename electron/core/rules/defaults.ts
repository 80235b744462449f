import type { Limits, Rule } from '../../../shared/domain/dto';

/** Email 48 h, SMS 24 h, call 2 h before; later steps only while unconfirmed (docs/architecture.md#the-reminder-pipeline). */
export const DEFAULT_RULES: readonly Rule[] = [
  { id: 'email-48h', channel: 'email', offsetMinutes: 48 * 60, onlyIfUnconfirmed: false, enabled: true },
  { id: 'sms-24h', channel: 'sms', offsetMinutes: 24 * 60, onlyIfUnconfirmed: true, enabled: true },
  { id: 'voice-2h', channel: 'voice', offsetMinutes: 2 * 60, onlyIfUnconfirmed: true, enabled: true },
];

/** Default budgets, breaker and rates (docs/safeguards.md): FCC healthcare-exemption budgets; Twilio's 1 call/s. */
export const DEFAULT_LIMITS: Limits = {
  smsOrCallPerDay: 1,
  smsOrCallPerWeek: 3,
  callsPerAppointment: 1,
  smsPerMinute: 60,
  callsPerMinute: 60,
  emailsPerMinute: 120,
  breakerFactor: 2,
  breakerMinDue: 25,
  // Twice the weekly cap: a large family sharing one phone is normal; a pile like the incident's is not (docs/safeguards.md#the-incident).
  breakerMaxDuePerRecipient: 6,
  lastStepCutoffMinutes: 30,
  settleMinutes: 3,
  undoMinutes: 5,
};

export const DEFAULT_SEND_FROM = '08:00';
export const DEFAULT_SEND_UNTIL = '21:00';

/** The clinic's country when none is set: the phone region imports have always read national numbers in. */
export const DEFAULT_COUNTRY = 'US';

/** An email whose whole window falls while the desk is off may go up to this many hours early (docs/coverage.md#email-early). */
export const DEFAULT_EMAIL_EARLY_HOURS = 24;
