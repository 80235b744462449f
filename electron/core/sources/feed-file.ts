import { readFileSync, statSync } from 'node:fs';
import type { WritableDB } from '../db/types';
import { badRequest } from '../platform/errors';
import { FHIR_SOURCE, HL7_SOURCE } from './feed-context';
import { FeedRowReader } from './feed-row';
import { asBundles, FHIR_LABELS, readFhirBundles } from './fhir/fhir-map';
import { Hl7Message, splitHl7Batch } from './hl7/hl7-message';
import { messageHeader, readSiu, SIU_LABELS } from './hl7/siu';
import type { StagedTable } from './csv/import-csv';
import { chooseDateFormat } from './mapping/file-dates';
import { ScheduleStage } from './stage';
import type { RowContext } from './table/row';
import type { ScheduleRow } from './types';

/** A feed file in a stage (an import's StagedFile), with the feed's appointment namespace. */
export interface StagedFeedFile extends StagedTable {
  kind: 'hl7' | 'fhir';
  source: string;
}

/** The largest HL7 batch or FHIR Bundle file read (it is read whole). */
const MAX_FEED_FILE_BYTES = 64 * 1024 * 1024;

/** The text of a feed file (UTF-8, BOM dropped); refused when larger than the limit. */
export function feedFileText(file: { bytes: Uint8Array } | { path: string; label?: string | undefined }): string {
  if ('path' in file) {
    const size = statSync(file.path).size;
    if (size > MAX_FEED_FILE_BYTES) throw badRequest(`${file.label ?? file.path} is larger than ${MAX_FEED_FILE_BYTES / 1024 / 1024} MB`);
    return readFileSync(file.path, 'utf8').replace(/^\ufeff/, '');
  }
  if (file.bytes.byteLength > MAX_FEED_FILE_BYTES) throw badRequest(`the file is larger than ${MAX_FEED_FILE_BYTES / 1024 / 1024} MB`);
  return Buffer.from(file.bytes)
    .toString('utf8')
    .replace(/^\ufeff/, '');
}

/**
 * A saved HL7 v2 file (one or more SIU messages) or FHIR R4 JSON (a Bundle, an array of resources, or an
 * Appointment) read into a stage, through the same row rules and apply step as the live feeds. Rows are
 * numbered by message (HL7) or by Appointment (FHIR). In an HL7 file the last message about an appointment
 * wins (S12 then S15 is a cancelled appointment), as if they had arrived one by one.
 */
export function stageFeedFile(db: WritableDB, kind: 'hl7' | 'fhir', text: string, context: Readonly<RowContext>): StagedFeedFile {
  const stage = ScheduleStage.open(db);
  try {
    if (kind === 'hl7') stageHl7(stage, text, context);
    else stageFhir(stage, text, context);
    stage.flush();
  } catch (error) {
    stage.dispose();
    throw error;
  }
  return {
    stage,
    kind,
    source: kind === 'hl7' ? HL7_SOURCE : FHIR_SOURCE,
    mapping: { at: {}, labels: [], used: {}, ignored: [], warnings: [] },
    header: [],
    dates: chooseDateFormat('YMD', context.defaultRegion),
    yearLastDates: 0,
    unidentifiedRejects: 0,
  };
}

function stageHl7(stage: ScheduleStage, text: string, context: Readonly<RowContext>): void {
  const messages = splitHl7Batch(text);
  if (messages.length === 0) throw badRequest('the file has no HL7 message (no MSH segment)');
  const reader = new FeedRowReader(context, SIU_LABELS);
  const latest = new Map<string, ScheduleRow>();
  messages.forEach((raw, index) => {
    const number = index + 1;
    const parsed = Hl7Message.parse(raw);
    if (!parsed.ok) return stage.reject(number, `message ${number}: ${parsed.reason}`);
    const { controlId } = messageHeader(parsed.message);
    const label = `message ${number}${controlId ? ` (${controlId})` : ''}`;
    const siu = readSiu(parsed.message);
    if (!siu.ok) return stage.reject(number, `${label}: ${siu.reason}`);
    const row = reader.read(siu.appointment, number);
    if (!row.ok) return stage.reject(number, `${label}: ${row.reason}`, siu.appointment.patientName || undefined);
    latest.delete(row.row.externalId);
    latest.set(row.row.externalId, row.row);
  });
  for (const row of latest.values()) {
    stage.claim(row.externalId, row.line);
    stage.add(row);
  }
}

function stageFhir(stage: ScheduleStage, text: string, context: Readonly<RowContext>): void {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw badRequest(`the FHIR file is not valid JSON: ${(error as Error).message}`);
  }
  const bundles = asBundles(json);
  if (!bundles) throw badRequest('the JSON file is not a FHIR Bundle, a list of resources or an Appointment');
  const reader = new FeedRowReader(context, FHIR_LABELS);
  readFhirBundles(bundles).forEach((reading, index) => {
    const line = index + 1;
    const id = reading.ok ? reading.appointment.externalId : reading.id;
    const where = id ? `Appointment/${id}` : `appointment ${line}`;
    if (!reading.ok) return stage.reject(line, `${where}: ${reading.reason}`);
    const earlier = stage.claim(reading.appointment.externalId, line);
    if (earlier !== undefined) return stage.reject(line, `${where} appears twice (first as appointment ${earlier})`);
    const row = reader.read(reading.appointment, line);
    if (row.ok) stage.add(row.row);
    else stage.reject(line, `${where}: ${row.reason}`, reading.appointment.patientName || undefined);
  });
}
