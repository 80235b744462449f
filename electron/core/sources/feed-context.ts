import type { ReadableDB } from '../db/types';
import { type AppointmentRow, findAppointmentByExternalId } from '../db/repos/appointments-repo';
import { getClinicSettings } from '../clinic/clinic-settings';
import { getExtraSettings } from '../db/repos/clinic-repo';
import type { RowContext } from './table/row';

/** The clinic's zone (times without an offset) and phone region, as every source reads rows with them. */
export function feedRowContext(db: ReadableDB): RowContext {
  return { timezone: getClinicSettings(db).timezone, defaultRegion: getExtraSettings(db).defaultRegion ?? 'US' };
}

/** Appointments from HL7 v2 (feeds and files) are unique per ("hl7", SCH-2/SCH-1). */
export const HL7_SOURCE = 'hl7';
/** Appointments from FHIR (servers and Bundle files) are unique per ("fhir", Appointment.id). */
export const FHIR_SOURCE = 'fhir';

/** An appointment of the HL7 or FHIR feed by its external id (confirm and cancel by id). */
export function findFeedAppointment(db: ReadableDB, externalId: string): AppointmentRow | undefined {
  return findAppointmentByExternalId(db, HL7_SOURCE, externalId) ?? findAppointmentByExternalId(db, FHIR_SOURCE, externalId);
}
