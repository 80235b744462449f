import { getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

/**
 * How the desk shows times, days, numbers and phone numbers: the user's locale (the OS locale in the app,
 * the browser's on the web host) for dates and times, the clinic's country for phone numbers
 * (docs/desk-ui.md#locale). Times from the engine carry the clinic's offset: their wall-clock part is the
 * clinic's time, so it is formatted as is, whatever zone this computer is in.
 */
export interface LocaleFormats {
  readonly locale: string;
  /** "9:30 AM" (en-US), "09:30" (en-GB, de-DE). */
  time(iso: string): string;
  /** A YYYY-MM-DD day: "Sat, Nov 28" (en-US), "Sat 28 Nov" (en-GB), "Sa., 28. Nov." (de-DE). */
  day(isoDay: string): string;
  /** A YYYY-MM-DD day in full: "Saturday, November 28, 2026". */
  longDay(isoDay: string): string;
  /** The time alone if on `sameDay`, else day and time. */
  when(iso: string, sameDay: string): string;
  /** Chips: the time alone if on `sameDay`, else weekday and time ("Sun 9:30 AM"). */
  compactWhen(iso: string, sameDay: string): string;
  /** Any instant shown in `timeZone` (the clinic's): "Sat, Nov 28, 9:30 AM". */
  instant(iso: string | null | undefined, timeZone: string | undefined): string;
  /** National format for the clinic's own country ("(212) 555-0134"), international for others. */
  phone(e164: string): string;
  count(n: number): string;
}

/**
 * The locale to format with: the first valid tag of `languages` (navigator.languages), completed with the
 * clinic's country when it names a language only ("en" → "en-US"); else English in the clinic's country.
 */
export function resolveLocale(languages: readonly string[], clinicCountry: string): string {
  for (const tag of languages) {
    try {
      const [canonical] = Intl.getCanonicalLocales(tag);
      if (!canonical) continue;
      const loc = new Intl.Locale(canonical);
      return loc.region ? canonical : `${canonical}-${clinicCountry}`;
    } catch {
      // Not a language tag: try the next one.
    }
  }
  return `en-${clinicCountry}`;
}

/** The wall-clock parts of "YYYY-MM-DD[THH:mm…]" as a UTC Date, or null when unreadable. */
function wallClock(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(iso);
  if (!m) return null;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0)));
}

/** Builds the formatters for one locale and clinic country (Intl formatters made once, reused for every row). */
export function createLocaleFormats(locale: string, clinicCountry: string): LocaleFormats {
  const utc = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
  const timeFmt = utc({ timeStyle: 'short' });
  const dayFmt = utc({ weekday: 'short', month: 'short', day: 'numeric' });
  const longDayFmt = utc({ weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });
  const weekdayFmt = utc({ weekday: 'short' });
  const numberFmt = new Intl.NumberFormat(locale);
  let callingCode: string | null = null;
  try {
    callingCode = getCountryCallingCode(clinicCountry as CountryCode);
  } catch {
    // Unknown country code: every number shows in international format.
  }
  const zoned = new Map<string, { day: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();
  const fmt = (f: Intl.DateTimeFormat, iso: string) => {
    const d = wallClock(iso);
    return d ? f.format(d) : iso;
  };
  const time = (iso: string) => fmt(timeFmt, iso);
  const day = (isoDay: string) => fmt(dayFmt, isoDay);
  return {
    locale,
    time,
    day,
    longDay: (isoDay) => fmt(longDayFmt, isoDay),
    when: (iso, sameDay) => (iso.slice(0, 10) === sameDay ? time(iso) : `${day(iso.slice(0, 10))} ${time(iso)}`),
    compactWhen: (iso, sameDay) => (iso.slice(0, 10) === sameDay ? time(iso) : `${fmt(weekdayFmt, iso)} ${time(iso)}`),
    instant(iso, timeZone) {
      if (!iso) return '—';
      const date = new Date(iso);
      if (Number.isNaN(date.getTime())) return iso;
      const key = timeZone ?? '';
      let f = zoned.get(key);
      if (!f) {
        try {
          f = {
            day: new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', month: 'short', day: 'numeric' }),
            time: new Intl.DateTimeFormat(locale, { timeZone, timeStyle: 'short' }),
          };
        } catch {
          return iso;
        }
        zoned.set(key, f);
      }
      return `${f.day.format(date)}, ${f.time.format(date)}`;
    },
    phone(e164) {
      const parsed = parsePhoneNumberFromString(e164, clinicCountry as CountryCode);
      if (!parsed) return e164;
      // A number of the clinic's calling code that no region claims (555 test numbers) still reads as national.
      const home = parsed.country === clinicCountry || (parsed.country === undefined && parsed.countryCallingCode === callingCode);
      return home ? parsed.formatNational() : parsed.formatInternational();
    },
    count: (n) => numberFmt.format(n),
  };
}
