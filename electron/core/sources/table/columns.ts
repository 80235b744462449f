import { badRequest } from '../../platform/errors';

export const REQUIRED_COLUMNS = ['external_id', 'patient_name', 'starts_at'] as const;
export const OPTIONAL_COLUMNS = [
  'phone',
  'email',
  'duration_min',
  'provider',
  'status',
  'sms_consent',
  'voice_consent',
  'email_consent',
  'patient_id',
  'timezone',
] as const;

type RequiredColumn = (typeof REQUIRED_COLUMNS)[number];
export type ColumnName = RequiredColumn | (typeof OPTIONAL_COLUMNS)[number];

/** Where each known column sits in a record; required ones are always present. */
export type ColumnMap = Readonly<Partial<Record<ColumnName, number>> & Record<RequiredColumn, number>>;

const KNOWN = new Set<string>([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]);

/** "Patient Name", " patient-name " and "PATIENT_NAME" all mean patient_name. */
export function normalizeHeader(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/**
 * Maps the header row to column positions (any order; unknown columns ignored). A missing required
 * column or a column given twice rejects the whole file: no row could be read reliably.
 */
export function resolveColumns(header: readonly string[]): ColumnMap {
  const map: Partial<Record<ColumnName, number>> = {};
  header.forEach((raw, index) => {
    const name = normalizeHeader(raw);
    if (!KNOWN.has(name)) return;
    const column = name as ColumnName;
    if (map[column] !== undefined) throw badRequest(`the CSV header has the column "${column}" twice`);
    map[column] = index;
  });
  const missing = REQUIRED_COLUMNS.filter((column) => map[column] === undefined);
  if (missing.length > 0) {
    const names = missing.map((column) => `"${column}"`).join(', ');
    throw badRequest(`the CSV header has no ${names} column${missing.length > 1 ? 's' : ''} (required: ${REQUIRED_COLUMNS.join(', ')})`);
  }
  return map as ColumnMap;
}

/** The trimmed cell of `column`, or undefined when the file has no such column. */
export function cell(fields: readonly string[], columns: ColumnMap, column: ColumnName): string | undefined {
  const index = columns[column];
  return index === undefined ? undefined : (fields[index] ?? '').trim();
}
