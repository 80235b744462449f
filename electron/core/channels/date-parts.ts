/**
 * Weekday, date and time of an instant in a zone, in a language ("Saturday", "Nov 28", "10:30 AM";
 * "sábado", "28 nov", "10:30 a. m."). One cached Intl formatter per zone and locale: a dispatch renders
 * thousands of messages and this is on its hot path.
 */
export interface DateParts {
  readonly weekday: string;
  readonly date: string;
  readonly time: string;
}

const formatters = new Map<string, { parts: Intl.DateTimeFormat; date: Intl.DateTimeFormat }>();
const partsCache = new Map<string, DateParts>();

/** The Intl locale for a language: US conventions for English (as ever), the language itself otherwise. */
export function localeFor(language: string): string {
  return language === 'en' ? 'en-US' : language;
}

export function dateParts(startsAt: number, zone: string, language: string = 'en'): DateParts {
  const key = `${zone}|${language}|${startsAt}`;
  const cached = partsCache.get(key);
  if (cached) return cached;
  const parts = formatDateParts(startsAt, zone, language);
  // Appointments share slots: a small cache saves most formatting in a busy dispatch.
  if (partsCache.size >= 2_000) partsCache.clear();
  partsCache.set(key, parts);
  return parts;
}

function formattersFor(zone: string, language: string): { parts: Intl.DateTimeFormat; date: Intl.DateTimeFormat } {
  const key = `${zone}|${language}`;
  let f = formatters.get(key);
  if (!f) {
    const locale = localeFor(language);
    f = {
      parts: new Intl.DateTimeFormat(locale, {
        timeZone: zone,
        weekday: 'long',
        month: 'short',
        day: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
        hour12: true,
      }),
      // Day and month in the language's own order ("28 nov" in Spanish).
      date: new Intl.DateTimeFormat(locale, { timeZone: zone, month: 'short', day: 'numeric' }),
    };
    formatters.set(key, f);
  }
  return f;
}

/** Intl puts (narrow) no-break spaces in times and dates; a plain space keeps texts in the SMS alphabet. */
function plainSpaces(text: string): string {
  return text.replace(/[\u00A0\u202F]/g, ' ');
}

function formatDateParts(startsAt: number, zone: string, language: string): DateParts {
  const f = formattersFor(zone, language);
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const p of f.parts.formatToParts(startsAt)) part[p.type] = p.value;
  const time = `${part.hour ?? ''}:${part.minute ?? ''} ${part.dayPeriod ?? ''}`;
  if (language === 'en') return { weekday: part.weekday ?? '', date: `${part.month ?? ''} ${part.day ?? ''}`, time };
  return { weekday: part.weekday ?? '', date: plainSpaces(f.date.format(startsAt)).replace(/\.$/, ''), time: plainSpaces(time).trim() };
}
