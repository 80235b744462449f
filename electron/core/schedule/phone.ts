import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: string };

/** True when `region` is an ISO 3166 country code libphonenumber knows (e.g. "US"). */
export function isPhoneRegion(region: string): region is CountryCode {
  return isSupportedCountry(region);
}

/**
 * Normalises a phone number to E.164, reading national numbers in `defaultRegion`. Uses the full ("max")
 * metadata so numbers that cannot exist (e.g. area code 555) are refused here, not by the SMS provider.
 */
export function normalizePhone(raw: string, defaultRegion: string): PhoneResult {
  const text = raw.trim();
  if (!isPhoneRegion(defaultRegion)) {
    return { ok: false, reason: `"${defaultRegion}" is not a known phone region` };
  }
  const parsed = text === '' ? undefined : parsePhoneNumberFromString(text, defaultRegion);
  if (!parsed?.isValid()) {
    return { ok: false, reason: `phone "${text}" is not a valid number for ${defaultRegion}` };
  }
  return { ok: true, e164: parsed.number };
}
