import { statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { SourceView } from '../../../shared/domain/sources';
import { isoInZone } from '../api/time-format';
import type { ReadableDB, WritableDB } from '../db/types';
import { getClinicSettings } from '../clinic/clinic-settings';
import { recordEvent } from '../db/repos/events-repo';
import { findImportProfile } from '../db/repos/import-profiles-repo';
import {
  deleteSource,
  findHeldRun,
  findSource,
  latestSourceRun,
  countFailedRuns,
  listArrivals,
  listImportedRunTimes,
  listSources,
  setStaleAlarmAt,
  upsertSource,
  type SourceRow,
} from '../db/repos/sources-repo';
import { badRequest, notFound } from '../platform/errors';
import { folderOptions, type FolderOptions } from './folder/process-file';
import { assessStaleness } from './folder/staleness';
import { hl7SourceView } from './feed-views';
import { listHl7Arrivals } from '../db/repos/hl7-messages-repo';
import { DAY_MS } from '../platform/clock';

/** Arrivals the stale alarm learns from. */
const ARRIVALS_LOOKED_AT = 60;

/**
 * Adds a watched folder (or updates the options of one already added): `run`, `serve` and the desktop app
 * import what the practice system drops there. The folder must exist; the profile, when named, too.
 */
export function addFolderSource(db: WritableDB, now: number, dir: string, options: FolderOptions, actor: string): number {
  if (!isAbsolute(dir)) throw badRequest(`the folder must be an absolute path, got "${dir}"`);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch (error) {
    throw badRequest(`cannot use the folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (!isDir) throw badRequest(`${dir} is a file, not a folder`);
  if (options.profile !== null && !findImportProfile(db, options.profile))
    throw badRequest(`no mapping profile named "${options.profile}"`);
  return db
    .transaction(() => {
      const id = upsertSource(db, 'folder', dir, JSON.stringify(options), now);
      recordEvent(db, now, 'source_added', actor, { id, kind: 'folder', target: dir, ...options });
      return id;
    })
    .immediate();
}

export function removeSource(db: WritableDB, now: number, id: number, actor: string): void {
  const source = findSource(db, id);
  if (!source) throw notFound(`no source with id ${id}`);
  db.transaction(() => {
    deleteSource(db, id);
    recordEvent(db, now, 'source_removed', actor, { id, kind: source.kind, target: source.target });
  }).immediate();
}

/** Every source with its last result, staleness and held export (the CLI's `sources list`, the UI's banner). */
export function listSourceViews(db: ReadableDB, now: number): SourceView[] {
  const zone = getClinicSettings(db).timezone;
  return listSources(db).map((row) => sourceView(db, row, now, zone));
}

export function sourceView(db: ReadableDB, row: SourceRow, now: number, zone: string): SourceView {
  if (row.kind === 'hl7') return hl7SourceView(db, row, now, zone, arrivalsOf(db, row));
  const last = latestSourceRun(db, row.id);
  const held = findHeldRun(db, row.id);
  const staleness = assessStaleness(arrivalsOf(db, row), row.created_at, now, zone);
  const options = folderOptions(row);
  const outcome = last?.outcome;
  return {
    id: row.id,
    kind: row.kind === 'fhir' ? 'fhir' : 'folder',
    target: row.target,
    fullExport: options.fullExport,
    profile: options.profile,
    lastSyncAt: last ? isoInZone(last.at, zone) : null,
    lastResult: last ? last.summary : null,
    lastOutcome: outcome === 'approved' ? 'imported' : outcome === 'discarded' || outcome === 'superseded' ? null : (outcome ?? null),
    errorsLast24h: countFailedRuns(db, row.id, now - DAY_MS),
    paused: row.paused_reason,
    stale: staleness.stale,
    expectedBy: isoInZone(staleness.expectedBy, zone),
    held: held
      ? {
          file: held.file,
          at: isoInZone(held.at, zone),
          wouldCancel: wouldCancel(held.detail_json),
          ofAppointments: ofAppointments(held.detail_json),
        }
      : null,
  };
}

function wouldCancel(detailJson: string): number {
  return (JSON.parse(detailJson) as { fullExport?: { missing?: number } }).fullExport?.missing ?? 0;
}

function ofAppointments(detailJson: string): number {
  return (JSON.parse(detailJson) as { fullExport?: { ofAppointments?: number } }).fullExport?.ofAppointments ?? 0;
}

/**
 * Sources whose schedule went stale since the last alarm: each is alarmed once per silence (the alarm time
 * is stored; a new export re-arms it), with an audit event. Returns the messages to raise.
 */
export function takeStaleAlarms(db: WritableDB, now: number): { sourceId: number; message: string }[] {
  const zone = getClinicSettings(db).timezone;
  const alarms: { sourceId: number; message: string }[] = [];
  for (const row of listSources(db)) {
    const arrivals = arrivalsOf(db, row);
    const staleness = assessStaleness(arrivals, row.created_at, now, zone);
    const lastArrival = arrivals[0] ?? row.created_at;
    if (!staleness.stale || (row.stale_alarm_at !== null && row.stale_alarm_at > lastArrival)) continue;
    const message = staleMessage(row, isoInZone(lastArrival, zone), isoInZone(staleness.expectedBy, zone));
    db.transaction(() => {
      setStaleAlarmAt(db, row.id, now);
      recordEvent(db, now, 'schedule_stale', 'engine', {
        sourceId: row.id,
        target: row.target,
        lastArrival,
        expectedBy: staleness.expectedBy,
      });
    }).immediate();
    alarms.push({ sourceId: row.id, message });
  }
  return alarms;
}

/**
 * When a source last delivered, newest first: files for a folder, messages for an HL7 listener, successful syncs
 * for a FHIR server (a server that answers nothing is no fresher than a folder that receives nothing).
 */
function arrivalsOf(db: ReadableDB, row: SourceRow): number[] {
  if (row.kind === 'hl7') return listHl7Arrivals(db, row.id, ARRIVALS_LOOKED_AT);
  if (row.kind === 'fhir') return listImportedRunTimes(db, row.id, ARRIVALS_LOOKED_AT);
  return listArrivals(db, row.id, ARRIVALS_LOOKED_AT);
}

function staleMessage(row: SourceRow, lastArrival: string, expectedBy: string): string {
  const risk = 'Reminders may go out for a schedule that changed';
  if (row.kind === 'hl7') {
    return `no HL7 message has arrived on ${row.target} since ${lastArrival}; one was expected by ${expectedBy}. ${risk}: check the EHR's interface engine`;
  }
  if (row.kind === 'fhir') {
    return `the FHIR server ${row.target} has not been read successfully since ${lastArrival}; expected by ${expectedBy}. ${risk}: check the server and its token`;
  }
  return (
    `no schedule export has arrived in ${row.target} since ${lastArrival}; one was expected by ` +
    `${expectedBy}. ${risk}: check the practice system's export`
  );
}
