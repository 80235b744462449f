import { ReportSettingsSchema, type ReportPrices, type ReportSettings } from '../../../shared/domain/reports';
import type { ReadableDB, WritableDB } from '../db/types';
import { recordEvent } from '../db/repos/events-repo';
import { getReportSettingsJson, setReportSettingsJson } from '../db/repos/reports-repo';
import { badRequest } from '../platform/errors';

/**
 * Default prices: Twilio's US list prices (outbound SMS per segment, outbound call per minute), carrier
 * fees not included; email through the clinic's own SMTP server costs nothing per message. Every clinic
 * should put its own in (docs/reports.md).
 */
export const DEFAULT_PRICES: ReportPrices = {
  currency: 'USD',
  smsPerSegment: 0.0083,
  voicePerMinute: 0.014,
  voiceMinutesPerCall: 1,
  emailPerMessage: 0,
};

export const DEFAULT_REPORT_SETTINGS: ReportSettings = { prices: DEFAULT_PRICES, summaryAt: null };

/** The stored report settings over the defaults; a stored value that no longer parses falls back to them. */
export function getReportSettings(db: ReadableDB): ReportSettings {
  const stored = getReportSettingsJson(db) as Partial<ReportSettings> | undefined;
  const merged = { ...DEFAULT_REPORT_SETTINGS, ...stored, prices: { ...DEFAULT_PRICES, ...stored?.prices } };
  const parsed = ReportSettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_REPORT_SETTINGS;
}

export type ReportSettingsPatch = Readonly<{ prices?: Partial<ReportPrices> | undefined; summaryAt?: string | null | undefined }>;

/** Validates and saves a change of prices or summary time (audited). */
export function updateReportSettings(db: WritableDB, now: number, patch: ReportSettingsPatch, actor: string): ReportSettings {
  const current = getReportSettings(db);
  const next = {
    prices: { ...current.prices, ...patch.prices },
    summaryAt: patch.summaryAt === undefined ? current.summaryAt : patch.summaryAt,
  };
  const parsed = ReportSettingsSchema.safeParse(next);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badRequest(`invalid report setting ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'bad value'}`);
  }
  db.transaction(() => {
    setReportSettingsJson(db, parsed.data, now);
    recordEvent(db, now, 'settings_changed', actor, { changed: ['reports'] });
  }).immediate();
  return parsed.data;
}
