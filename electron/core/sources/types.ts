import type { AppointmentStatus } from '../../../shared/domain/types';

/** The patient a row describes. `undefined` means "the source says nothing": keep what is stored. */
export interface PatientInput {
  key: string;
  name: string;
  phone: string | null;
  email: string | null;
  timezone: string | null | undefined;
  /** Language code (docs/languages.md); undefined: the source says nothing, keep what is stored. */
  language?: string | null | undefined;
  smsConsent: boolean | undefined;
  voiceConsent: boolean | undefined;
  emailConsent: boolean | undefined;
}

/** One validated appointment from any source (CSV today; XLSX, FHIR, HL7 later), ready for the apply step. */
export interface ScheduleRow {
  /** Where it came from in the source: the file line for CSV. */
  line: number;
  externalId: string;
  patient: PatientInput;
  startsAt: number;
  durationMin: number;
  provider: string;
  status: AppointmentStatus;
}

/** A row a source could not use, by its line (row) number, with the reason shown to the desk. */
export interface RejectedRow {
  row: number;
  reason: string;
  /** The patient's name, where the row gives one that can be shown. */
  patient?: string;
}
