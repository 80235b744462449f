import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode, type NumberType } from 'libphonenumber-js/max';

/** `country` is the ISO 3166 code of the number (null for non-geographic numbers such as +800). */
export type PhoneResult = { ok: true; e164: string; country: string | null } | { ok: false; reason: string };

/**
 * Number types a patient can be texted or called on: their own mobile, landline or VoIP line. Everything
 * else — premium-rate, shared-cost, toll-free, personal ("follow-me") numbers, UAN, pagers, voicemail
 * access — is a business or paid service line: refused at import (docs/numbers-and-zones.md).
 */
const PERSONAL_TYPES: ReadonlySet<NumberType> = new Set<NumberType>(['MOBILE', 'FIXED_LINE', 'FIXED_LINE_OR_MOBILE', 'VOIP']);

const TYPE_NAMES: Readonly<Record<NonNullable<NumberType>, string>> = {
  PREMIUM_RATE: 'a premium-rate number',
  SHARED_COST: 'a shared-cost number',
  TOLL_FREE: 'a toll-free number',
  PERSONAL_NUMBER: 'a personal (follow-me) number',
  UAN: 'a business (UAN) number',
  PAGER: 'a pager number',
  VOICEMAIL: 'a voicemail access number',
  MOBILE: 'a mobile number',
  FIXED_LINE: 'a landline number',
  FIXED_LINE_OR_MOBILE: 'a landline or mobile number',
  VOIP: 'a VoIP number',
};

/** True when `region` is an ISO 3166 country code libphonenumber knows (e.g. "US"). */
export function isPhoneRegion(region: string): region is CountryCode {
  return isSupportedCountry(region);
}

/**
 * Normalises a phone number to E.164, reading national numbers in `defaultRegion`. Uses the full ("max")
 * metadata so numbers that cannot exist (e.g. area code 555) are refused here, not by the SMS provider,
 * and so the number's type is known: only personal numbers are accepted (PERSONAL_TYPES).
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
  const type = parsed.getType();
  if (!type || !PERSONAL_TYPES.has(type)) {
    const what = type ? TYPE_NAMES[type] : 'a number of unknown type';
    return { ok: false, reason: `phone "${text}" is ${what}; only mobile, landline and VoIP numbers can be texted or called` };
  }
  return { ok: true, e164: parsed.number, country: parsed.country ?? null };
}

/** The country of an E.164 number (null when it has none, e.g. +800, or cannot be parsed). */
export function countryOfNumber(e164: string): string | null {
  return parsePhoneNumberFromString(e164)?.country ?? null;
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
