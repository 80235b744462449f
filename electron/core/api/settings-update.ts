import type { SettingsFinding, SettingsPatch } from '../../../shared/api/contract';
import { ClinicSettingsSchema, type ClinicSettings, type TemplateSet } from '../../../shared/domain/dto';
import type { WritableDB } from '../db/types';
import { getClinicSettings, saveClinicSettings } from '../clinic/clinic-settings';
import { getExtraSettings, replaceRules } from '../db/repos/clinic-repo';
import { recordEvent } from '../db/repos/events-repo';
import { reviveSuppressedFor } from '../db/repos/outbox-repo';
import { markFutureAppointmentsNeedPlan } from '../db/repos/planning-repo';
import { COUNTRY_NOT_ALLOWED } from '../outbox/final-checks';
import { badRequest } from '../platform/errors';
import { validateTemplate, type TemplateKind } from '../channels/templates';
import { enforceSettingsSafety, mergeSettings, parseSettingsPatch } from './settings-guard';
import { checkClinicZone } from '../rules/clinic-zone';
import { countrySettingsProblem } from '../rules/country-settings';
import { formatDeskHours, parseDeskHours } from '../coverage/desk-hours';

/**
 * Validates and applies a settings change; re-plans what the change affects (rules are per clinic).
 * Unsafe values are refused or need `confirmUnsafe` naming them (settings-guard.ts), which is audited.
 */
export function applySettingsUpdate(
  db: WritableDB,
  now: number,
  rawPatch: SettingsPatch,
  actor: string,
  opts: Readonly<{ confirmUnsafe?: readonly string[] | undefined }> = {},
): ClinicSettings {
  const patch = parseSettingsPatch(rawPatch);
  const current = getClinicSettings(db);
  const merged = mergeSettings(current, patch);
  const parsed = ClinicSettingsSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badRequest(`invalid setting ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'bad value'}`);
  }
  const next = parsed.data;
  // A changed zone must be a region zone (fixed offsets drift an hour with daylight saving time).
  const zone = next.timezone === current.timezone ? { ok: true as const } : checkClinicZone(next.timezone);
  if (!zone.ok) throw badRequest(zone.reason);
  if (next.deskHours) {
    // Stored in the canonical form, so what the settings show is what was understood.
    const desk = parseDeskHours(next.deskHours);
    if (!desk.ok) throw badRequest(desk.reason);
    next.deskHours = formatDeskHours(desk.hours);
  }
  const countryProblem = countrySettingsProblem(next);
  if (countryProblem) throw badRequest(countryProblem);
  if (next.sendFrom >= next.sendUntil)
    throw badRequest(`quiet hours: sending must start (${next.sendFrom}) before it ends (${next.sendUntil})`);
  // Templates are checked before they are saved: an unknown merge field or a text over 160
  // characters is refused with the exact problem, never discovered at send time.
  const { byLanguage, ...defaultSet } = next.templates;
  checkTemplateSet(defaultSet, '');
  for (const [language, set] of Object.entries(byLanguage ?? {})) checkTemplateSet(set, `${language} `);
  const ids = new Set(next.rules.map((r) => r.id));
  if (ids.size !== next.rules.length) throw badRequest('two reminder rules have the same id');
  const confirmed = enforceSettingsSafety(current, next, opts.confirmUnsafe ?? []);
  const changed = (Object.keys(patch) as (keyof ClinicSettings)[]).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(current[k]));
  db.transaction(() => {
    const { rules, ...clinic } = next;
    saveClinicSettings(db, clinic, getExtraSettings(db), now);
    if (changed.includes('rules')) replaceRules(db, rules, now);
    // The plan depends on rules, the zone and the cutoff: re-plan everything still ahead.
    if (changed.some((k) => k === 'rules' || k === 'limits' || k === 'timezone')) markFutureAppointmentsNeedPlan(db, now);
    if (changed.length > 0) recordEvent(db, now, 'settings_changed', actor, { changed });
    if (confirmed.length > 0)
      recordEvent(db, now, 'settings_unsafe_confirmed', actor, { confirmed: confirmedDetail(current, next, confirmed) });
    // Newly allowed countries: reminders suppressed for their country come back while their window is open.
    if (JSON.stringify(next.allowedCountries) !== JSON.stringify(current.allowedCountries))
      reviveSuppressedFor(db, COUNTRY_NOT_ALLOWED, now);
  }).immediate();
  return getClinicSettings(db);
}

const TEMPLATE_KINDS: Record<keyof TemplateSet, TemplateKind> = {
  sms: 'sms',
  voice: 'voice',
  emailSubject: 'emailSubject',
  emailText: 'email',
};

/** Every template of one language, checked as the engine would send it; `prefix` names the language in the error. */
function checkTemplateSet(set: TemplateSet, prefix: string): void {
  for (const [key, text] of Object.entries(set) as [keyof TemplateSet, string | undefined][]) {
    if (!text) continue;
    const problems = validateTemplate(TEMPLATE_KINDS[key], text);
    if (problems.length > 0) throw badRequest(`${prefix}${key} template: ${problems.join('; ')}`);
  }
}

/** Who confirmed what, for the audit log: each setting with its old and new value and the warning shown. */
function confirmedDetail(current: ClinicSettings, next: ClinicSettings, findings: readonly SettingsFinding[]): Record<string, unknown>[] {
  const valueAt = (s: ClinicSettings, path: string): unknown =>
    path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], s);
  return findings.map((f) => ({ setting: f.setting, from: valueAt(current, f.setting), to: valueAt(next, f.setting), warning: f.reason }));
}
