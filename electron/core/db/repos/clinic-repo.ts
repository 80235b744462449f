import type { Limits, Rule, Templates } from '../../../../shared/domain/dto';
import { all, first, run, scalar, sql } from '../sql';
import type { ReadableDB, WritableDB } from '../types';

/** The `clinic` row as stored: one row, id 1; limits, templates and extra settings as JSON. */
export interface ClinicRow {
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

/** The clinic's settings as the row keeps them (clinic/clinic-settings.ts adds the defaults and the rules). */
export interface ClinicRowValues {
  name: string;
  phone: string;
  timezone: string;
  sendFrom: string;
  sendUntil: string;
  limits: Limits;
  templates: Templates;
  extra: ExtraSettings;
}

export function findClinicRow(db: ReadableDB): ClinicRow | undefined {
  return first<ClinicRow>(db, sql`SELECT * FROM clinic WHERE id = 1`);
}

export function clinicRowExists(db: ReadableDB): boolean {
  return scalar(db, sql`SELECT 1 FROM clinic WHERE id = 1`) !== undefined;
}

/** Creates the clinic row with a placeholder name unless it exists (the caller owns the transaction). */
export function insertClinicRow(
  db: WritableDB,
  row: Pick<ClinicRowValues, 'timezone' | 'sendFrom' | 'sendUntil' | 'limits'>,
  now: number,
): void {
  run(
    db,
    sql`INSERT INTO clinic (id, name, phone, timezone, send_from, send_until, limits_json, updated_at)
     VALUES (1, 'Our clinic', '', ${row.timezone}, ${row.sendFrom}, ${row.sendUntil}, ${JSON.stringify(row.limits)}, ${now})
     ON CONFLICT (id) DO NOTHING`,
  );
}

export function getExtraSettings(db: ReadableDB): ExtraSettings {
  const json = scalar<string>(db, sql`SELECT settings_json FROM clinic WHERE id = 1`);
  return json === undefined ? {} : (JSON.parse(json) as ExtraSettings);
}

export function updateClinicRow(db: WritableDB, values: ClinicRowValues, now: number): void {
  run(
    db,
    sql`UPDATE clinic SET name = ${values.name}, phone = ${values.phone}, timezone = ${values.timezone}, send_from = ${values.sendFrom},
       send_until = ${values.sendUntil}, limits_json = ${JSON.stringify(values.limits)},
       templates_json = ${JSON.stringify(values.templates)}, settings_json = ${JSON.stringify(values.extra)}, updated_at = ${now}
     WHERE id = 1`,
  );
}

export function countRules(db: ReadableDB): number {
  return scalar<number>(db, sql`SELECT COUNT(*) FROM rules`)!;
}

export function listRules(db: ReadableDB): Rule[] {
  const rows = all<RuleRow>(db, sql`SELECT * FROM rules ORDER BY offset_minutes DESC, id`);
  return rows.map((r) => ({
    id: r.id,
    channel: r.channel,
    offsetMinutes: r.offset_minutes,
    onlyIfUnconfirmed: r.only_if_unconfirmed === 1,
    enabled: r.enabled === 1,
  }));
}

/** Replaces every rule (the caller owns the transaction). */
export function replaceRules(db: WritableDB, rules: readonly Rule[], now: number): void {
  run(db, sql`DELETE FROM rules`);
  for (const r of rules) {
    run(
      db,
      sql`INSERT INTO rules (id, channel, offset_minutes, only_if_unconfirmed, enabled, updated_at)
       VALUES (${r.id}, ${r.channel}, ${r.offsetMinutes}, ${r.onlyIfUnconfirmed ? 1 : 0}, ${r.enabled ? 1 : 0}, ${now})`,
    );
  }
}
