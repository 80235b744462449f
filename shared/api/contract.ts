import { z } from 'zod';
import {
  AppointmentViewSchema,
  AuditEventSchema,
  ClinicSettingsSchema,
  ContactRowSchema,
  EngineStatusSchema,
  ImportResultSchema,
  LimitsSchema,
  PreviewRowSchema,
  ResumeReviewSchema,
  RuleSchema,
  TemplateKindSchema,
  TemplatePreviewSchema,
  TemplatesSchema,
  TestMessageResultSchema,
  TodayAppointmentSchema,
} from '../domain/dto';
import { ChannelSchema } from '../domain/types';
import { CoverageReportSchema } from '../domain/coverage';
import { LanguageCodeSchema } from '../domain/languages';
import { ImportPreviewSchema, SourceFileResultSchema } from '../domain/source-results';
import { ColumnMappingSchema, DateFormatSchema, ImportProfileSchema, SourceViewSchema } from '../domain/sources';
import { reportContract } from './reports-contract';
import { conversationContract } from './conversations-contract';
import { LeaveOutSchema, ScopeRefSchema } from '../domain/staff';
import { staffContract } from './staff-contract';

export type { Result, ErrorCode, ApiError } from './result';

/** A call with no arguments; the client lets you omit it. Unknown keys are rejected. */
const Empty = z.object({}).strict();

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date: YYYY-MM-DD');
const Limit = z.number().int().min(1).max(10_000);
const AppointmentRef = z.object({ appointment: z.string().min(1).max(200) }).strict();

/** 5 MB is far above any clinic's CSV and far below what could stall the engine. */
export const MAX_CSV_CHARS = 5_000_000;
/** A file's bytes as base64: about 10 MB of CSV or XLSX (the web host takes bodies up to 16 MB). */
export const MAX_FILE_BASE64_CHARS = 14_000_000;

/**
 * A schedule file from the window: its bytes as base64 (any encoding, or XLSX: the engine finds the kind from
 * the content), or, from older screens, its text already decoded; how to read it (all optional).
 */
const ScheduleUpload = z
  .object({
    csv: z.string().max(MAX_CSV_CHARS).optional(),
    bytes: z.base64().max(MAX_FILE_BASE64_CHARS).optional(),
    fileName: z.string().max(260).optional(),
    dateFormat: DateFormatSchema.optional(),
    mapping: ColumnMappingSchema.optional(),
    profile: z.string().min(1).max(80).optional(),
    sheet: z.string().min(1).max(100).optional(),
  })
  .strict();
const oneFile = (r: { csv?: string | undefined; bytes?: string | undefined }) => (r.csv === undefined) !== (r.bytes === undefined);
const ONE_FILE = { message: 'send the file as csv (text) or bytes (base64), not both' };
const SourceRef = z.object({ id: z.number().int().positive() }).strict();

/**
 * Settings as the renderer sees and edits them. Deliberately no credentials: the renderer never
 * receives a secret (Twilio token, SMTP URL); those go through `secrets:*`, which only reports presence.
 */
export const PublicSettingsSchema = ClinicSettingsSchema;
export type PublicSettings = z.infer<typeof PublicSettingsSchema>;

/**
 * A settings change: any subset of the settings, and of the limits key by key. Unknown keys are
 * refused at every level: a typo such as `limits.smsPerDy` must fail, not save nothing and say ok.
 * Built from ClinicSettingsSchema, so a new setting is accepted here as soon as it exists there.
 */
export const SettingsPatchSchema = ClinicSettingsSchema.extend({
  limits: LimitsSchema.strict().partial(),
  rules: z.array(RuleSchema.strict()),
  templates: TemplatesSchema.strict(),
})
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

/** One setting a change would take outside its safe range, and why (see docs/web-host.md). */
export const SettingsFindingSchema = z.object({
  /** Path of the setting, e.g. `sendFrom` or `limits.smsOrCallPerDay`; what `confirmUnsafe` names. */
  setting: z.string(),
  label: z.string(),
  value: z.string(),
  reason: z.string(),
});
export type SettingsFinding = z.infer<typeof SettingsFindingSchema>;

/** What a settings change would need: refused changes are never saved; the others need `confirmUnsafe`. */
export const SettingsSafetySchema = z.object({
  refused: z.array(SettingsFindingSchema),
  needsConfirmation: z.array(SettingsFindingSchema),
});
export type SettingsSafety = z.infer<typeof SettingsSafetySchema>;

