import type { AppointmentStatus } from '../../../../shared/domain/types';
import type { FeedAppointment, FeedLabels } from '../feed-row';
import type { FhirAppointment, FhirBundle, FhirBundleEntry, FhirContactPoint, FhirHumanName, FhirPatient } from './fhir-types';

export const FHIR_LABELS: FeedLabels = {
  externalId: 'Appointment.id',
  patientId: 'Patient.id',
  patientName: 'Patient.name',
  startsAt: 'Appointment.start',
  durationMin: 'Appointment.minutesDuration',
  cellPhone: 'Patient.telecom (mobile)',
  homePhone: 'Patient.telecom (phone)',
  workPhone: 'Patient.telecom (phone)',
  email: 'Patient.telecom (email)',
  provider: 'Appointment.participant (practitioner)',
  status: 'Appointment.status',
};

/** R4 Appointment.status → ours (docs/fhir.md); proposed and waitlist are not appointments yet. */
const STATUS: Readonly<Record<string, AppointmentStatus>> = {
  booked: 'booked',
  pending: 'booked',
  arrived: 'booked',
  'checked-in': 'booked',
  cancelled: 'cancelled',
  'entered-in-error': 'cancelled',
  noshow: 'no_show',
  fulfilled: 'completed',
};

/** One Appointment of a bundle: what it states, or why it cannot be used (with its id when it has one). */
export type FhirReading = { ok: true; appointment: FeedAppointment } | { ok: false; id: string | undefined; reason: string };

/**
 * The Appointments of one or more bundles (the pages of a search, or a saved file) with their Patients, which
 * may sit on any page (`_include`d) and are matched by "Patient/<id>" or by the entry's fullUrl.
 */
export function readFhirBundles(bundles: readonly FhirBundle[]): FhirReading[] {
  const patients = new Map<string, FhirPatient>();
  const appointments: FhirAppointment[] = [];
  for (const bundle of bundles) {
    for (const entry of bundle.entry ?? []) {
      const resource = entry.resource;
      if (resource?.resourceType === 'Patient') {
        const patient = resource as unknown as FhirPatient;
        if (patient.id) patients.set(`Patient/${patient.id}`, patient);
        if (entry.fullUrl) patients.set(entry.fullUrl, patient);
      } else if (resource?.resourceType === 'Appointment') appointments.push(resource as unknown as FhirAppointment);
    }
  }
  return appointments.map((a) => readAppointment(a, patients));
}

function readAppointment(a: FhirAppointment, patients: ReadonlyMap<string, FhirPatient>): FhirReading {
  const id = typeof a.id === 'string' ? a.id : undefined;
  if (!id) return { ok: false, id, reason: 'Appointment.id is missing' };
  const status = typeof a.status === 'string' ? STATUS[a.status] : undefined;
  if (!status)
    return { ok: false, id, reason: `Appointment.status "${String(a.status)}" is not a booked, cancelled or finished appointment` };
  // "Patient/<id>", an absolute URL ending so, or a fullUrl such as urn:uuid:… (saved transaction bundles).
  const refs = (a.participant ?? []).map((p) => p.actor?.reference ?? '').filter(Boolean);
  const ref = refs.find((r) => patients.has(r)) ?? refs.find((r) => /(?:^|\/)Patient\/[^/]+$/.test(r));
  if (!ref) return { ok: false, id, reason: 'Appointment.participant has no Patient' };
  const patient = patients.get(ref) ?? patients.get(ref.slice(ref.lastIndexOf('Patient/')));
  if (!patient) return { ok: false, id, reason: `${ref} is not in the bundle (was the search made with _include=Appointment:patient?)` };
  const phone = pickPhone(patient.telecom ?? []);
  return {
    ok: true,
    appointment: {
      externalId: id,
      patientId: patient.id ? `Patient/${patient.id}` : '',
      patientName: nameOf(patient.name ?? []),
      startsAt: typeof a.start === 'string' ? a.start.replace(/(\d{2}:\d{2}:\d{2})\.\d+/, '$1') : '',
      durationMin: durationOf(a),
      cellPhone: phone?.use === 'mobile' ? (phone.value ?? '') : '',
      homePhone: phone && phone.use !== 'mobile' ? (phone.value ?? '') : '',
      workPhone: '',
      email: byRank((patient.telecom ?? []).filter((t) => t.system === 'email' && t.use !== 'old' && t.value))[0]?.value ?? '',
      provider: providerOf(a),
      status,
    },
  };
}

/** Phone or SMS numbers: a mobile one first, then the lowest rank; old numbers never. */
export function pickPhone(telecom: readonly FhirContactPoint[]): FhirContactPoint | undefined {
  const phones = byRank(telecom.filter((t) => (t.system === 'phone' || t.system === 'sms') && t.use !== 'old' && t.value));
  return phones.find((t) => t.use === 'mobile') ?? phones[0];
}

function byRank(points: readonly FhirContactPoint[]): FhirContactPoint[] {
  const rank = (t: FhirContactPoint) => (typeof t.rank === 'number' ? t.rank : Number.MAX_SAFE_INTEGER);
  return [...points].sort((x, y) => rank(x) - rank(y));
}

function nameOf(names: readonly FhirHumanName[]): string {
  const name = names.find((n) => n.use === 'official' || n.use === 'usual') ?? names.find((n) => n.use !== 'old') ?? names[0];
  if (!name) return '';
  return name.text?.trim() || [...(name.given ?? []), name.family ?? ''].filter(Boolean).join(' ');
}

function durationOf(a: FhirAppointment): string {
  if (typeof a.minutesDuration === 'number') return String(a.minutesDuration);
  const from = typeof a.start === 'string' ? Date.parse(a.start) : NaN;
  const to = typeof a.end === 'string' ? Date.parse(a.end) : NaN;
  return Number.isFinite(from) && Number.isFinite(to) && to > from ? String(Math.round((to - from) / 60_000)) : '';
}

function providerOf(a: FhirAppointment): string {
  const practitioner = (a.participant ?? []).find((p) => /(?:^|\/)Practitioner(?:Role)?\//.test(p.actor?.reference ?? ''));
  return practitioner?.actor?.display?.trim() ?? '';
}

/** A parsed JSON document as bundles: a Bundle, an array of resources, or one Appointment (a saved file). */
export function asBundles(json: unknown): FhirBundle[] | undefined {
  if (Array.isArray(json)) return [{ resourceType: 'Bundle', entry: json.map((resource) => ({ resource })) }];
  if (typeof json !== 'object' || json === null) return undefined;
  const type = (json as { resourceType?: unknown }).resourceType;
  if (type === 'Bundle') return [json as FhirBundle];
  if (type === 'Appointment') return [{ resourceType: 'Bundle', entry: [{ resource: json as FhirBundleEntry['resource'] }] }];
  return undefined;
}
