import type { ClinicSettings } from '../../../shared/domain/dto';
import { isPhoneRegion } from '../schedule/phone';
import { allowedCountries, clinicCountry } from './recipient-zone';

type CountrySettings = Pick<ClinicSettings, 'country' | 'allowedCountries'>;

/**
 * The country fields after a settings change. When the clinic's country changes and the allowed list
 * was only the old country (the default), the list follows: a clinic that moves its country setting from
 * US to CA means "our own numbers", not "only US numbers". Codes are upper-cased and listed once.
 */
export function mergeCountrySettings(current: CountrySettings, patch: Partial<CountrySettings>): CountrySettings {
  const country = (patch.country ?? clinicCountry(current)).toUpperCase();
  const before = allowedCountries(current);
  const followsCountry = before.length === 1 && before[0] === clinicCountry(current);
  const allowed = patch.allowedCountries ?? (followsCountry ? [country] : before);
  return { country, allowedCountries: [...new Set(allowed.map((c) => c.toUpperCase()))] };
}

/** A specific problem with the country settings, or null: every code must be a country with phone numbers. */
export function countrySettingsProblem(settings: CountrySettings): string | null {
  const country = clinicCountry(settings);
  if (!isPhoneRegion(country)) return `country "${country}" is not a known country code (e.g. US, CA, GB)`;
  const unknown = allowedCountries(settings).filter((c) => !isPhoneRegion(c));
  if (unknown.length > 0)
    return `allowed countries: unknown country code ${unknown.map((c) => `"${c}"`).join(', ')} (use codes such as US, CA, GB)`;
  return null;
}
