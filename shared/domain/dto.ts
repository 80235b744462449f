import { z } from 'zod';
import { SenderDownSchema } from './coverage';
import { LanguageCodeSchema } from './languages';
import { DateFormatSchema, ImportFieldSchema } from './sources';
import { AppointmentStatusSchema, ChannelSchema, ContactOutcomeSchema, OutboxStateSchema, PauseKindSchema } from './types';
import { ScopedPauseViewSchema, UndoTicketSchema } from './staff';

/** Caps and rate limits (docs/safeguards.md). All editable per clinic. */
export const LimitsSchema = z.object({
  smsOrCallPerDay: z.number().int().min(0),
  smsOrCallPerWeek: z.number().int().min(0),
  callsPerAppointment: z.number().int().min(0),
  smsPerMinute: z.number().int().min(1),
  callsPerMinute: z.number().int().min(1),
  emailsPerMinute: z.number().int().min(1),
  /** Breaker: trips when the due set exceeds factor × what the schedule predicts (plus minDue slack). */
  breakerFactor: z.number().min(1),
  breakerMinDue: z.number().int().min(0),
  /** Breaker: trips when one number has more due SMS/calls than this at once. */
  breakerMaxDuePerRecipient: z.number().int().min(1),
  /** The last step's window closes this many minutes before the appointment. */
  lastStepCutoffMinutes: z.number().int().min(0),
  /**
   * Settle time: a reminder planned from a schedule change waits this long after the change, so a booking
   * made by mistake and deleted at once sends nothing (docs/schedule-sources.md). Always filled when read.
   */
  settleMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .optional(),
  /** A desk confirm or cancel can be undone for this long (docs/staff.md#undo). Always filled when read. */
  undoMinutes: z.number().int().min(0).max(60).optional(),
});
export type Limits = z.infer<typeof LimitsSchema>;

export const RuleSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'rule id: lowercase letters, digits and dashes'),
  channel: ChannelSchema,
  offsetMinutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 30),
  onlyIfUnconfirmed: z.boolean(),
  enabled: z.boolean(),
});
export type Rule = z.infer<typeof RuleSchema>;

/** One language's wording of each reminder; a missing one falls back (docs/languages.md#templates-per-language-and-the-fallback). */
export const TemplateSetSchema = z.object({
  sms: z.string().optional(),
  voice: z.string().optional(),
  emailSubject: z.string().optional(),
  emailText: z.string().optional(),
});
export type TemplateSet = z.infer<typeof TemplateSetSchema>;

/** The clinic's default-language templates (top level), and those of other languages it added by code. */
export const TemplatesSchema = TemplateSetSchema.extend({
  byLanguage: z.record(LanguageCodeSchema, TemplateSetSchema.strict()).optional(),
});
export type Templates = z.infer<typeof TemplatesSchema>;

/** An ISO 3166 alpha-2 country code, upper case ("US", "GB"). */
export const CountryCodeSchema = z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code such as US or GB');

export const ClinicSettingsSchema = z.object({
  name: z.string(),
  phone: z.string(),
  timezone: z.string(),
  /** Quiet hours: SMS and calls only between these local times (HH:mm). */
  sendFrom: z.string().regex(/^\d{2}:\d{2}$/),
  sendUntil: z.string().regex(/^\d{2}:\d{2}$/),
  limits: LimitsSchema,
  rules: z.array(RuleSchema),
  templates: TemplatesSchema,
  /** The clinic's own country (ISO 3166 code): national numbers are read in it; always filled when read. */
  country: CountryCodeSchema.optional(),
  /** Countries whose numbers may be texted or called (default: the clinic's own); always filled when read. */
  allowedCountries: z.array(CountryCodeSchema).optional(),
  /**
   * When this computer is expected to be on, e.g. "Mon-Fri 07:30-18:00, Sat 09:00-13:00" (clinic time); null or
   * absent: learned from the engine's own history (docs/coverage.md). Checked by the engine's parser when saved.
   */
  deskHours: z.string().max(300).nullable().optional(),
  /** How many hours early an email whose whole window falls in desk-off time may go (0 = never early); filled when read. */
  emailEarlyHours: z.number().int().min(0).max(24).optional(),
  /** The language of patients with none, and of the top-level templates (default en); always filled when read. */
  defaultLanguage: LanguageCodeSchema.optional(),
});
export type ClinicSettings = z.infer<typeof ClinicSettingsSchema>;

