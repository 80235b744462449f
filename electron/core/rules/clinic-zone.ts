import { IANAZone } from 'luxon';
import { zoneTables } from './zone-tables';

export type ZoneCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** IANA region zones are "Area/Location" in these areas; everything else is an alias, an abbreviation or an offset. */
const REGION_ZONE = /^(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)\/[A-Za-z0-9_+\-/]+$/;

/** Abbreviations people type for a zone, mapped to the region zone they almost always mean. */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  EST: 'America/New_York',
  EDT: 'America/New_York',
  EST5EDT: 'America/New_York',
  CST: 'America/Chicago',
  CDT: 'America/Chicago',
  CST6CDT: 'America/Chicago',
  MST: 'America/Denver (America/Phoenix in Arizona)',
  MDT: 'America/Denver',
  MST7MDT: 'America/Denver',
  PST: 'America/Los_Angeles',
  PDT: 'America/Los_Angeles',
  PST8PDT: 'America/Los_Angeles',
  AKST: 'America/Anchorage',
  AKDT: 'America/Anchorage',
  HST: 'Pacific/Honolulu',
  BST: 'Europe/London',
  IST: 'Asia/Kolkata (Europe/Dublin in Ireland)',
  AEST: 'Australia/Sydney',
  AEDT: 'Australia/Sydney',
  CET: 'Europe/Paris or Europe/Berlin',
  CEST: 'Europe/Paris or Europe/Berlin',
  MET: 'Europe/Paris or Europe/Berlin',
  EET: 'Europe/Athens or Europe/Helsinki',
  EEST: 'Europe/Athens or Europe/Helsinki',
  WET: 'Europe/Lisbon',
  WEST: 'Europe/Lisbon',
};

/** Zones offered first when several region zones share an offset (the ones clinics most often mean). */
const WELL_KNOWN = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
  'America/Toronto',
  'America/Halifax',
  'America/St_Johns',
  'America/Mexico_City',
  'America/Bogota',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Lisbon',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Madrid',
  'Europe/Rome',
  'Europe/Athens',
  'Europe/Helsinki',
  'Europe/Moscow',
  'Africa/Johannesburg',
  'Africa/Lagos',
  'Africa/Cairo',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Asia/Shanghai',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Australia/Perth',
  'Australia/Brisbane',
  'Australia/Sydney',
  'Pacific/Auckland',
];

const NO_DST = 'has no daylight saving time, so every reminder would be an hour off for half the year';

/** True for an IANA region zone this runtime knows ("America/New_York"), the only kind a clinic may use. */
export function isRegionZone(zone: string): boolean {
  return REGION_ZONE.test(zone) && IANAZone.isValidZone(zone);
}

/**
 * Accepts IANA region zones only. Abbreviations (EST), fixed offsets (Etc/GMT+5, UTC-5, UTC) and old
 * aliases (US/Eastern) are refused with a region zone to use instead (docs/numbers-and-zones.md).
 */
export function checkClinicZone(zone: string): ZoneCheck {
  if (isRegionZone(zone)) return { ok: true };
  const text = zone.trim();
  const abbreviation = ABBREVIATIONS[text.toUpperCase()];
  if (abbreviation) {
    const known = zoneTables().getTimezone(text.toUpperCase());
    const fixed = !known || known.utcOffset === known.dstOffset;
    const why = fixed ? `, and as a fixed offset it ${NO_DST}` : '';
    return refuse(`time zone "${text}" is an abbreviation, not a region zone${why}; use the clinic's region zone, e.g. ${abbreviation}`);
  }
  const offset = fixedOffsetMinutes(text);
  if (offset !== undefined) {
    const zones = regionZonesAtOffset(offset);
    const use = zones.length > 0 ? `a region zone at that offset, e.g. ${zones.join(', ')}` : 'the region zone of the clinic (Area/City)';
    return refuse(`time zone "${text}" is a fixed offset (UTC${formatOffset(offset)}) that ${NO_DST}; use ${use}`);
  }
  const known = zoneTables().getTimezone(text);
  const target = known?.aliasOf;
  // An alias keeps its target's rules, so the hazard is only the name: point to the region zone.
  if (known && target && REGION_ZONE.test(target)) return refuse(`time zone "${text}" is an old alias, not a region zone; use ${target}`);
  const spelled = caseInsensitiveMatch(text);
  if (spelled) return refuse(`unknown time zone "${text}"; did you mean ${spelled}?`);
  return refuse(`unknown time zone "${text}"; use an IANA region zone such as America/New_York`);
}

function refuse(reason: string): ZoneCheck {
  return { ok: false, reason };
}

/** Minutes east of UTC for "UTC", "Etc/GMT+5" (POSIX: sign reversed), "UTC-5", "GMT+5:30", "-05:00"…; undefined otherwise. */
export function fixedOffsetMinutes(text: string): number | undefined {
  if (/^(?:Etc\/)?(?:UTC|UCT|GMT|GMT[+-]?0|Universal|Zulu|Greenwich|Z)$/i.test(text)) return 0;
  const etc = /^Etc\/GMT([+-])(\d{1,2})$/i.exec(text);
  if (etc) return (etc[1] === '+' ? -1 : 1) * Number(etc[2]) * 60;
  const plain = /^(?:UTC|GMT)?\s*([+\-\u2212])\s*(\d{1,2})(?::?(\d{2}))?$/i.exec(text);
  if (!plain) return undefined;
  const hours = Number(plain[2]);
  const minutes = Number(plain[3] ?? 0);
  if (hours > 14 || minutes > 59) return undefined;
  return (plain[1] === '+' ? 1 : -1) * (hours * 60 + minutes);
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '\u2212' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** Region zones whose standard (winter) offset is `minutes`: best-known first, at most four. */
export function regionZonesAtOffset(minutes: number): string[] {
  const all = Object.values(zoneTables().getAllTimezones()).filter(
    (z) => REGION_ZONE.test(z.name) && z.countries.length > 0 && z.utcOffset === minutes,
  );
  const rank = (name: string) => {
    const i = WELL_KNOWN.indexOf(name);
    return i < 0 ? WELL_KNOWN.length : i;
  };
  return all
    .map((z) => z.name)
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .slice(0, 4);
}

function caseInsensitiveMatch(text: string): string | undefined {
  const lower = text.toLowerCase();
  return Object.keys(zoneTables().getAllTimezones()).find((name) => REGION_ZONE.test(name) && name.toLowerCase() === lower);
}
