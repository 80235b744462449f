import { IANAZone } from 'luxon';
import { z } from 'zod';
import { AppointmentStatusSchema, type AppointmentStatus } from '../../../shared/domain/types';
import { cell, type ColumnMap, type ColumnName } from './csv-columns';
import { buildPatientKey } from './patient-key';
import { createPhoneNormalizer, type PhoneResult } from './phone';
import { createStartsAtParser, type StartsAtResult } from './starts-at';

/** The patient a row describes. `undefined` means "the file says nothing": keep what is stored. */
export interface PatientInput {
  key: string;
  name: string;
  phone: string | null;
  email: string | null;
  timezone: string | null | undefined;
  smsConsent: boolean | undefined;
  voiceConsent: boolean | undefined;
  emailConsent: boolean | undefined;
}

/** A validated schedule row, ready to upsert. */
export interface ScheduleRow {
  line: number;
  externalId: string;
  patient: PatientInput;
  startsAt: number;
  durationMin: number;
  provider: string;
  status: AppointmentStatus;
}

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

export function createRowParsers(context: Readonly<RowContext>): RowParsers {
  return { phone: createPhoneNormalizer(context.defaultRegion), startsAt: createStartsAtParser(context.timezone) };
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

/** Validates one record against the header's column map; `line` is its line number in the file. */
export function parseScheduleRow(
  fields: readonly string[],
  columns: ColumnMap,
  parsers: RowParsers,
  line: number,
): RowResult {
  const get = (column: ColumnName): string => cell(fields, columns, column) ?? '';
  const problems = new Problems();
  const externalId = get('external_id') || problems.add('external_id is empty');
  const name = get('patient_name') || problems.add('patient_name is empty');
  const startsAt = parseStarts(get('starts_at'), parsers, problems);
  const contact = parseContact(get('phone'), get('email'), parsers, problems);
  const durationMin = parseDuration(get('duration_min'), problems);
  const status = parseStatus(get('status'), problems);
  const timezone = parseTimezone(cell(fields, columns, 'timezone'), problems);
  const smsConsent = parseConsent('sms_consent', cell(fields, columns, 'sms_consent'), problems);
  const voiceConsent = parseConsent('voice_consent', cell(fields, columns, 'voice_consent'), problems);
  const emailConsent = parseConsent('email_consent', cell(fields, columns, 'email_consent'), problems);
  if (problems.list.length > 0 || !externalId || !name || startsAt === undefined || !contact) {
    return { ok: false, reason: problems.list.join('; ') };
  }
  const key = buildPatientKey({ patientId: get('patient_id') || undefined, name, ...contact });
  return {
    ok: true,
    row: {
      line,
      externalId,
      patient: { key, name, ...contact, timezone, smsConsent, voiceConsent, emailConsent },
      startsAt,
      durationMin: durationMin ?? DEFAULT_DURATION_MIN,
      provider: get('provider'),
      status: status ?? 'booked',
    },
  };
}

function parseStarts(raw: string, parsers: RowParsers, problems: Problems): number | undefined {
  if (raw === '') return problems.add('starts_at is empty');
  const result = parsers.startsAt(raw);
  return result.ok ? result.ms : problems.add(result.reason);
}

function parseContact(
  rawPhone: string,
  rawEmail: string,
  parsers: RowParsers,
  problems: Problems,
): { phone: string | null; email: string | null } | undefined {
  if (rawPhone === '' && rawEmail === '') return problems.add('no phone or email: at least one is needed');
  let phone: string | null = null;
  if (rawPhone !== '') {
    const result = parsers.phone(rawPhone);
    if (!result.ok) return problems.add(result.reason);
    phone = result.e164;
  }
  let email: string | null = null;
  if (rawEmail !== '') {
    // Lower-cased so one mailbox is one recipient whatever the capitalisation in the export.
    const parsed = EmailSchema.safeParse(rawEmail.toLowerCase());
    if (!parsed.success) return problems.add(`email "${rawEmail}" is not a valid address`);
    email = parsed.data;
  }
  return { phone, email };
}

function parseDuration(raw: string, problems: Problems): number | undefined {
  if (raw === '') return undefined;
  const minutes = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(minutes > 0 && minutes <= MAX_DURATION_MIN)) {
    return problems.add(`duration_min "${raw}" must be a whole number of minutes between 1 and ${MAX_DURATION_MIN}`);
  }
  return minutes;
}

function parseStatus(raw: string, problems: Problems): AppointmentStatus | undefined {
  if (raw === '') return undefined;
  const word = raw.toLowerCase().replace(/[\s-]+/g, '_');
  const parsed = AppointmentStatusSchema.safeParse(STATUS_ALIASES[word.replace(/_/g, '')] ?? word);
  if (parsed.success) return parsed.data;
  return problems.add(`status "${raw}" is not one of ${AppointmentStatusSchema.options.join(', ')}`);
}

function parseTimezone(raw: string | undefined, problems: Problems): string | null | undefined {
  if (raw === undefined) return undefined;
  if (raw === '') return null;
  return IANAZone.isValidZone(raw) ? raw : problems.add(`timezone "${raw}" is not an IANA time zone (e.g. America/Chicago)`);
}

function parseConsent(column: ColumnName, raw: string | undefined, problems: Problems): boolean | undefined {
  if (raw === undefined || raw === '') return undefined;
  const word = raw.toLowerCase();
  if (YES.has(word)) return true;
  if (NO.has(word)) return false;
  return problems.add(`${column} "${raw}" must be yes or no`);
}