export const EngineStatusSchema = z.object({
  paused: z.boolean(),
  reason: z.string().nullable(),
  pauseKind: PauseKindSchema.nullable(),
  pausedAt: z.string().nullable(),
  pausedBy: z.string().nullable(),
  outbox: z.record(z.string(), z.number()),
  transport: z.string(),
  /** Rows a human must look at: call outcome unknown, invalid numbers, failures. */
  needsAttention: z.number().int(),
  timezone: z.string(),
  clinicName: z.string(),
  /**
   * Texts scheduled at Twilio (send-ahead) that a stop path wanted cancelled but Twilio has not confirmed: they
   * may still go out, so they are listed loudly (docs/send-ahead.md#not-cancelled).
   */
  sendAheadNotCancelled: z
    .array(
      z.object({
        appointment: z.string(),
        patient: z.string(),
        to: z.string(),
        sendAt: z.string().nullable(),
        providerId: z.string().nullable(),
        error: z.string(),
      }),
    )
    .optional(),
  /** Set while no dispatch cycle has run for 5 minutes and reminders are due (docs/coverage.md); null when all is well. */
  senderDown: SenderDownSchema.nullable().optional(),
  /** Providers and channels paused beside the kill switch (docs/control.md#scoped-pauses). */
  scopedPauses: z.array(ScopedPauseViewSchema).optional(),
  /** The clinic's country (ISO 3166): phone numbers of it are shown in national format (docs/desk-ui.md#locale). */
  country: z.string().optional(),
});
export type EngineStatus = z.infer<typeof EngineStatusSchema>;

/** One reminder step of an appointment, as shown on its timeline. */
export const ReminderViewSchema = z.object({
  outboxId: z.number().int(),
  ruleId: z.string(),
  channel: ChannelSchema,
  to: z.string(),
  state: OutboxStateSchema,
  reason: z.string().nullable(),
  /** When it goes (pending) or went (attempted), ISO 8601 with the clinic's offset. */
  at: z.string(),
  expiresAt: z.string(),
  outcome: ContactOutcomeSchema.nullable(),
  providerId: z.string().nullable(),
  lastError: z.string().nullable(),
  /**
   * A pending step as the dispatcher's final checks will treat it if nothing changes (docs/desk-ui.md#who-will-not-be-reached):
   * `send` at `at` (later than planned when `reason` says why: quiet hours, a daily limit), `end` (it will
   * expire or be suppressed, `reason` says why), `undecided` (beyond the forecast). Absent when not pending.
   */
  forecast: z
    .object({
      kind: z.enum(['send', 'end', 'undecided']),
      at: z.string(),
      state: z.enum(['cancelled', 'expired', 'suppressed']).nullable(),
      reason: z.string().nullable(),
    })
    .nullable()
    .optional(),
});
export type ReminderView = z.infer<typeof ReminderViewSchema>;

