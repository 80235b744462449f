import type { ImportField } from '../../../../shared/domain/sources';
import { quoted } from '../../platform/quote';

/**
 * The longest value each column may hold, in characters (UTF-16 code units). Generous for real data, small
 * enough that a runaway field is caught before a parser or an error message touches it (docs/import.md).
 */
export const FIELD_LIMITS: Readonly<Record<ImportField, number>> = {
  external_id: 100,
  patient_id: 100,
  patient_name: 200,
  first_name: 100,
  last_name: 100,
  phone: 50,
  cell_phone: 50,
  home_phone: 50,
  work_phone: 50,
  email: 254,
  starts_at: 40,
  date: 40,
  time: 40,
  end_time: 40,
  duration_min: 20,
  provider: 200,
  status: 40,
  language: 50,
  sms_consent: 10,
  voice_consent: 10,
  email_consent: 10,
  timezone: 64,
};

/**
 * Free-text columns: a value starting with = + - @ would run as a formula when the schedule, a report or a
 * rejected-rows file is opened in a spreadsheet ("CSV injection"). Phone, time and number columns are not free
 * text: "+1 212…" is a phone number, and their own validation refuses anything else.
 */
const FREE_TEXT: ReadonlySet<ImportField> = new Set([
  'external_id',
  'patient_id',
  'patient_name',
  'first_name',
  'last_name',
  'provider',
  'email',
  'language',
]);
const FORMULA_START = /^[=+\-@\uff1d\uff0b\uff0d\uff20]/;

/**
 * Characters no field may hold, read or not: C0 controls other than tab and line breaks (NUL first of all),
 * DEL, C1 controls, U+FFFD (text decoded in the wrong encoding), text-direction overrides that make a name
 * display as something else, and a byte-order mark in mid-file (two exports pasted together).
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_ANYWHERE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd\u202a-\u202e\u2066-\u2069\ufeff]/;
/** In the columns we read, tabs and line breaks are not data either. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_READ = /[\u0000-\u001f\u007f-\u009f\ufffd\u202a-\u202e\u2066-\u2069\ufeff]/;

/**
 * Why a cell of a column we read cannot be used as it is, or undefined. `value` is already trimmed; `label`
 * names the column in the message (our field name, or the header as the file writes it).
 */
export function readCellProblem(field: ImportField, label: string, value: string): string | undefined {
  const limit = FIELD_LIMITS[field];
  if (value.length > limit) {
    return `${label} is ${value.length.toLocaleString('en-US')} characters long (at most ${limit}): ${quoted(value)}`;
  }
  const bad = FORBIDDEN_IN_READ.exec(value);
  if (bad) return `${label} contains ${describe(bad[0])}`;
  if (FREE_TEXT.has(field) && FORMULA_START.test(value)) {
    return `${label} ${quoted(value)} starts with "${value.charAt(0)}", which a spreadsheet would run as a formula`;
  }
  return undefined;
}

/** Why an untrimmed cell of a column we read cannot be used (characters trimming would hide), or undefined. */
export function rawCellProblem(label: string, raw: string): string | undefined {
  const bad = FORBIDDEN_ANYWHERE.exec(raw);
  return bad ? `${label} contains ${describe(bad[0])}` : undefined;
}

/** Why a cell of a column we do not read (notes, address…) makes the row suspect, or undefined. */
export function otherCellProblem(header: string, value: string): string | undefined {
  const bad = FORBIDDEN_ANYWHERE.exec(value);
  return bad ? `column ${quoted(header)} contains ${describe(bad[0])}` : undefined;
}

function describe(char: string): string {
  const code = char.charCodeAt(0);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (char === '\n' || char === '\r') return 'a line break';
  if (char === '\t') return 'a tab';
  if (code === 0) return 'a NUL character (U+0000): is the file really a CSV text file?';
  if (code === 0xfffd) return 'an unreadable character (U+FFFD): the file was decoded in the wrong encoding';
  if (code === 0xfeff) return 'a byte-order mark (U+FEFF) in mid-file: were two files pasted together?';
  if (code >= 0x202a) return `an invisible text-direction character (${hex})`;
  return `a control character (${hex})`;
}
