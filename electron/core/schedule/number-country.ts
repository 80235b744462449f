type PhoneLibrary = typeof import('libphonenumber-js/max');

/**
 * libphonenumber with its full metadata, loaded on first use: it costs ~80 ms of start-up that most
 * commands (status, pause…) never need. Node's module cache makes later calls free.
 */
function phoneLibrary(): PhoneLibrary {
  return require('libphonenumber-js/max') as PhoneLibrary;
}

const NANP_NUMBER = /^\+1[2-9]\d{9}$/;

/**
 * The country of E.164 numbers (null for numbers with none, e.g. +800, or that cannot be read), with a
 * memo for one scope (a claim, a view). In the North American Numbering Plan (+1: US, Canada, the
 * Caribbean) each area code belongs to one country, so a valid number's country is remembered for its
 * whole area code: a US clinic's numbers cost one parse per area code, not one per number.
 */
export function createCountryLookup(): (e164: string) => string | null {
  const { parsePhoneNumberFromString } = phoneLibrary();
  const memo = new Map<string, string | null>();
  return (e164) => {
    const areaKey = NANP_NUMBER.test(e164) ? e164.slice(0, 5) : undefined;
    const byArea = areaKey === undefined ? undefined : memo.get(areaKey);
    if (byArea) return byArea;
    if (memo.has(e164)) return memo.get(e164) ?? null;
    const parsed = parsePhoneNumberFromString(e164);
    const country = parsed?.country ?? null;
    // Only a valid number speaks for its area code; anything else is remembered for itself alone.
    memo.set(areaKey && country && parsed?.isValid() ? areaKey : e164, country);
    return country;
  };
}