export const TodayAppointmentSchema = z.object({
  appointment: z.string(),
  appointmentId: z.number().int(),
  patient: z.string(),
  patientId: z.number().int(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  doNotContact: z.boolean(),
  phoneInvalid: z.string().nullable(),
  optedOut: z.boolean(),
  provider: z.string(),
  startsAt: z.string(),
  durationMin: z.number().int(),
  status: AppointmentStatusSchema,
  contacts: z.array(ReminderViewSchema),
  /**
   * Why this patient will get no text and no call although the appointment is still ahead and unconfirmed
   * (no consent, STOP, a daily limit on a shared number, every step expired…); null when a text or call has
   * gone or will go, or when nobody needs reaching (docs/desk-ui.md#who-will-not-be-reached).
   */
  notReached: z.string().nullable().optional(),
});
export type TodayAppointment = z.infer<typeof TodayAppointmentSchema>;

/** A ledger row (CLI `contacts`). */
export const ContactRowSchema = z.object({
  appointment: z.string(),
  channel: ChannelSchema,
  to: z.string(),
  at: z.string(),
  outcome: ContactOutcomeSchema,
  rule: z.string(),
  providerId: z.string().nullable(),
  detail: z.string().nullable(),
  /** `conversation` for a staff answer to a patient's text (not a reminder); absent from older engines. */
  kind: z.enum(['reminder', 'conversation']).optional(),
});
export type ContactRow = z.infer<typeof ContactRowSchema>;

/** A contact that would go out (CLI `preview`, the UI's "Next contacts"). */
export const PreviewRowSchema = z.object({
  appointment: z.string(),
  channel: ChannelSchema,
  to: z.string(),
  at: z.string(),
  outcome: z.literal('planned'),
  rule: z.string(),
  patient: z.string(),
  startsAt: z.string(),
});
export type PreviewRow = z.infer<typeof PreviewRowSchema>;

export const ImportRejectSchema = z.object({
  row: z.number().int(),
  reason: z.string(),
  /** The patient's name where the row gives one (so the desk knows whose appointment it is). */
  patient: z.string().optional(),
});
export const ImportResultSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Rejected rows by row number; only the first 1,000 are listed (see rejectedCount). */
  rejected: z.array(ImportRejectSchema),
  /** Every rejected row, listed or not. */
  rejectedCount: z.number().int(),
  /** Pending reminders cancelled or superseded by this import, in the same transaction. */
  remindersCancelled: z.number().int(),
  /** What the file was read as (found from its content, not its name). */
  kind: z.enum(['csv', 'xlsx', 'hl7', 'fhir']).optional(),
  /** The sheet an XLSX was read from, when one was named. */
  sheet: z.string().optional(),
  /** Column (header as written) → the field it was read as. */
  mapping: z.record(z.string(), ImportFieldSchema).optional(),
  /** Columns that were not read. */
  ignoredColumns: z.array(z.string()).optional(),
  /** How numeric dates were read, and why ("option": --date-format; "locale": the clinic's country). */
  dateFormat: DateFormatSchema.nullable().optional(),
  dateFormatSource: z.enum(['option', 'locale', 'none']).optional(),
  /** What the desk should know about how the file was read (no id column…). */
  warnings: z.array(z.string()).optional(),
  /** True when nothing was written (`import --dry-run`, the wizard's preview). */
  dryRun: z.boolean().optional(),
  /** A full export: appointments on its dates missing from it are cancelled, unless too many (held). */
  fullExport: z
    .object({
      dates: z.array(z.string()),
      /** Appointments on those dates missing from the file. */
      missing: z.number().int(),
      /** Of them, cancelled by this import (0 when held or when unreadable rows make absence unprovable). */
      cancelled: z.number().int(),
      ofAppointments: z.number().int(),
      held: z.boolean(),
      reason: z.string().nullable(),
    })
    .optional(),
  /** The rejected rows as a CSV to fix and import again: the file's own columns plus the reason. */
  rejectedCsv: z.string().optional(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

export const PlanResultSchema = z.object({
  enqueued: z.number().int(),
  existing: z.number().int(),
  cancelled: z.number().int(),
});
export type PlanResult = z.infer<typeof PlanResultSchema>;

export const DispatchResultSchema = z.object({
  sent: z.number().int(),
  deferred: z.number().int(),
  expired: z.number().int(),
  suppressed: z.number().int(),
  failed: z.number().int(),
  unknown: z.number().int(),
  /** SMS handed to Twilio Message Scheduling this cycle (send-ahead, docs/send-ahead.md). */
  scheduled: z.number().int().optional(),
  paused: z.boolean(),
  reason: z.string().nullable(),
});
export type DispatchResult = z.infer<typeof DispatchResultSchema>;

export const AuditEventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  kind: z.string(),
  actor: z.string(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

export const AppointmentViewSchema = z.object({
  appointment: z.string(),
  patient: z.string(),
  startsAt: z.string(),
  status: AppointmentStatusSchema,
  provider: z.string(),
  remindersCancelled: z.number().int(),
  /** A desk confirm or cancel can be undone until then (docs/staff.md#undo); absent otherwise. */
  undo: UndoTicketSchema.nullable().optional(),
});
export type AppointmentView = z.infer<typeof AppointmentViewSchema>;

/** What resume would release, grouped by patient, shown before anything is sent. */
export const ResumeReviewSchema = z.object({
  waiting: z.array(z.object({ patient: z.string(), to: z.string(), items: z.array(PreviewRowSchema) })),
  expiredOnResume: z.number().int(),
  /** Reminders that would go but stay held by a scoped pause that this resume does not lift. */
  heldByScopedPause: z.number().int().optional(),
});
export type ResumeReview = z.infer<typeof ResumeReviewSchema>;

export const TemplateKindSchema = z.enum(['sms', 'voice', 'email', 'emailSubject']);
export type TemplateKind = z.infer<typeof TemplateKindSchema>;

/** A template rendered with the clinic's own name and phone and a sample appointment. */
export const TemplatePreviewSchema = z.object({
  text: z.string(),
  length: z.number().int(),
  /** SMS only: how the rendered text is encoded and billed (shared/util/sms-segments.ts). */
  encoding: z.enum(['GSM-7', 'UCS-2']).optional(),
  segments: z.number().int().optional(),
  /** Segments × the clinic's price per segment (the reports' price), in its currency. */
  estimatedCost: z.number().optional(),
  currency: z.string().optional(),
  /** The language the text is in (a language without its own template falls back to the default). */
  language: z.string().optional(),
  /** Specific problems (unknown merge field, too long, no opt-out line…); empty when it can be saved. */
  errors: z.array(z.string()),
});
export type TemplatePreview = z.infer<typeof TemplatePreviewSchema>;

/** Result of "send a test message to my phone / address". */
export const TestMessageResultSchema = z.object({
  channel: ChannelSchema,
  to: z.string(),
  outcome: z.enum(['sent', 'simulated', 'failed', 'unknown']),
  providerId: z.string().nullable(),
  error: z.string().nullable(),
});
export type TestMessageResult = z.infer<typeof TestMessageResultSchema>;
