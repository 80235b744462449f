import { describe, expect, it } from 'vitest';
import { checkClinicZone, fixedOffsetMinutes, isRegionZone, regionZonesAtOffset } from '../../../electron/core/rules/clinic-zone';

function reason(zone: string): string {
  const check = checkClinicZone(zone);
  if (check.ok) throw new Error(`${zone} was accepted`);
  return check.reason;
}

describe('clinic time zone: IANA region zones only', () => {
  it.each([
    'America/New_York',
    'America/Phoenix',
    'America/Argentina/Buenos_Aires',
    'Europe/London',
    'Asia/Kolkata',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
  ])('accepts the region zone %s', (zone) => {
    expect(checkClinicZone(zone)).toEqual({ ok: true });
    expect(isRegionZone(zone)).toBe(true);
  });

  it('refuses EST and suggests America/New_York, naming the daylight-saving hazard', () => {
    expect(reason('EST')).toMatch(
      /^time zone "EST" is an abbreviation, not a region zone, and as a fixed offset it has no daylight saving time/,
    );
    expect(reason('EST')).toMatch(/e\.g\. America\/New_York$/);
    expect(reason('pst')).toMatch(/America\/Los_Angeles/);
  });

  it('refuses Etc/GMT+5 (POSIX sign: UTC−5) and lists region zones at that offset', () => {
    const text = reason('Etc/GMT+5');
    expect(text).toMatch(/fixed offset \(UTC−05:00\)/);
    expect(text).toMatch(/e\.g\. America\/New_York, /);
    for (const zone of text.split('e.g. ')[1]!.split(', ')) expect(isRegionZone(zone)).toBe(true);
  });

  it.each([
    ['UTC-5', 'UTC−05:00', 'America/New_York'],
    ['GMT+5:30', 'UTC+05:30', 'Asia/Kolkata'],
    ['+09:00', 'UTC+09:00', 'Asia/Tokyo'],
    ['UTC', 'UTC+00:00', 'Europe/London'],
    ['Etc/UTC', 'UTC+00:00', 'Europe/London'],
    ['GMT', 'UTC+00:00', 'Europe/London'],
  ])('refuses the fixed offset %s (%s) and suggests %s', (zone, offset, suggestion) => {
    const text = reason(zone);
    expect(text).toContain(`fixed offset (${offset})`);
    expect(text).toContain(suggestion);
  });

  it('refuses old aliases with the region zone they stand for', () => {
    expect(reason('US/Eastern')).toBe('time zone "US/Eastern" is an old alias, not a region zone; use America/New_York');
    expect(reason('Japan')).toBe('time zone "Japan" is an old alias, not a region zone; use Asia/Tokyo');
  });

  it('says what it does not know, with a spelling hint when only the case is wrong', () => {
    expect(reason('Mars/Olympus')).toBe('unknown time zone "Mars/Olympus"; use an IANA region zone such as America/New_York');
    expect(reason('america/new_york')).toBe('unknown time zone "america/new_york"; did you mean America/New_York?');
    expect(reason('')).toMatch(/unknown time zone ""/);
  });
});

describe('fixed offsets', () => {
  it.each([
    ['Etc/GMT+5', -300],
    ['Etc/GMT-9', 540],
    ['UTC-5', -300],
    ['UTC−5', -300],
    ['GMT+05:30', 330],
    ['-0330', -210],
    ['Z', 0],
    ['Etc/GMT0', 0],
  ])('%s is %i minutes east of UTC', (text, minutes) => {
    expect(fixedOffsetMinutes(text)).toBe(minutes);
  });

  it.each(['America/New_York', 'UTC+25', 'GMT+5:75', 'EST'])('%s is not a fixed offset', (text) => {
    expect(fixedOffsetMinutes(text)).toBeUndefined();
  });

  it('lists best-known region zones first, at most four', () => {
    expect(regionZonesAtOffset(-300)[0]).toBe('America/New_York');
    expect(regionZonesAtOffset(60).slice(0, 2)).toEqual(['Europe/Paris', 'Europe/Berlin']);
    expect(regionZonesAtOffset(-300)).toHaveLength(4);
    expect(regionZonesAtOffset(17)).toEqual([]);
  });
});
