import { z } from 'zod';
import { ChannelSchema } from './types';

/**
 * What the reports (dashboard, day sheet, contact and consent history, exports) send to the window and the
 * CLI. Every number's definition is in docs/reports.md.
 */

export const IsoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date: YYYY-MM-DD');

/** Provider prices for the cost estimate, in the clinic's currency (defaults: Twilio US list prices). */
export const ReportPricesSchema = z.object({
  currency: z.string().regex(/^[A-Z]{3}$/, 'a three-letter currency code such as USD'),
  smsPerSegment: z.number().min(0).max(10),
  voicePerMinute: z.number().min(0).max(10),
  /** Billed minutes assumed per call (a reminder call is well under a minute; Twilio bills whole minutes). */
  voiceMinutesPerCall: z.number().int().min(1).max(10),
  emailPerMessage: z.number().min(0).max(10),
});
export type ReportPrices = z.infer<typeof ReportPricesSchema>;

export const ReportSettingsSchema = z.object({
  prices: ReportPricesSchema,
  /**
   * When the desk day ends (HH:mm, clinic time) for the daily summary; null = the clinic's send-until time.
   * Desk hours, once configured, will take over (docs/reports.md).
   */
  summaryAt: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:mm such as 18:00')
    .nullable(),
});
export type ReportSettings = z.infer<typeof ReportSettingsSchema>;

/** Where a reminder ended up; superseded rows (replaced by a reschedule) are not counted. */
export const ReminderOutcomeSchema = z.enum(['delivered', 'sent', 'failed', 'unknown', 'suppressed', 'expired', 'not_needed', 'pending']);
export type ReminderOutcome = z.infer<typeof ReminderOutcomeSchema>;

const Count = z.number().int().min(0);
const OutcomeCountsSchema = z.object(
  Object.fromEntries(ReminderOutcomeSchema.options.map((o) => [o, Count])) as Record<ReminderOutcome, typeof Count>,
);
export type OutcomeCounts = z.infer<typeof OutcomeCountsSchema>;

export const RemindersByChannelSchema = z.object({ channel: ChannelSchema, total: Count, outcomes: OutcomeCountsSchema });
export type RemindersByChannel = z.infer<typeof RemindersByChannelSchema>;

export const SuppressionReasonSchema = z.object({ channel: ChannelSchema, reason: z.string(), count: Count });

export const ConfirmationsSchema = z.object({
  /** Appointments in the range that were not cancelled. */
  appointments: Count,
  confirmed: Count,
  /** confirmed / appointments; null when there were none. */
  rate: z.number().nullable(),
  /** How they were confirmed: reply C, keypress 1 on a call, the front desk, or already so in the schedule. */
  bySource: z.object({ reply: Count, call: Count, desk: Count, schedule: Count }),
  daily: z.array(z.object({ date: IsoDateSchema, appointments: Count, confirmed: Count })),
});
export type Confirmations = z.infer<typeof ConfirmationsSchema>;

const NoShowGroupSchema = z.object({ appointments: Count, noShows: Count, rate: z.number().nullable() });
export const NoShowsSchema = z.object({ confirmed: NoShowGroupSchema, unconfirmed: NoShowGroupSchema });
export type NoShows = z.infer<typeof NoShowsSchema>;

export const ContactDaySchema = z.object({
  date: IsoDateSchema,
  sms: Count,
  voice: Count,
  email: Count,
  /** The most texts-or-calls any one number got that day (clinic day), against the daily cap. */
  maxPerNumber: Count,
  /** Numbers that reached the daily cap that day. */
  numbersAtCap: Count,
  /** The most texts-or-calls any one number got in the 7 days ending that day, against the weekly cap. */
  maxPerNumberWeek: Count,
});
export type ContactDay = z.infer<typeof ContactDaySchema>;

