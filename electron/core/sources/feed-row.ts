import type { ImportField } from '../../../shared/domain/sources';
import type { AppointmentStatus } from '../../../shared/domain/types';
import type { TableMapping } from './mapping/resolve-mapping';
import { createRowParsers, parseScheduleRow, type RowContext, type RowParsers, type RowResult } from './table/row';

/**
 * One appointment as a feed (HL7 v2, FHIR) states it, as text, before validation. It is checked by the same row
 * rules as a CSV row (lengths, control characters, phone numbers, e-mail, start time, patient key), so a feed
 * can never store what an import would refuse. `startsAt` is ISO 8601 with an offset, or "YYYY-MM-DD HH:mm"
 * in the clinic's zone.
 */
export interface FeedAppointment {
  externalId: string;
  patientId: string;
  patientName: string;
  startsAt: string;
  durationMin: string;
  cellPhone: string;
  homePhone: string;
  workPhone: string;
  email: string;
  provider: string;
  status: AppointmentStatus;
}

/** Where each value came from in the feed ("SCH-2", "Patient.telecom"), named in rejection reasons. */
export type FeedLabels = Readonly<Record<keyof FeedAppointment, string>>;

const FIELDS: readonly [keyof FeedAppointment, ImportField][] = [
  ['externalId', 'external_id'],
  ['patientId', 'patient_id'],
  ['patientName', 'patient_name'],
  ['startsAt', 'starts_at'],
  ['durationMin', 'duration_min'],
  ['cellPhone', 'cell_phone'],
  ['homePhone', 'home_phone'],
  ['workPhone', 'work_phone'],
  ['email', 'email'],
  ['provider', 'provider'],
  ['status', 'status'],
];

/** Checks feed appointments with the import's row rules; one instance per message or bundle (memoised parsers). */
export class FeedRowReader {
  private readonly parsers: RowParsers;
  private readonly mapping: TableMapping;

  constructor(context: Readonly<RowContext>, labels: FeedLabels) {
    this.parsers = createRowParsers(context, 'YMD');
    const at: Partial<Record<ImportField, number>> = {};
    FIELDS.forEach(([, field], index) => {
      at[field] = index;
    });
    this.mapping = { at, labels: FIELDS.map(([key]) => labels[key]), used: {}, ignored: [], warnings: [] };
  }

  read(appointment: FeedAppointment, line: number): RowResult {
    const cells = FIELDS.map(([key]) => appointment[key]);
    return parseScheduleRow(cells, this.mapping, this.parsers, line);
  }
}
