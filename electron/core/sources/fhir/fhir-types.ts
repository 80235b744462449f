/**
 * The few FHIR R4 shapes Frontdesk reads (hl7.org/fhir/R4: Bundle, Appointment, Patient), written here rather
 * than taken from @types/fhir, whose `latest` is STU3. Everything is optional: a server's JSON is checked as
 * it is read, never trusted.
 */

export interface FhirReference {
  reference?: string;
  display?: string;
}

export interface FhirAppointmentParticipant {
  actor?: FhirReference;
  status?: string;
}

/** Appointment.status (R4): proposed | pending | booked | arrived | fulfilled | cancelled | noshow | entered-in-error | checked-in | waitlist. */
export interface FhirAppointment {
  resourceType: 'Appointment';
  id?: string;
  status?: string;
  start?: string;
  end?: string;
  minutesDuration?: number;
  participant?: FhirAppointmentParticipant[];
}

export interface FhirHumanName {
  use?: string;
  text?: string;
  family?: string;
  given?: string[];
}

/** ContactPoint: system phone | fax | email | pager | url | sms | other; use home | work | temp | old | mobile. */
export interface FhirContactPoint {
  system?: string;
  value?: string;
  use?: string;
  rank?: number;
}

export interface FhirPatient {
  resourceType: 'Patient';
  id?: string;
  name?: FhirHumanName[];
  telecom?: FhirContactPoint[];
}

export interface FhirBundleLink {
  relation?: string;
  url?: string;
}

export interface FhirBundleEntry {
  fullUrl?: string;
  resource?: { resourceType?: string; id?: string } & Record<string, unknown>;
  search?: { mode?: string };
}

export interface FhirBundle {
  resourceType: 'Bundle';
  type?: string;
  link?: FhirBundleLink[];
  entry?: FhirBundleEntry[];
}
