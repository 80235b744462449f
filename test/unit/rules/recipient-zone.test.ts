import { describe, expect, it } from 'vitest';
import {
  nextSendableInAllZones,
  nextSendableInstant,
  startOfLocalDayInAnyZone,
  startOfNextLocalDayInEveryZone,
} from '../../../electron/core/rules/quiet-hours';
import { allowedCountries, clinicCountry, RecipientPlaces } from '../../../electron/core/rules/recipient-zone';
import { createCountryLookup } from '../../../electron/core/schedule/number-country';
import { local } from '../../helpers/engine';

const CLINIC = { timezone: 'America/New_York', country: 'US' } as const;

describe('recipient zones', () => {
  const places = new RecipientPlaces();

  it("the patient's own zone wins", () => {
    expect(places.zonesFor('Asia/Tokyo', 'GB', CLINIC).zones).toEqual(['Asia/Tokyo']);
  });

  it("the clinic's own country keeps the clinic zone, even though the US has many zones", () => {
    expect(places.zonesFor(null, 'US', CLINIC)).toEqual({ key: 'America/New_York', zones: ['America/New_York'] });
  });

  it("a single-zone country uses that country's zone", () => {
    expect(places.zonesFor(null, 'GB', CLINIC)).toEqual({ key: 'Europe/London', zones: ['Europe/London'] });
    expect(places.zonesFor(null, 'JP', CLINIC)).toEqual({ key: 'Asia/Tokyo', zones: ['Asia/Tokyo'] });
  });

  it("a multi-zone country that is not the clinic's gives all its zones", () => {
    const london = { timezone: 'Europe/London', country: 'GB' };
    const us = places.zonesFor(null, 'US', london);
    expect(us.key).toBe('country:US');
    expect(us.zones).toEqual(expect.arrayContaining(['America/New_York', 'America/Los_Angeles', 'Pacific/Honolulu', 'America/Anchorage']));
  });

  it('an unknown country falls back to the clinic zone (the country check suppresses such numbers anyway)', () => {
    expect(places.zonesFor(null, null, CLINIC).zones).toEqual(['America/New_York']);
  });

  it('defaults: the clinic country is US and only it is allowed', () => {
    expect(clinicCountry({})).toBe('US');
    expect(allowedCountries({})).toEqual(['US']);
    expect(allowedCountries({ country: 'CA' })).toEqual(['CA']);
    expect(allowedCountries({ country: 'CA', allowedCountries: ['CA', 'US'] })).toEqual(['CA', 'US']);
  });
});

describe('quiet hours in every zone of a multi-zone country', () => {
  const US = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu'];

  it('is the single-zone answer for one zone', () => {
    const at = local('2026-11-27 06:00');
    expect(nextSendableInAllZones(at, ['America/New_York'], '08:00', '21:00')).toBe(
      nextSendableInstant(at, 'America/New_York', '08:00', '21:00'),
    );
  });

  it('waits until 08:00 in the westernmost zone and stops at 21:00 in the easternmost', () => {
    // 08:00 Honolulu = 13:00 New York; 21:00 New York closes it.
    expect(nextSendableInAllZones(local('2026-11-27 07:00'), US, '08:00', '21:00')).toBe(local('2026-11-27 13:00'));
    expect(nextSendableInAllZones(local('2026-11-27 15:00'), US, '08:00', '21:00')).toBe(local('2026-11-27 15:00'));
    expect(nextSendableInAllZones(local('2026-11-27 21:00'), US, '08:00', '21:00')).toBe(local('2026-11-28 13:00'));
  });

  it('is Infinity when no instant is allowed everywhere', () => {
    // 09:00–12:00 local: New York 09–12 and Honolulu 09–12 (14–17 New York) never overlap.
    expect(nextSendableInAllZones(local('2026-11-27 07:00'), US, '09:00', '12:00')).toBe(Number.POSITIVE_INFINITY);
  });

  it("the local day starts at the first zone's midnight and ends at the last zone's", () => {
    const at = local('2026-11-27 15:00');
    expect(startOfLocalDayInAnyZone(at, US)).toBe(local('2026-11-27 00:00'));
    expect(startOfNextLocalDayInEveryZone(at, US)).toBe(local('2026-11-28 00:00', 'Pacific/Honolulu'));
  });

  it('follows daylight saving time in each zone', () => {
    // 1 Nov 2026: New York is back on EST; London switched a week earlier. 08:00 London = 03:00 New York.
    expect(nextSendableInAllZones(local('2026-11-02 01:00'), ['Europe/London'], '08:00', '21:00')).toBe(local('2026-11-02 03:00'));
    // The week between the two changes London is only 4 h ahead: 08:00 GMT = 04:00 EDT.
    expect(nextSendableInAllZones(local('2026-10-28 01:00'), ['Europe/London'], '08:00', '21:00')).toBe(local('2026-10-28 04:00'));
  });
});

describe('country of a number', () => {
  it('reads the country, area code by area code in North America', () => {
    const countryOf = createCountryLookup();
    expect(countryOf('+12125550101')).toBe('US');
    expect(countryOf('+14165550123')).toBe('CA'); // Toronto
    expect(countryOf('+18762345678')).toBe('JM'); // Jamaica
    expect(countryOf('+17875550123')).toBe('PR'); // Puerto Rico
    expect(countryOf('+447400123456')).toBe('GB');
    expect(countryOf('+441534123456')).toBe('JE'); // Jersey shares +44
    expect(countryOf('+819012345678')).toBe('JP');
  });

  it('remembers an area code only from a valid number', () => {
    const countryOf = createCountryLookup();
    expect(countryOf('+14165550123')).toBe('CA');
    expect(countryOf('+14165559999')).toBe('CA');
    expect(countryOf('+18005550199')).toBe('US');
  });

  it('gives null for numbers with no country', () => {
    const countryOf = createCountryLookup();
    expect(countryOf('+80012345678')).toBeNull();
    expect(countryOf('not a number')).toBeNull();
  });
});
