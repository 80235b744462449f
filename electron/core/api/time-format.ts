import { DateTime } from 'luxon';

/** ISO 8601 with the clinic's offset (`startsAt` in docs/cli.md), seconds precision. */
export function isoInZone(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? new Date(ms).toISOString();
}
