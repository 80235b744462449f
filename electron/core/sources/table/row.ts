import { languageCode } from '../../../../shared/domain/languages';
import { createHash } from 'node:crypto';
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import type { DateFormat, ImportField } from '../../../../shared/domain/sources';
import type { AppointmentStatus } from '../../../../shared/domain/types';
import { quoted } from '../../platform/quote';
import { buildPatientKey, normalizeName } from '../../schedule/patient-key';
import { normalizePhone, type PhoneResult } from '../../schedule/phone';
import { BloomFilter } from '../bloom-filter';
import { minutesFromText, statusFromText, STATUS_EXAMPLES } from '../mapping/cell-values';
import { chooseDateFormat, FileDates } from '../mapping/file-dates';
import type { TableMapping } from '../mapping/resolve-mapping';
import { StartReader, type LabelledCell } from '../mapping/start-reader';
import type { ScheduleRow } from '../types';
import { rawCellProblem, readCellProblem } from './cell-checks';

export type RowResult = { ok: true; row: ScheduleRow } | { ok: false; reason: string };

export interface RowContext {
  timezone: string;
  defaultRegion: string;
}

/** The per-import parsers of the expensive fields (memoised: values repeat across rows). */
export interface RowParsers {
  phone: (raw: string) => PhoneResult;
  start: StartReader;
  zone: string;
}

/**
 * Phone texts parsed once per import. Only numbers seen a second time are remembered (a family, a patient's
 * other visits): remembering every number would move each entry to V8's old space, and a 300,000-row file of
 * different numbers would leave ~45 MB of garbage behind (measured: peak RSS 138 MB vs 95 MB). The Bloom filter
 * that spots second sightings has a fixed size; the memo is emptied when full.
 */
const PHONE_MEMO_LIMIT = 50_000;
const PHONE_SEEN_BITS = 1 << 22;

/** Parsers for one file; `dateFormat` is --date-format (or a profile's), else the clinic's country decides. */
export function createRowParsers(context: Readonly<RowContext>, dateFormat?: DateFormat): RowParsers {
  const memo = new Map<string, PhoneResult>();
  const seen = new BloomFilter(PHONE_SEEN_BITS);
  const phone = (raw: string): PhoneResult => {
    const known = memo.get(raw);
    if (known) return known;
    const result = normalizePhone(raw, context.defaultRegion);
    if (seen.testAndAdd(raw)) {
      if (memo.size >= PHONE_MEMO_LIMIT) memo.clear();
      memo.set(raw, result);
    }
    return result;
  };
  const dates = new FileDates(chooseDateFormat(dateFormat, context.defaultRegion));
  return { phone, start: new StartReader(context.timezone, dates), zone: context.timezone };
}

const EmailSchema = z.email();
const DEFAULT_DURATION_MIN = 30;
const MAX_DURATION_MIN = 24 * 60;
const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);
/** Phone columns in the order a number is taken from: a cell phone can get texts. */
const PHONE_FIELDS: readonly ImportField[] = ['cell_phone', 'phone', 'home_phone', 'work_phone'];

/**
 * The row's cells, trimmed and checked (length, control characters, formulas) before any parser sees them.
 * `get` returns undefined when the file has no such column, null when the cell was refused (the reason is
 * recorded once), else the text. Every problem is collected so the desk can fix them all in one pass.
 */
class Cells {
  readonly problems: string[] = [];

  constructor(
    private readonly fields: readonly string[],
    readonly mapping: TableMapping,
  ) {}

  add(reason: string): undefined {
    this.problems.push(reason);
    return undefined;
  }

  label(field: ImportField): string {
    const index = this.mapping.at[field];
    return index === undefined ? field : (this.mapping.labels[index] ?? field);
  }

  get(field: ImportField): string | null | undefined {
    const index = this.mapping.at[field];
    if (index === undefined) return undefined;
    const raw = this.fields[index] ?? '';
    const value = raw.trim();
    const label = this.label(field);
    // Checked before trimming too: trim() would silently drop a byte-order mark pasted into mid-file.
    const problem = rawCellProblem(label, raw) ?? (value === '' ? undefined : readCellProblem(field, label, value));
    if (!problem) return value;
    this.add(problem);
    return null;
  }

  /** A non-empty cell with its label, or undefined (absent, empty or refused). */
  labelled(field: ImportField): LabelledCell | undefined {
    const text = this.get(field);
    return text ? { text, label: this.label(field) } : undefined;
  }

