import { IANAZone } from 'luxon';
import { z } from 'zod';
import { AppointmentStatusSchema, type AppointmentStatus } from '../../../../shared/domain/types';
import { quoted } from '../../platform/quote';
import { buildPatientKey } from '../../schedule/patient-key';
import { normalizePhone, type PhoneResult } from '../../schedule/phone';
import { createStartsAtParser, type StartsAtResult } from '../../schedule/starts-at';
import { BloomFilter } from '../bloom-filter';
import type { ScheduleRow } from '../types';
import { rawCellProblem, readCellProblem } from './cell-checks';
import type { ColumnMap, ColumnName } from './columns';

export type RowResult = { ok: true; row: ScheduleRow } | { ok: false; reason: string };

export interface RowContext {
  timezone: string;
  defaultRegion: string;
}

/** The per-import parsers of the expensive fields (memoised: values repeat across rows). */
export interface RowParsers {
  phone: (raw: string) => PhoneResult;
  startsAt: (raw: string) => StartsAtResult;
}

/**
 * Phone texts parsed once per import. Only numbers seen a second time are remembered (a family, a patient's
 * other visits): remembering every number would move each entry to V8's old space, and a 300,000-row file of
 * different numbers would leave ~45 MB of garbage behind (measured: peak RSS 138 MB vs 95 MB). The Bloom filter
 * that spots second sightings has a fixed size; the memo is emptied when full.
 */
const PHONE_MEMO_LIMIT = 50_000;
const PHONE_SEEN_BITS = 1 << 22;

export function createRowParsers(context: Readonly<RowContext>): RowParsers {
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
  return { phone, startsAt: createStartsAtParser(context.timezone) };
}

const EmailSchema = z.email();
const DEFAULT_DURATION_MIN = 30;
const MAX_DURATION_MIN = 24 * 60;
const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);
/** Spellings EHR exports use for our statuses. */
const STATUS_ALIASES: Readonly<Record<string, AppointmentStatus>> = { canceled: 'cancelled', noshow: 'no_show' };

/** Collects every problem of a row so the receptionist can fix them all in one pass. */
class Problems {
  readonly list: string[] = [];
  add(reason: string): undefined {
    this.list.push(reason);
    return undefined;
  }
}

/**
 * The row's cells, trimmed and checked (length, control characters, formulas) before any parser sees them.
 * `get` returns undefined when the file has no such column, null when the cell was refused (the reason is
 * recorded once), else the text.
 */
class Cells {
  constructor(
    private readonly fields: readonly string[],
    private readonly columns: ColumnMap,
    private readonly problems: Problems,
  ) {}

  get(column: ColumnName): string | null | undefined {
    const index = this.columns[column];
    if (index === undefined) return undefined;
    const raw = this.fields[index] ?? '';
    const value = raw.trim();
    // Checked before trimming too: trim() would silently drop a byte-order mark pasted into mid-file.
    const problem = rawCellProblem(column, raw) ?? (value === '' ? undefined : readCellProblem(column, value));
    if (!problem) return value;
    this.problems.add(problem);
    return null;
  }

  /** A required cell: undefined (and a recorded problem) when empty or refused. */
  required(column: ColumnName): string | undefined {
    const value = this.get(column);
    if (value === null) return undefined;
    return value || this.problems.add(`${column} is empty`);
  }

  /** An optional cell read as text: '' when absent or empty, undefined when refused. */
  text(column: ColumnName): string | undefined {
    const value = this.get(column);
    return value === null ? undefined : (value ?? '');
  }
}

