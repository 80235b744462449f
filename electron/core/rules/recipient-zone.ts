import { IANAZone } from 'luxon';
import type { ClinicSettings } from '../../../shared/domain/dto';
import { createCountryLookup } from '../schedule/number-country';
import { DEFAULT_COUNTRY } from './defaults';
import { zoneTables } from './zone-tables';

/** The clinic's own country: national numbers are read in it, and its numbers keep the clinic's zone. */
export function clinicCountry(settings: Pick<ClinicSettings, 'country'>): string {
  return settings.country ?? DEFAULT_COUNTRY;
}

/** Countries whose numbers may be texted or called (default: the clinic's own). */
export function allowedCountries(settings: Pick<ClinicSettings, 'country' | 'allowedCountries'>): readonly string[] {
  return settings.allowedCountries ?? [clinicCountry(settings)];
}

/**
 * The zones quiet hours and the daily budget are kept in for one recipient: usually one; all zones of
 * the number's country when that country has several and the patient has no zone of their own (then a
 * time is allowed only if it is allowed in every one of them). `key` names the set for caches.
 */
export interface RecipientZones {
  readonly key: string;
  readonly zones: readonly string[];
}

type CountryLookup = (e164: string) => string | null;

/**
 * Country and zones of recipients for one scope (a claim, a view), memoised per area code and per
 * country so the claim's hot path parses a number and reads the zone tables as rarely as possible.
 */
export class RecipientPlaces {
  private lookup: CountryLookup | undefined;
  private readonly byCountry = new Map<string, RecipientZones>();
  // The final checks ask twice per row (country allowed, then its zone): remember the last answer.
  private last: { readonly e164: string; readonly country: string | null } | undefined;

  /** The country of an E.164 number; null for numbers with none (+800…) or that cannot be read. */
  countryOf(e164: string): string | null {
    if (this.last?.e164 === e164) return this.last.country;
    this.lookup ??= createCountryLookup();
    const country = this.lookup(e164);
    this.last = { e164, country };
    return country;
  }

  /**
   * Recipient zones (docs/numbers-and-zones.md): the patient's own zone; else the clinic's zone for
   * numbers of the clinic's country (and numbers whose country is unknown); else the zone(s) of the
   * number's country.
   */
  zonesFor(patientZone: string | null, country: string | null, clinic: Pick<ClinicSettings, 'timezone' | 'country'>): RecipientZones {
    if (patientZone) return { key: patientZone, zones: [patientZone] };
    if (country === null || country === clinicCountry(clinic)) return { key: clinic.timezone, zones: [clinic.timezone] };
    let found = this.byCountry.get(country);
    if (!found) {
      found = countryZones(country);
      this.byCountry.set(country, found);
    }
    return found.zones.length > 0 ? found : { key: clinic.timezone, zones: [clinic.timezone] };
  }
}

/** The zones of a country this runtime knows; one zone keys by its name so it shares the per-zone cache. */
function countryZones(country: string): RecipientZones {
  const zones = (zoneTables().getCountry(country)?.timezones ?? []).filter((zone) => IANAZone.isValidZone(zone));
  return { key: zones.length === 1 ? zones[0]! : `country:${country}`, zones };
}
