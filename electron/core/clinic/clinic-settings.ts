import type { ClinicSettings, Limits, Templates } from '../../../shared/domain/dto';
import { DEFAULT_LANGUAGE } from '../../../shared/domain/languages';
import {
  clinicRowExists,
  countRules,
  findClinicRow,
  insertClinicRow,
  listRules,
  replaceRules,
  updateClinicRow,
  type ExtraSettings,
} from '../db/repos/clinic-repo';
import { insertEngineRow } from '../db/repos/engine-repo';
import type { ReadableDB, WritableDB } from '../db/types';
import {
  DEFAULT_COUNTRY,
  DEFAULT_EMAIL_EARLY_HOURS,
  DEFAULT_LIMITS,
  DEFAULT_RULES,
  DEFAULT_SEND_FROM,
  DEFAULT_SEND_UNTIL,
} from '../rules/defaults';

/**
 * The clinic's settings: the stored row with this build's defaults filled in. The repo keeps the row;
 * the defaults and the country rules live here, above it.
 */

/**
 * Creates the clinic row and default rules if the database is new. `timezone` is asked for only
 * then (reading the system zone costs ICU start-up time every CLI call would pay). Returns the zone
 * the row was created with, or undefined when the clinic already existed.
 */
export function ensureClinic(db: WritableDB, now: number, timezone: string | (() => string)): string | undefined {
  if (clinicRowExists(db)) return undefined;
  const zone = typeof timezone === 'function' ? timezone() : timezone;
  db.transaction(() => {
    insertClinicRow(db, { timezone: zone, sendFrom: DEFAULT_SEND_FROM, sendUntil: DEFAULT_SEND_UNTIL, limits: DEFAULT_LIMITS }, now);
    insertEngineRow(db, now);
    if (countRules(db) === 0) replaceRules(db, DEFAULT_RULES, now);
  }).immediate();
  return zone;
}

export function getClinicSettings(db: ReadableDB): ClinicSettings {
  const row = findClinicRow(db);
  if (!row) throw new Error('clinic settings missing (ensureClinic was not called)');
  const extra = JSON.parse(row.settings_json) as ExtraSettings;
  const country = extra.defaultRegion ?? DEFAULT_COUNTRY;
  return {
    name: row.name,
    phone: row.phone,
    timezone: row.timezone,
    sendFrom: row.send_from,
    sendUntil: row.send_until,
    // Stored limits are merged over defaults so a newer build's new limit has a value.
    limits: { ...DEFAULT_LIMITS, ...(JSON.parse(row.limits_json) as Partial<Limits>) },
    rules: listRules(db),
    templates: JSON.parse(row.templates_json) as Templates,
    country,
    allowedCountries: extra.allowedCountries ?? [country],
    deskHours: typeof extra['deskHours'] === 'string' ? extra['deskHours'] : null,
    emailEarlyHours: typeof extra['emailEarlyHours'] === 'number' ? extra['emailEarlyHours'] : DEFAULT_EMAIL_EARLY_HOURS,
    defaultLanguage: typeof extra.defaultLanguage === 'string' ? extra.defaultLanguage : DEFAULT_LANGUAGE,
  };
}

/** Saves everything but the rules; `extra` is the stored extra settings the country settings are merged into. */
export function saveClinicSettings(db: WritableDB, s: Omit<ClinicSettings, 'rules'>, extra: ExtraSettings, now: number): void {
  const { name, phone, timezone, sendFrom, sendUntil, limits, templates } = s;
  updateClinicRow(
    db,
    { name, phone, timezone, sendFrom, sendUntil, limits, templates, extra: withCoverage(withCountries(extra, s), s) },
    now,
  );
}

/** Desk hours (null: learn them) and how early an email at risk may go live in the extra settings (docs/coverage.md). */
function withCoverage(extra: ExtraSettings, s: Pick<ClinicSettings, 'deskHours' | 'emailEarlyHours'>): ExtraSettings {
  const next: ExtraSettings = { ...extra };
  if (s.deskHours !== undefined) {
    if (s.deskHours === null) delete next['deskHours'];
    else next['deskHours'] = s.deskHours;
  }
  // The default is not stored, so it follows this build's default like the other unset settings.
  if (s.emailEarlyHours !== undefined) {
    if (s.emailEarlyHours === DEFAULT_EMAIL_EARLY_HOURS) delete next['emailEarlyHours'];
    else next['emailEarlyHours'] = s.emailEarlyHours;
  }
  return next;
}

/**
 * The country settings live in the extra settings. An allowed list that is just the clinic's own
 * country is not stored, so it keeps following the clinic's country until someone allows another.
 */
function withCountries(extra: ExtraSettings, s: Pick<ClinicSettings, 'country' | 'allowedCountries' | 'defaultLanguage'>): ExtraSettings {
  const next: ExtraSettings = { ...extra };
  if (s.country !== undefined) next.defaultRegion = s.country;
  const country = next.defaultRegion ?? DEFAULT_COUNTRY;
  // The default language is stored only when it is not English, as the allowed countries only when they differ.
  if (s.defaultLanguage === DEFAULT_LANGUAGE) delete next.defaultLanguage;
  else if (s.defaultLanguage !== undefined) next.defaultLanguage = s.defaultLanguage;
  if (s.allowedCountries !== undefined) {
    if (s.allowedCountries.length === 1 && s.allowedCountries[0] === country) delete next.allowedCountries;
    else next.allowedCountries = [...s.allowedCountries];
  }
  return next;
}
