import { SettingsPatchSchema, type SettingsFinding, type SettingsPatch, type SettingsSafety } from '../../../shared/api/contract';
import type { ClinicSettings } from '../../../shared/domain/dto';
import { badRequest, UserError } from '../platform/errors';
import { mergeCountrySettings } from '../rules/country-settings';
import { assessSettingsChange } from '../rules/settings-safety';

/**
 * The gate every settings change passes, whoever sends it (desk, web host, CLI, a script calling
 * the services): unknown keys are refused, unsafe values refused or confirmed (rules/settings-safety.ts).
 */

/** Checks a change strictly, nested objects too, so a mistyped key is an error rather than a silent no-op. */
export function parseSettingsPatch(patch: unknown): SettingsPatch {
  const parsed = SettingsPatchSchema.safeParse(patch);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.join('.') ?? '';
  if (issue?.code === 'unrecognized_keys') {
    const names = issue.keys.map((k) => (where ? `${where}.${k}` : k));
    throw badRequest(`unknown setting${names.length > 1 ? 's' : ''} ${names.map((n) => `"${n}"`).join(', ')}`);
  }
  throw badRequest(`invalid setting ${where}: ${issue?.message ?? 'bad value'}`);
}

/** The settings after a change: limits are merged key by key, everything else is replaced. */
export function mergeSettings(current: ClinicSettings, patch: SettingsPatch): ClinicSettings {
  return { ...current, ...patch, limits: { ...current.limits, ...(patch.limits ?? {}) }, ...mergeCountrySettings(current, patch) };
}

/** What a change would need, for the Settings screen to show before saving. */
export function checkSettingsChange(current: ClinicSettings, patch: unknown): SettingsSafety {
  return assessSettingsChange(current, mergeSettings(current, parseSettingsPatch(patch)));
}

const listFindings = (findings: readonly SettingsFinding[]): string =>
  findings.map((f) => `${f.setting} = ${f.value} (${f.reason})`).join('; ');

/**
 * Throws SAFEGUARD_BLOCKED when the change is refused, or needs a confirmation that `confirmUnsafe`
 * does not give; returns the confirmed findings, which the caller records in the audit log.
 */
export function enforceSettingsSafety(current: ClinicSettings, next: ClinicSettings, confirmUnsafe: readonly string[]): SettingsFinding[] {
  const { refused, needsConfirmation } = assessSettingsChange(current, next);
  if (refused.length > 0) throw new UserError('SAFEGUARD_BLOCKED', `refused: ${listFindings(refused)}`);
  const unconfirmed = needsConfirmation.filter((f) => !confirmUnsafe.includes(f.setting));
  if (unconfirmed.length > 0) {
    const names = unconfirmed.map((f) => `"${f.setting}"`).join(', ');
    throw new UserError(
      'SAFEGUARD_BLOCKED',
      `needs confirmation: ${listFindings(unconfirmed)}. To save anyway, confirm ${names} (confirmUnsafe).`,
    );
  }
  return needsConfirmation;
}