export const CostChannelSchema = z.object({
  channel: ChannelSchema,
  /** Attempts the provider accepted or may have (sent, delivered, undelivered, unknown). */
  attempts: Count,
  /** Billed units: SMS segments, call minutes, emails. */
  units: Count,
  estimate: z.number(),
  /** Simulated sends (the simulate transport), priced as if sent but billed by nobody. */
  simulatedAttempts: Count,
  simulatedUnits: Count,
  simulatedEstimate: z.number(),
});
export type CostChannel = z.infer<typeof CostChannelSchema>;

export const CostSchema = z.object({
  prices: ReportPricesSchema,
  channels: z.array(CostChannelSchema),
  daily: z.array(z.object({ date: IsoDateSchema, sms: z.number(), voice: z.number(), email: z.number() })),
  total: z.number(),
  simulatedTotal: z.number(),
  /** SMS attempts whose segments were not recorded (made before they were kept, not simulated): counted as 1 each. */
  segmentsEstimated: Count,
});
export type Cost = z.infer<typeof CostSchema>;

export const DashboardSchema = z.object({
  from: IsoDateSchema,
  to: IsoDateSchema,
  timezone: z.string(),
  generatedAt: z.string(),
  reminders: z.object({ byChannel: z.array(RemindersByChannelSchema), suppressed: z.array(SuppressionReasonSchema) }),
  confirmations: ConfirmationsSchema,
  noShows: NoShowsSchema,
  contactsPerDay: z.object({ capPerDay: Count, capPerWeek: Count, days: z.array(ContactDaySchema) }),
  cost: CostSchema,
});
export type Dashboard = z.infer<typeof DashboardSchema>;

export const DailySummarySchema = z.object({
  date: IsoDateSchema,
  /** Reminders the provider accepted today (simulated ones included). */
  sent: Count,
  /** Appointments confirmed today, by any path. */
  confirmed: Count,
  /** Attempts today the provider refused or could not deliver. */
  failed: Count,
  /** Tomorrow's unconfirmed appointments that no reminder will reach (docs/reports.md). */
  atRiskTomorrow: Count,
  /** When the desk day ends (ISO, clinic offset): the summary's notification time. */
  endsAt: z.string(),
});
export type DailySummary = z.infer<typeof DailySummarySchema>;

/** One line of a patient's contact and consent history. */
export const HistoryRowSchema = z.object({
  at: z.string(),
  kind: z.enum(['reminder', 'attempt', 'reply', 'consent', 'action', 'engine']),
  patient: z.string(),
  appointment: z.string(),
  channel: z.string(),
  address: z.string(),
  event: z.string(),
  outcome: z.string(),
  detail: z.string(),
  actor: z.string(),
});
export type HistoryRow = z.infer<typeof HistoryRowSchema>;

export const PatientHistorySchema = z.object({
  query: z.string(),
  patients: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
      smsConsent: z.boolean(),
      voiceConsent: z.boolean(),
      emailConsent: z.boolean(),
      doNotContact: z.boolean(),
    }),
  ),
  /** Opt-out state of the phone numbers involved, now. */
  numbers: z.array(z.object({ address: z.string(), optedOut: z.boolean(), since: z.string().nullable(), invalid: z.string().nullable() })),
  rows: z.array(HistoryRowSchema),
});
export type PatientHistory = z.infer<typeof PatientHistorySchema>;

/** A document for the window to save: text (CSV) or base64 (PDF). */
export const ExportFileSchema = z.object({
  fileName: z.string(),
  mimeType: z.enum(['application/pdf', 'text/csv']),
  encoding: z.enum(['base64', 'utf8']),
  data: z.string(),
  /** Rows in the document (appointments on a day sheet). */
  rows: z.number().int(),
});
export type ExportFile = z.infer<typeof ExportFileSchema>;

/** Whose history: a phone number (every patient on it, and the number itself) or one appointment's patient. */
export const PatientLookupSchema = z
  .object({ phone: z.string().min(1).max(40).optional(), appointment: z.string().min(1).max(200).optional() })
  .strict();
export type PatientLookup = z.infer<typeof PatientLookupSchema>;
