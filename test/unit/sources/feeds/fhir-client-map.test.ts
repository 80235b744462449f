import { describe, expect, it } from 'vitest';
import { FhirAuthError, FhirClient, type FhirFetch } from '../../../../electron/core/sources/fhir/fhir-client';
import { asBundles, pickPhone, readFhirBundles } from '../../../../electron/core/sources/fhir/fhir-map';
import type { FhirBundle } from '../../../../electron/core/sources/fhir/fhir-types';

const BASE = 'https://ehr.example.org/fhir';

function fakeFetch(pages: Record<string, { status: number; body?: unknown }>, calls: { url: string; auth?: string }[]): FhirFetch {
  return async (url, init) => {
    calls.push({ url, auth: init.headers['Authorization'] });
    const page = pages[url] ?? { status: 404 };
    return { status: page.status, json: async () => page.body };
  };
}

const bundle = (next?: string): FhirBundle => ({ resourceType: 'Bundle', link: next ? [{ relation: 'next', url: next }] : [], entry: [] });

describe('FhirClient (docs/fhir.md)', () => {
  const first = `${BASE}/Appointment?date=ge2026-11-26&date=lt2026-12-10&_include=Appointment:patient&_count=200`;

  it('follows relative and absolute next links on the same server, sending the Bearer token each time', async () => {
    const calls: { url: string; auth?: string }[] = [];
    const fetch = fakeFetch(
      {
        [first]: { status: 200, body: bundle('Appointment?page=2') },
        [`${BASE}/Appointment?page=2`]: { status: 200, body: bundle(`${BASE}/Appointment?page=3`) },
        [`${BASE}/Appointment?page=3`]: { status: 200, body: bundle() },
      },
      calls,
    );
    const pages = await new FhirClient({ base: BASE, token: 't0k', fetch }).searchWindow('2026-11-26', '2026-12-10');
    expect(pages).toHaveLength(3);
    expect(calls.map((c) => c.auth)).toEqual(['Bearer t0k', 'Bearer t0k', 'Bearer t0k']);
  });

  it('never follows a next link to another origin (the token would leak)', async () => {
    const calls: { url: string; auth?: string }[] = [];
    const fetch = fakeFetch({ [first]: { status: 200, body: bundle('https://evil.example.com/fhir/Appointment?page=2') } }, calls);
    await expect(new FhirClient({ base: BASE, token: 't', fetch }).searchWindow('2026-11-26', '2026-12-10')).rejects.toThrow(
      /another server/,
    );
    expect(calls).toHaveLength(1);
  });

  it('stops a next link that loops, and says what a 401, a 500 or a non-Bundle answer was', async () => {
    const calls: { url: string; auth?: string }[] = [];
    const loop = fakeFetch({ [first]: { status: 200, body: bundle(first) } }, calls);
    await expect(new FhirClient({ base: BASE, token: 't', fetch: loop }).searchWindow('2026-11-26', '2026-12-10')).rejects.toThrow(
      /do not end/,
    );
    const denied = fakeFetch({ [first]: { status: 401 } }, calls);
    await expect(new FhirClient({ base: BASE, token: 't', fetch: denied }).searchWindow('2026-11-26', '2026-12-10')).rejects.toBeInstanceOf(
      FhirAuthError,
    );
    const broken = fakeFetch({ [first]: { status: 500 } }, calls);
    await expect(new FhirClient({ base: BASE, token: 't', fetch: broken }).searchWindow('2026-11-26', '2026-12-10')).rejects.toThrow(
      /HTTP 500/,
    );
    const notBundle = fakeFetch({ [first]: { status: 200, body: { resourceType: 'OperationOutcome' } } }, calls);
    await expect(new FhirClient({ base: BASE, token: 't', fetch: notBundle }).searchWindow('2026-11-26', '2026-12-10')).rejects.toThrow(
      /not a Bundle/,
    );
  });
});

describe('FHIR R4 mapping (docs/fhir.md)', () => {
  it('picks a mobile phone or sms number first, then the lowest rank, never an old one', () => {
    expect(
      pickPhone([
        { system: 'phone', value: '1', use: 'home', rank: 1 },
        { system: 'sms', value: '2', use: 'mobile', rank: 3 },
      ])?.value,
    ).toBe('2');
    expect(
      pickPhone([
        { system: 'phone', value: '1', use: 'home', rank: 2 },
        { system: 'phone', value: '2', use: 'work', rank: 1 },
        { system: 'phone', value: '3', use: 'old', rank: 0 },
        { system: 'email', value: 'x@y.z', rank: 0 },
      ])?.value,
    ).toBe('2');
    expect(pickPhone([{ system: 'fax', value: '9' }])).toBeUndefined();
  });

  it('maps every R4 status, matches Patients by reference or fullUrl, and explains what it cannot use', () => {
    const appt = (id: string, status: string, ref = 'Patient/p1') => ({
      resource: { resourceType: 'Appointment', id, status, start: '2026-11-27T10:00:00Z', participant: [{ actor: { reference: ref } }] },
    });
    const patient = { fullUrl: 'urn:uuid:p-9', resource: { resourceType: 'Patient', id: 'p1', name: [{ text: 'Ana Diaz' }] } };
    const readings = readFhirBundles([
      {
        resourceType: 'Bundle',
        entry: [
          ...['booked', 'pending', 'arrived', 'checked-in', 'cancelled', 'entered-in-error', 'noshow', 'fulfilled', 'waitlist'].map(
            (s, i) => appt(`a${i}`, s),
          ),
          appt('u1', 'booked', 'urn:uuid:p-9'),
          appt('m1', 'booked', 'Patient/missing'),
          patient,
        ] as never,
      },
    ]);
    const statuses = readings.map((r) => (r.ok ? r.appointment.status : 'rejected'));
    expect(statuses).toEqual([
      'booked',
      'booked',
      'booked',
      'booked',
      'cancelled',
      'cancelled',
      'no_show',
      'completed',
      'rejected',
      'booked',
      'rejected',
    ]);
    const missing = readings[10]!;
    expect(missing.ok ? '' : missing.reason).toMatch(/_include/);
  });

  it('reads a saved file as a Bundle, an array of resources or a single Appointment', () => {
    expect(asBundles({ resourceType: 'Bundle', entry: [] })).toHaveLength(1);
    expect(asBundles([{ resourceType: 'Appointment' }])![0]!.entry).toHaveLength(1);
    expect(asBundles({ resourceType: 'Appointment' })).toHaveLength(1);
    expect(asBundles({ resourceType: 'Patient' })).toBeUndefined();
    expect(asBundles('text')).toBeUndefined();
  });
});
