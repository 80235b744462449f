import type { ColumnMapping, ImportField } from '../../../../shared/domain/sources';
import { badRequest } from '../../platform/errors';
import { quoted } from '../../platform/quote';
import { fieldForHeader, headerKey } from './header-names';

/** Where each field sits in a record, what to call each column in messages, and what the desk should know. */
export interface TableMapping {
  /** Column position of each field the file has. */
  readonly at: Readonly<Partial<Record<ImportField, number>>>;
  /** Per column: the name messages use (our field name when the header is ours, else the header as written). */
  readonly labels: readonly string[];
  /** Header as written → field, for the columns that are read (the CLI's `mapping`). */
  readonly used: Readonly<Record<string, ImportField>>;
  /** Headers of the columns that are not read. */
  readonly ignored: readonly string[];
  /** Things the desk should know about how this file is read (no id column…). */
  readonly warnings: readonly string[];
}

export const NO_ID_WARNING =
  'the file has no appointment id column: each appointment is known by its patient, start time and provider, so a ' +
  'reschedule looks like a cancellation plus a new appointment (the old time is only cancelled by a full export)';

/**
 * Maps a header row to fields: explicit `overrides` (a profile or `--map`) first, then the names practice
 * systems use (header-names.ts). A file without a patient name or a start time, a column an override names
 * that is not there, or two columns meaning the same field is refused as a whole: no row could be read
 * reliably. Columns Frontdesk does not know are ignored (but still checked for control characters).
 */
export function resolveMapping(header: readonly string[], overrides: ColumnMapping = {}): TableMapping {
  const names = header.map((name) => name.trim());
  const explicit = explicitFields(names, overrides);
  const at: Partial<Record<ImportField, number>> = {};
  names.forEach((name, index) => {
    const field = explicit.has(index) ? explicit.get(index) : autoField(name, explicit);
    if (!field) return;
    const earlier = at[field];
    if (earlier !== undefined) throw twice(field, names[earlier]!, name);
    at[field] = index;
  });
  const missing = missingFields(at);
  if (missing) throw badRequest(missing);
  const used: Record<string, ImportField> = {};
  for (const [field, index] of Object.entries(at) as [ImportField, number][]) used[names[index]!] = field;
  const ignored = names.filter((_, index) => !Object.values(at).includes(index));
  const labels = names.map((name, index) => labelFor(name, explicit.get(index) ?? fieldForHeader(name)));
  return { at, labels, used, ignored, warnings: at.external_id === undefined ? [NO_ID_WARNING] : [] };
}

/** Column position → field (or null for "ignore") from an explicit mapping; every column it names must exist. */
function explicitFields(names: readonly string[], overrides: ColumnMapping): Map<number, ImportField | null> {
  const byKey = new Map(names.map((name, index) => [headerKey(name), index]));
  const result = new Map<number, ImportField | null>();
  for (const [column, field] of Object.entries(overrides)) {
    const index = byKey.get(headerKey(column));
    if (index === undefined) throw badRequest(`the mapping names the column ${quoted(column)}, which the file does not have`);
    result.set(index, field === 'ignore' ? null : field);
  }
  return result;
}

/** A header's field by name, unless an explicit mapping already gave that field to another column. */
function autoField(name: string, explicit: ReadonlyMap<number, ImportField | null>): ImportField | undefined {
  const field = fieldForHeader(name);
  return field && ![...explicit.values()].includes(field) ? field : undefined;
}

function twice(field: ImportField, first: string, second: string): Error {
  if (headerKey(first) === headerKey(second)) return badRequest(`the CSV header has the column "${field}" twice`);
  return badRequest(
    `the header has two columns for ${field}: ${quoted(first)} and ${quoted(second)}; ` +
      `say which one to read (e.g. --map "${second}=ignore", or a mapping profile)`,
  );
}

/** Why the file cannot be read as a schedule at all, or undefined. */
function missingFields(at: Partial<Record<ImportField, number>>): string | undefined {
  const hasName = at.patient_name !== undefined || at.first_name !== undefined || at.last_name !== undefined;
  const hasStart = at.starts_at !== undefined || at.date !== undefined || at.time !== undefined;
  const missing = [hasName ? undefined : '"patient_name"', hasStart ? undefined : '"starts_at"'].filter((m) => m !== undefined);
  if (missing.length === 0) return undefined;
  return (
    `the CSV header has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''} (required: patient_name and starts_at, ` +
    `or a practice system's names for them such as "Last Name", "First Name", "Appt Date", "Appt Time"; external_id is ` +
    `strongly recommended)`
  );
}

/** Our field name when the header is just that (the §7 format), otherwise the header as the file writes it. */
function labelFor(name: string, field: ImportField | null | undefined): string {
  if (field && name.toLowerCase() === field) return field;
  return quoted(name);
}