/** Which credentials are stored (never their values). */
export const SecretStatusSchema = z.object({
  twilioConfigured: z.boolean(),
  smtpConfigured: z.boolean(),
  /** True when stored secrets changed since the engine started (they take effect on restart). */
  restartRequired: z.boolean(),
  /**
   * True when a credentials file exists but cannot be decrypted on this computer (keychain locked or
   * changed, another user). Sending stays paused and a save must re-enter every credential.
   */
  unreadable: z.boolean().optional(),
});
export type SecretStatus = z.infer<typeof SecretStatusSchema>;

/** Write-only credentials; `null` clears one, an absent key leaves it alone. */
export const SecretInputSchema = z
  .object({
    twilioAccountSid: z.string().max(200).nullable().optional(),
    twilioAuthToken: z.string().max(500).nullable().optional(),
    twilioFrom: z.string().max(50).nullable().optional(),
    /** Send-ahead (docs/send-ahead.md): the Messaging Service for Twilio Message Scheduling. Not a secret; kept with the others. */
    twilioMessagingServiceSid: z.string().max(100).nullable().optional(),
    smtpUrl: z.string().max(2000).nullable().optional(),
    emailFrom: z.string().max(320).nullable().optional(),
  })
  .strict();
export type SecretInput = z.infer<typeof SecretInputSchema>;

/**
 * The API between the renderer and the engine: call name → request and response schemas.
 * Everything else derives from it (preload allowlist, IPC registration, HTTP routes, the client, fake-api).
 * Adding a call = one entry here + its implementation (a FrontdeskServices method, whose type is inferred)
 * + one line in electron/core/api/handlers.ts, which the compiler requires (docs/api-calls.md).
 */