/** Validates one record against the header's column map; `line` is its line number in the file. */
export function parseScheduleRow(fields: readonly string[], columns: ColumnMap, parsers: RowParsers, line: number): RowResult {
  const problems = new Problems();
  const cells = new Cells(fields, columns, problems);
  const externalId = cells.required('external_id');
  const name = cells.required('patient_name');
  const startsAt = parseStarts(cells.get('starts_at'), parsers, problems);
  const contact = parseContact(cells.get('phone'), cells.get('email'), parsers, problems);
  const durationMin = parseDuration(cells.text('duration_min'), problems);
  const status = parseStatus(cells.text('status'), problems);
  const timezone = parseTimezone(cells.get('timezone'), problems);
  const smsConsent = parseConsent('sms_consent', cells.get('sms_consent'), problems);
  const voiceConsent = parseConsent('voice_consent', cells.get('voice_consent'), problems);
  const emailConsent = parseConsent('email_consent', cells.get('email_consent'), problems);
  const provider = cells.text('provider');
  const patientId = cells.text('patient_id');
  if (problems.list.length > 0 || !externalId || !name || startsAt === undefined || !contact) {
    return { ok: false, reason: problems.list.join('; ') };
  }
  const key = buildPatientKey({ patientId: patientId || undefined, name, ...contact });
  return {
    ok: true,
    row: {
      line,
      externalId,
      patient: { key, name, ...contact, timezone, smsConsent, voiceConsent, emailConsent },
      startsAt,
      durationMin: durationMin ?? DEFAULT_DURATION_MIN,
      provider: provider ?? '',
      status: status ?? 'booked',
    },
  };
}

function parseStarts(raw: string | null | undefined, parsers: RowParsers, problems: Problems): number | undefined {
  if (raw === null) return undefined;
  if (!raw) return problems.add('starts_at is empty');
  const result = parsers.startsAt(raw);
  return result.ok ? result.ms : problems.add(result.reason);
}

function parseContact(
  rawPhone: string | null | undefined,
  rawEmail: string | null | undefined,
  parsers: RowParsers,
  problems: Problems,
): { phone: string | null; email: string | null } | undefined {
  if (rawPhone === null || rawEmail === null) return undefined;
  if (!rawPhone && !rawEmail) return problems.add('no phone or email: at least one is needed');
  let phone: string | null = null;
  if (rawPhone) {
    const result = parsers.phone(rawPhone);
    if (!result.ok) return problems.add(result.reason);
    phone = result.e164;
  }
  let email: string | null = null;
  if (rawEmail) {
    // Lower-cased so one mailbox is one recipient whatever the capitalisation in the export.
    const parsed = EmailSchema.safeParse(rawEmail.toLowerCase());
    if (!parsed.success) return problems.add(`email ${quoted(rawEmail)} is not a valid address`);
    email = parsed.data;
  }
  return { phone, email };
}

function parseDuration(raw: string | undefined, problems: Problems): number | undefined {
  if (!raw) return undefined;
  const minutes = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(minutes > 0 && minutes <= MAX_DURATION_MIN)) {
    return problems.add(`duration_min ${quoted(raw)} must be a whole number of minutes between 1 and ${MAX_DURATION_MIN}`);
  }
  return minutes;
}

function parseStatus(raw: string | undefined, problems: Problems): AppointmentStatus | undefined {
  if (!raw) return undefined;
  const word = raw.toLowerCase().replace(/[\s-]+/g, '_');
  const parsed = AppointmentStatusSchema.safeParse(STATUS_ALIASES[word.replace(/_/g, '')] ?? word);
  if (parsed.success) return parsed.data;
  return problems.add(`status ${quoted(raw)} is not one of ${AppointmentStatusSchema.options.join(', ')}`);
}

function parseTimezone(raw: string | null | undefined, problems: Problems): string | null | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (raw === '') return null;
  return IANAZone.isValidZone(raw) ? raw : problems.add(`timezone ${quoted(raw)} is not an IANA time zone (e.g. America/Chicago)`);
}

function parseConsent(column: ColumnName, raw: string | null | undefined, problems: Problems): boolean | undefined {
  if (!raw) return undefined;
  const word = raw.toLowerCase();
  if (YES.has(word)) return true;
  if (NO.has(word)) return false;
  return problems.add(`${column} ${quoted(raw)} must be yes or no`);
}