  /** An optional cell read as text: '' when absent or empty, undefined when refused. */
  text(field: ImportField): string | undefined {
    const value = this.get(field);
    return value === null ? undefined : (value ?? '');
  }
}

/** Validates one record against the header's mapping; `line` is its line number in the file. */
export function parseScheduleRow(fields: readonly string[], mapping: TableMapping, parsers: RowParsers, line: number): RowResult {
  const cells = new Cells(fields, mapping);
  const givenId = mapping.at.external_id === undefined ? '' : requiredCell(cells, 'external_id');
  const name = readName(cells);
  const startsAt = readStart(cells, parsers, line);
  const contact = readContact(cells, parsers);
  const durationMin = startsAt === undefined ? undefined : readDuration(cells, parsers, startsAt, line);
  const status = readStatus(cells);
  const timezone = readTimezone(cells);
  const smsConsent = readConsent(cells, 'sms_consent');
  const voiceConsent = readConsent(cells, 'voice_consent');
  const emailConsent = readConsent(cells, 'email_consent');
  const provider = cells.text('provider');
  const patientId = cells.text('patient_id');
  const language = readLanguage(cells);
  if (cells.problems.length > 0 || givenId === undefined || !name || startsAt === undefined || !contact) {
    return { ok: false, reason: cells.problems.join('; ') };
  }
  const key = buildPatientKey({ patientId: patientId || undefined, name, ...contact });
  return {
    ok: true,
    row: {
      line,
      externalId: givenId || derivedExternalId(name, startsAt, provider ?? ''),
      patient: { key, name, ...contact, timezone, language, smsConsent, voiceConsent, emailConsent },
      startsAt,
      durationMin: durationMin ?? DEFAULT_DURATION_MIN,
      provider: provider ?? '',
      status: status ?? 'booked',
    },
  };
}

/** The patient's name as the row gives it, when it can be shown (for rejected rows); undefined otherwise. */
export function patientNameOf(fields: readonly string[], mapping: TableMapping): string | undefined {
  const cells = new Cells(fields, mapping);
  const name = readName(cells);
  return cells.problems.length === 0 ? name : undefined;
}

/**
 * A file without an appointment id: the appointment is known by who, when and with whom. Stable across
 * re-imports of the same schedule; a reschedule makes a new id (the import warns about it).
 */
function derivedExternalId(name: string, startsAt: number, provider: string): string {
  const text = `${normalizeName(name)}\u0000${startsAt}\u0000${normalizeName(provider)}`;
  return `auto-${createHash('sha256').update(text).digest('hex').slice(0, 20)}`;
}

function requiredCell(cells: Cells, field: ImportField): string | undefined {
  const value = cells.get(field);
  if (value === null) return undefined;
  return value || cells.add(`${cells.label(field)} is empty`);
}

/** One name column, or first and last name columns ("Ana" + "Diaz" → "Ana Diaz"). */
function readName(cells: Cells): string | undefined {
  if (cells.mapping.at.patient_name !== undefined) return requiredCell(cells, 'patient_name');
  const first = cells.get('first_name');
  const last = cells.get('last_name');
  if (first === null || last === null) return undefined;
  const name = [first, last].filter((part) => part).join(' ');
  if (name) return name;
  const labels = (['last_name', 'first_name'] as const).filter((f) => cells.mapping.at[f] !== undefined).map((f) => cells.label(f));
  return cells.add(`${labels.join(' and ')} ${labels.length > 1 ? 'are' : 'is'} empty`);
}

function readStart(cells: Cells, parsers: RowParsers, line: number): number | undefined {
  const startsAt = cells.get('starts_at');
  const date = cells.get('date');
  const time = cells.get('time');
  if (startsAt === null || date === null || time === null) return undefined;
  const labelled = { startsAt: cells.labelled('starts_at'), date: cells.labelled('date'), time: cells.labelled('time') };
  if (!labelled.startsAt && !labelled.date && !labelled.time) {
    const fields = (['starts_at', 'date', 'time'] as const).filter((f) => cells.mapping.at[f] !== undefined);
    return cells.add(`${fields.map((f) => cells.label(f)).join(' and ')} ${fields.length > 1 ? 'are' : 'is'} empty`);
  }
  if (cells.mapping.at.date !== undefined && cells.mapping.at.time !== undefined && (!labelled.date || !labelled.time)) {
    return cells.add(`${cells.label(labelled.date ? 'time' : 'date')} is empty`);
  }
  const result = parsers.start.read(labelled, line);
  return result.ok ? result.ms : cells.add(result.reason);
}