export const contract = {
  'engine:get-status': { req: Empty, res: EngineStatusSchema },
  'engine:pause': { req: z.object({ reason: z.string().max(500).optional() }).strict(), res: EngineStatusSchema },
  /** `leaveOut`: reminders of the review the desk chose not to send (ended, audited: docs/control.md#resume-review). */
  'engine:resume': { req: z.object({ leaveOut: z.array(LeaveOutSchema).max(5000).optional() }).strict(), res: EngineStatusSchema },
  /** What resume would release now, shown before the user confirms the resume; `scope`: one provider's or channel's. */
  'engine:resume-review': { req: z.object({ scope: ScopeRefSchema.optional() }).strict(), res: ResumeReviewSchema },
  /** The day's appointments in the clinic zone; `date` defaults to today. */
  'schedule:get-day': { req: z.object({ date: IsoDate.optional() }).strict(), res: z.array(TodayAppointmentSchema) },
  'schedule:import-csv': {
    req: ScheduleUpload.extend({ dryRun: z.boolean().optional() }).refine(oneFile, ONE_FILE),
    res: ImportResultSchema,
  },
  /** The import wizard: the first 20 rows as they will be read, and a dry run of the whole file. Writes nothing. */
  'schedule:preview-import': { req: ScheduleUpload.refine(oneFile, ONE_FILE), res: ImportPreviewSchema },
  /** Saved column mappings, one per practice system. */
  'import-profiles:list': { req: Empty, res: z.array(ImportProfileSchema) },
  'import-profiles:save': { req: ImportProfileSchema.strict(), res: ImportProfileSchema },
  'import-profiles:delete': { req: z.object({ name: z.string().min(1).max(80) }).strict(), res: z.array(ImportProfileSchema) },
  /** Watch folders with their last result, staleness and any held full export (the banner's data). */
  'sources:list': { req: Empty, res: z.array(SourceViewSchema) },
  /**
   * Watches a folder (the Sources screen). Its files are imported and moved to processed/, so the window may only
   * name a folder used for exports alone (no other files or folders, not a home folder); the CLI is not limited.
   */
  'sources:add-folder': {
    req: z
      .object({
        dir: z.string().min(1).max(1000),
        fullExport: z.boolean().optional(),
        profile: z.string().min(1).max(80).nullable().optional(),
      })
      .strict(),
    res: SourceViewSchema,
  },
  /** Stops watching a source (its files stay where they are); answers the remaining sources. */
  'sources:remove': { req: SourceRef, res: z.array(SourceViewSchema) },
  /** Pulls every folder source once, now. */
  'sources:sync': { req: Empty, res: z.array(SourceFileResultSchema) },
  /** Applies a full export held for review (it would cancel more than 20 % of its dates' appointments). */
  'sources:approve-held': { req: SourceRef, res: SourceFileResultSchema },
  /** Drops a held full export unapplied. */
  'sources:discard-held': { req: SourceRef, res: SourceFileResultSchema },
  /** Planned reminders due within `hours` (default 72) while this computer is expected to be off (docs/coverage.md). */
  'coverage:list': {
    req: z
      .object({
        hours: z
          .number()
          .min(0)
          .max(24 * 35)
          .optional(),
      })
      .strict(),
    res: CoverageReportSchema,
  },
  /** Contacts that would go out in the next `hours`. */
  'outbox:preview': {
    req: z
      .object({
        hours: z
          .number()
          .min(0)
          .max(24 * 14),
      })
      .strict(),
    res: z.array(PreviewRowSchema),
  },
  /** The contact ledger, newest first. */
  'contacts:list': { req: z.object({ limit: Limit.optional() }).strict(), res: z.array(ContactRowSchema) },
  'appointments:confirm': { req: AppointmentRef, res: AppointmentViewSchema },
  'appointments:cancel': { req: AppointmentRef, res: AppointmentViewSchema },
  'patients:fix-phone': {
    req: z.object({ patientId: z.number().int().positive(), phone: z.string().min(1).max(40) }).strict(),
    res: z.object({ patientId: z.number().int(), phone: z.string().nullable() }),
  },
  'patients:set-do-not-contact': {
    req: z.object({ patientId: z.number().int().positive(), doNotContact: z.boolean() }).strict(),
    res: z.object({ patientId: z.number().int(), doNotContact: z.boolean() }),
  },
  'settings:get': { req: Empty, res: PublicSettingsSchema },
  /**
   * Saves a settings change. A change outside the safe ranges is refused (SAFEGUARD_BLOCKED) unless
   * every such setting is named in `confirmUnsafe` — a second, deliberate call, recorded in the audit log.
   */
  'settings:update': {
    req: z.object({ settings: SettingsPatchSchema, confirmUnsafe: z.array(z.string().max(100)).max(50).optional() }).strict(),
    res: PublicSettingsSchema,
  },
  /** What `settings:update` would refuse or ask to confirm for this change; saves nothing. */
  'settings:check-safety': { req: z.object({ settings: SettingsPatchSchema }).strict(), res: SettingsSafetySchema },
  /** Only in the desktop app; the web host answers UNAVAILABLE. */
  'secrets:get-status': { req: Empty, res: SecretStatusSchema },
  'secrets:set': { req: SecretInputSchema, res: SecretStatusSchema },
  'audit:list': { req: z.object({ limit: Limit.optional() }).strict(), res: z.array(AuditEventSchema) },
  /** Renders a message template with the clinic's name and phone, and lists what is wrong with it. */
  'settings:preview-template': {
    req: z.object({ kind: TemplateKindSchema, text: z.string().max(4000), language: LanguageCodeSchema.optional() }).strict(),
    res: TemplatePreviewSchema,
  },
  /** Sends one test message through the configured transport (refused while paused). */
  'settings:send-test-message': {
    req: z.object({ channel: ChannelSchema, to: z.string().min(1).max(320) }).strict(),
    res: TestMessageResultSchema,
  },
  ...reportContract,
  ...conversationContract,
  ...staffContract,
} as const;

export type Contract = typeof contract;
/** The name of an API call, e.g. `engine:pause` (not to be confused with a reminder `Channel`: email, sms, voice). */
export type CallName = keyof Contract;
/** The request type of a call (what the caller passes). */
export type Req<C extends CallName> = z.input<Contract[C]['req']>;
/** The parsed request a handler receives. */
export type ParsedReq<C extends CallName> = z.output<Contract[C]['req']>;
/** The value type of a call's successful Result. */
export type Res<C extends CallName> = z.output<Contract[C]['res']>;

/** All call names, for allowlists and route tables. */
export const callNames = Object.keys(contract) as CallName[];

/** Runtime check of an untrusted call name. */
export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
