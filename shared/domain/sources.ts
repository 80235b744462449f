import { z } from 'zod';
import { AppointmentStatusSchema } from './types';

/**
 * What a column of a schedule file can mean (docs/import.md). A practice export's header is mapped to these
 * by name; a mapping profile or `--map` can say it explicitly.
 */
export const ImportFieldSchema = z.enum([
  'external_id',
  'patient_id',
  'patient_name',
  'first_name',
  'last_name',
  'starts_at',
  'date',
  'time',
  'end_time',
  'duration_min',
  'phone',
  'cell_phone',
  'home_phone',
  'work_phone',
  'email',
  'provider',
  'status',
  'language',
  'timezone',
  'sms_consent',
  'voice_consent',
  'email_consent',
]);
export type ImportField = z.infer<typeof ImportFieldSchema>;

/** How a date such as 03/04/2027 is read: month first (US), day first, or year first. */
export const DateFormatSchema = z.enum(['MDY', 'DMY', 'YMD']);
export type DateFormat = z.infer<typeof DateFormatSchema>;

/** An explicit column mapping: header text → field, or "ignore" to leave a column unread. */
export const ColumnMappingSchema = z.record(z.string().min(1).max(200), z.union([ImportFieldSchema, z.literal('ignore')]));
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

/** A saved mapping for files from one practice system. */
export const ImportProfileSchema = z.object({
  name: z.string().min(1).max(80),
  mapping: ColumnMappingSchema,
  dateFormat: DateFormatSchema.nullable(),
  /** The sheet of an XLSX workbook to read (name); null = the first. */
  sheet: z.string().max(100).nullable(),
});
export type ImportProfile = z.infer<typeof ImportProfileSchema>;

/** How an import reads a file, beyond the file itself. All optional: the header and the clinic's locale decide. */
export const ImportReadOptionsSchema = z.object({
  dateFormat: DateFormatSchema.optional(),
  mapping: ColumnMappingSchema.optional(),
  /** A saved profile's name; its mapping and date format apply unless given here. */
  profile: z.string().min(1).max(80).optional(),
  sheet: z.string().min(1).max(100).optional(),
});
export type ImportReadOptions = z.infer<typeof ImportReadOptionsSchema>;

/** One of the first rows of a file as the import will read it (the wizard's preview). */
export const PreviewRowReadSchema = z.object({
  row: z.number().int(),
  /** The file's cells, as written. */
  cells: z.array(z.string()),
  /** The problems that reject the row; empty when it imports. */
  problems: z.array(z.string()),
  appointment: z
    .object({
      externalId: z.string(),
      patient: z.string(),
      /** ISO 8601 with the clinic's offset. */
      startsAt: z.string(),
      durationMin: z.number().int(),
      provider: z.string(),
      status: AppointmentStatusSchema,
      phone: z.string().nullable(),
      email: z.string().nullable(),
    })
    .nullable(),
});
export type PreviewRowRead = z.infer<typeof PreviewRowReadSchema>;

/** A source (a watched folder, an HL7 v2 listener, a FHIR server), with the outcome of its last file, message or sync. */
export const SourceViewSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['folder', 'hl7', 'fhir']),
  target: z.string(),
  fullExport: z.boolean(),
  profile: z.string().nullable(),
  /** ISO 8601 (clinic offset) of the last file imported or looked at; null = never. */
  lastSyncAt: z.string().nullable(),
  /** One line: what the last file did ("12 created, 1 rejected", "refused: …", "held for review: …"). */
  lastResult: z.string().nullable(),
  lastOutcome: z.enum(['imported', 'refused', 'held', 'failed']).nullable(),
  /** Files refused or failed, HL7 messages answered AE/AR, FHIR syncs refused or failed: in the last 24 hours. */
  errorsLast24h: z.number().int(),
  /** Why the source is paused (a FHIR server refused its token), or null. */
  paused: z.string().nullable(),
  /** True when no export has arrived for longer than usual (docs/schedule-sources.md). */
  stale: z.boolean(),
  /** When the next export was due at the latest (ISO 8601), null before the first one. */
  expectedBy: z.string().nullable(),
  /** A full export held because it would cancel too many appointments, waiting for the desk. */
  held: z
    .object({
      file: z.string(),
      at: z.string(),
      wouldCancel: z.number().int(),
      ofAppointments: z.number().int(),
    })
    .nullable(),
});
export type SourceView = z.infer<typeof SourceViewSchema>;