/** The first phone column with a number (cell, then phone, home, work) and the email. */
function readContact(cells: Cells, parsers: RowParsers): { phone: string | null; email: string | null } | undefined {
  let rawPhone: string | undefined;
  let phoneField: ImportField = 'phone';
  for (const field of PHONE_FIELDS) {
    const value = cells.get(field);
    if (value === null) return undefined;
    if (value) {
      rawPhone = value;
      phoneField = field;
      break;
    }
  }
  const rawEmail = cells.get('email');
  if (rawEmail === null) return undefined;
  if (!rawPhone && !rawEmail) return cells.add('no phone or email: at least one is needed');
  let phone: string | null = null;
  if (rawPhone) {
    const result = parsers.phone(rawPhone);
    if (!result.ok) return cells.add(relabel(result.reason, 'phone', cells.label(phoneField)));
    phone = result.e164;
  }
  let email: string | null = null;
  if (rawEmail) {
    // Lower-cased so one mailbox is one recipient whatever the capitalisation in the export.
    const parsed = EmailSchema.safeParse(rawEmail.toLowerCase());
    if (!parsed.success) return cells.add(`${cells.label('email')} ${quoted(rawEmail)} is not a valid address`);
    email = parsed.data;
  }
  return { phone, email };
}

function relabel(reason: string, field: string, label: string): string {
  return label === field ? reason : reason.replace(new RegExp(`^${field} `), `${label} `);
}

/** Minutes from a length column, or from an end time; 30 when the file says nothing. */
function readDuration(cells: Cells, parsers: RowParsers, startsAt: number, line: number): number | undefined {
  const length = cells.text('duration_min');
  if (length) {
    const minutes = minutesFromText(length);
    if (minutes !== undefined && minutes > 0 && minutes <= MAX_DURATION_MIN) return minutes;
    return cells.add(
      `${cells.label('duration_min')} ${quoted(length)} must be a whole number of minutes between 1 and ${MAX_DURATION_MIN}`,
    );
  }
  const end = cells.labelled('end_time');
  if (!end) return undefined;
  const day = DateTime.fromMillis(startsAt, { zone: parsers.zone });
  const ends = parsers.start.readOn(end, { year: day.year, month: day.month, day: day.day }, line);
  if (!ends.ok) return cells.add(ends.reason);
  const minutes = Math.round((ends.ms - startsAt) / 60_000);
  if (minutes > 0 && minutes <= MAX_DURATION_MIN) return minutes;
  return cells.add(`${end.label} ${quoted(end.text)} is not after the start (at most ${MAX_DURATION_MIN / 60} hours later)`);
}

function readStatus(cells: Cells): AppointmentStatus | undefined {
  const raw = cells.text('status');
  if (!raw) return undefined;
  const status = statusFromText(raw);
  if (status) return status;
  const label = cells.label('status');
  if (label === 'status') return cells.add(`status ${quoted(raw)} is not one of booked, confirmed, cancelled, completed, no_show`);
  return cells.add(`${label} ${quoted(raw)} is not a status Frontdesk knows (${STATUS_EXAMPLES})`);
}

function readTimezone(cells: Cells): string | null | undefined {
  const raw = cells.get('timezone');
  if (raw === undefined || raw === null) return undefined;
  if (raw === '') return null;
  if (IANAZone.isValidZone(raw)) return raw;
  return cells.add(`${cells.label('timezone')} ${quoted(raw)} is not an IANA time zone (e.g. America/Chicago)`);
}

/** A language cell as a code ("Spanish", "es-MX" → "es"); blank clears it (docs/languages.md#where-a-patients-language-comes-from). */
function readLanguage(cells: Cells): string | null | undefined {
  const raw = cells.get('language');
  if (raw === undefined || raw === null) return undefined;
  if (raw === '') return null;
  return languageCode(raw) ?? cells.add(`${cells.label('language')} ${quoted(raw)} is not a language (write a code such as en or es)`);
}

function readConsent(cells: Cells, field: ImportField): boolean | undefined {
  const raw = cells.get(field);
  if (!raw) return undefined;
  const word = raw.toLowerCase();
  if (YES.has(word)) return true;
  if (NO.has(word)) return false;
  return cells.add(`${cells.label(field)} ${quoted(raw)} must be yes or no`);
}
