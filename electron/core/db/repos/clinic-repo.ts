import type { ClinicSettings, Limits, Rule, Templates } from '../../../../shared/domain/dto';
import { DEFAULT_COUNTRY, DEFAULT_LIMITS, DEFAULT_RULES, DEFAULT_SEND_FROM, DEFAULT_SEND_UNTIL } from '../../rules/defaults';
import type { DB } from '../connection';
import { stmt } from '../sql';

interface ClinicRow {
  name: string;
  phone: string;
  timezone: string;
  send_from: string;
  send_until: string;
  limits_json: string;
  templates_json: string;
  settings_json: string;
}

interface RuleRow {
  id: string;
  channel: Rule['channel'];
  offset_minutes: number;
  only_if_unconfirmed: number;
  enabled: number;
}

/** Non-secret extra settings (default phone region, Studio mode on/off…). */
export interface ExtraSettings {
  /** The clinic's country (ClinicSettings.country): the phone region national numbers are read in. */
  defaultRegion?: string;
  /** Countries that may be texted or called; absent = only the clinic's own (follows defaultRegion). */
  allowedCountries?: string[];
  [key: string]: unknown;
}

/**
 * Creates the clinic row and default rules if the database is new. `timezone` is asked for only
 * then (reading the system zone costs ICU start-up time every CLI call would pay). Returns the zone
 * the row was created with, or undefined when the clinic already existed.
 */
export function ensureClinic(db: DB, now: number, timezone: string | (() => string)): string | undefined {
  if (stmt(db, `SELECT 1 FROM clinic WHERE id = 1`).get() !== undefined) return undefined;
  const zone = typeof timezone === 'function' ? timezone() : timezone;
  db.transaction(() => insertDefaults(db, now, zone)).immediate();
  return zone;
}

function insertDefaults(db: DB, now: number, timezone: string): void {
  stmt(
    db,
    `INSERT INTO clinic (id, name, phone, timezone, send_from, send_until, limits_json, updated_at)
     VALUES (1, 'Our clinic', '', ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
  ).run(timezone, DEFAULT_SEND_FROM, DEFAULT_SEND_UNTIL, JSON.stringify(DEFAULT_LIMITS), now);
  stmt(db, `INSERT INTO engine (id, paused, updated_at) VALUES (1, 0, ?) ON CONFLICT (id) DO NOTHING`).run(now);
  const hasRules = stmt(db, `SELECT COUNT(*) AS n FROM rules`).get() as { n: number };
  if (hasRules.n === 0) replaceRules(db, DEFAULT_RULES, now);
}

export function getClinicSettings(db: DB): ClinicSettings {
  const row = stmt(db, `SELECT * FROM clinic WHERE id = 1`).get() as ClinicRow | undefined;
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
  };
}

export function getExtraSettings(db: DB): ExtraSettings {
  const row = stmt(db, `SELECT settings_json FROM clinic WHERE id = 1`).get() as { settings_json: string } | undefined;
  return row ? (JSON.parse(row.settings_json) as ExtraSettings) : {};
}

export function updateClinicRow(db: DB, s: Omit<ClinicSettings, 'rules'>, extra: ExtraSettings, now: number): void {
  stmt(
    db,
    `UPDATE clinic SET name = ?, phone = ?, timezone = ?, send_from = ?, send_until = ?, limits_json = ?,
       templates_json = ?, settings_json = ?, updated_at = ? WHERE id = 1`,
  ).run(
    s.name,
    s.phone,
    s.timezone,
    s.sendFrom,
    s.sendUntil,
    JSON.stringify(s.limits),
    JSON.stringify(s.templates),
    JSON.stringify(withCountries(extra, s)),
    now,
  );
}

/**
 * The country settings live in the extra settings. An allowed list that is just the clinic's own
 * country is not stored, so it keeps following the clinic's country until someone allows another.
 */
function withCountries(extra: ExtraSettings, s: Pick<ClinicSettings, 'country' | 'allowedCountries'>): ExtraSettings {
  const next: ExtraSettings = { ...extra };
  if (s.country !== undefined) next.defaultRegion = s.country;
  const country = next.defaultRegion ?? DEFAULT_COUNTRY;
  if (s.allowedCountries !== undefined) {
    if (s.allowedCountries.length === 1 && s.allowedCountries[0] === country) delete next.allowedCountries;
    else next.allowedCountries = [...s.allowedCountries];
  }
  return next;
}

export function listRules(db: DB): Rule[] {
  const rows = stmt(db, `SELECT * FROM rules ORDER BY offset_minutes DESC, id`).all() as RuleRow[];
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    offsetMinutes: r.offset_minutes,
    onlyIfUnconfirmed: r.only_if_unconfirmed === 1,
    enabled: r.enabled === 1,
  }));
}

export function replaceRules(db: DB, rules: readonly Rule[], now: number): void {
  stmt(db, `DELETE FROM rules`).run();
  for (const r of rules) {
    stmt(db, `INSERT INTO rules (id, channel, offset_minutes, only_if_unconfirmed, enabled, updated_at) VALUES (?, ?, ?, ?, ?, ?)`).run(
      r.id,
      r.channel,
      r.offsetMinutes,
      r.onlyIfUnconfirmed ? 1 : 0,
      r.enabled ? 1 : 0,
      now,
    );
  }
}
