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

/** A normaliser for one import: family members and repeat visits share numbers, so each text is parsed once. */
export function createPhoneNormalizer(defaultRegion: string): (raw: string) => PhoneResult {
  const memo = new Map<string, PhoneResult>();
  return (raw) => {
    let result = memo.get(raw);
    if (!result) {
      result = normalizePhone(raw, defaultRegion);
      memo.set(raw, result);
    }
    return result;
  };
}
