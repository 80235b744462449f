import { DateTime } from 'luxon';
import type { ImportResult } from '../../../../shared/domain/dto';
import type { WritableDB } from '../../db/types';
import { findAppointmentById } from '../../db/repos/appointments-repo';
import { recordEvent } from '../../db/repos/events-repo';
import { countActiveBetween, listActiveMissingFromStage } from '../../db/repos/import-stage-repo';
import { insertSourceRun, setSourcePaused, type SourceRow } from '../../db/repos/sources-repo';
import { applyStagedSchedule } from '../apply';
import { FHIR_SOURCE, feedRowContext } from '../feed-context';
import { FeedRowReader } from '../feed-row';
import type { SourceFileResult } from '../folder/process-file';
import { cancelMissing, FULL_EXPORT_MAX_CANCEL_SHARE } from '../full-export';
import { ScheduleStage } from '../stage';
import { FhirAuthError, FhirClient, type FhirFetch } from './fhir-client';
import { FHIR_LABELS, readFhirBundles } from './fhir-map';
import type { FhirBundle } from './fhir-types';

/** A FHIR source's settings (sources.options_json): the days ahead it covers. */
export interface FhirOptions {
  days: number;
}
export const DEFAULT_FHIR_DAYS = 14;
/** Appointments read between two yields to the event loop. */
const YIELD_EVERY = 100;

export function fhirOptions(row: Pick<SourceRow, 'options_json'>): FhirOptions {
  const o = JSON.parse(row.options_json) as Partial<FhirOptions>;
  return { days: typeof o.days === 'number' ? o.days : DEFAULT_FHIR_DAYS };
}

/**
 * One poll of a FHIR R4 server (docs/fhir.md): the appointments from today to today + N days (clinic zone) with
 * their Patients, every page, applied through the one apply step. Appointments of this feed that are no longer
 * in the window are looked up by id: moved ones are updated, ones the server no longer has are cancelled (unless
 * that would cancel more than 20 % of the window: then none are, and the summary says so). A 401/403 pauses the
 * source with the reason; other failures are recorded and retried on the next poll. The run is recorded.
 */
export async function syncFhirSource(
  db: WritableDB,
  now: number,
  source: SourceRow,
  deps: { fetch: FhirFetch; token: string | undefined },
): Promise<SourceFileResult> {
  const base = source.target;
  if (source.paused_reason !== null)
    return { sourceId: source.id, file: base, outcome: 'refused', summary: `paused: ${source.paused_reason}` };
  const context = feedRowContext(db);
  const day = DateTime.fromMillis(now, { zone: context.timezone }).startOf('day');
  const window = { from: day.toMillis(), to: day.plus({ days: fhirOptions(source).days }).toMillis() };
  const client = new FhirClient({ base, token: deps.token, fetch: deps.fetch });
  const stage = ScheduleStage.open(db);
  try {
    const reader = new FeedRowReader(context, FHIR_LABELS);
    let line = 0;
    // Yields to the event loop now and then: a long-running engine's thread must keep answering the kill switch.
    const stageAll = async (bundles: readonly FhirBundle[]): Promise<void> => {
      for (const reading of readFhirBundles(bundles)) {
        if (++line % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
        const id = reading.ok ? reading.appointment.externalId : reading.id;
        if (id !== undefined && stage.claim(id, line) !== undefined) continue;
        const row = reading.ok ? reader.read(reading.appointment, line) : { ok: false as const, reason: reading.reason };
        if (row.ok) stage.add(row.row);
        else stage.reject(line, id ? `Appointment/${id}: ${row.reason}` : row.reason);
      }
      stage.flush();
    };
    await stageAll(await client.searchWindow(day.toISODate()!, day.plus({ days: fhirOptions(source).days }).toISODate()!));
    const left = listActiveMissingFromStage(db, stage.id, FHIR_SOURCE, window.from, window.to);
    if (left.length > 0) await stageAll(await client.searchIds(left.map((id) => findAppointmentById(db, id)!.external_id)));
    return db.transaction(() => applyRun(db, now, source, stage, window)).immediate();
  } catch (error) {
    return recordFailure(db, now, source, error as Error);
  } finally {
    stage.dispose();
  }
}

function applyRun(
  db: WritableDB,
  now: number,
  source: SourceRow,
  stage: ScheduleStage,
  window: { from: number; to: number },
): SourceFileResult {
  const applied = applyStagedSchedule(db, stage, { source: FHIR_SOURCE, now, actor: `fhir source ${source.id}` });
  // Still missing after the lookup by id: the server no longer has them (deleted).
  const gone = listActiveMissingFromStage(db, stage.id, FHIR_SOURCE, window.from, window.to);
  const active = countActiveBetween(db, FHIR_SOURCE, window.from, window.to);
  const tooMany = gone.length > 0 && gone.length / Math.max(active, 1) > FULL_EXPORT_MAX_CANCEL_SHARE && gone.length > 2;
  const cancelledReminders =
    gone.length > 0 && !tooMany
      ? cancelMissing(db, { dates: [], missing: gone, ofAppointments: active, held: false, reason: null }, now)
      : 0;
  const result: ImportResult = {
    created: applied.created,
    updated: applied.updated + (tooMany ? 0 : gone.length),
    unchanged: applied.unchanged,
    rejected: stage.rejected,
    rejectedCount: stage.rejectedCount,
    remindersCancelled: applied.remindersCancelled + cancelledReminders,
    kind: 'fhir',
    warnings: tooMany
      ? [
          `${gone.length} of ${active} appointments in the window are gone from the server: none were cancelled (more than 20 %); check the server`,
        ]
      : [],
  };
  const deleted = gone.length > 0 && !tooMany ? `; ${gone.length} gone from the server, cancelled` : '';
  const summary = `${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged, ${result.rejectedCount} rejected${deleted}`;
  const fullSummary = tooMany ? `${summary}; ${result.warnings![0]}` : summary;
  insertSourceRun(db, run(source, now, 'imported', fullSummary, result));
  return { sourceId: source.id, file: source.target, outcome: 'imported', summary: fullSummary, result };
}

function recordFailure(db: WritableDB, now: number, source: SourceRow, error: Error): SourceFileResult {
  const auth = error instanceof FhirAuthError;
  const outcome = auth ? 'refused' : 'failed';
  const summary = auth ? `paused: ${error.message}` : `failed, will retry: ${error.message}`;
  db.transaction(() => {
    insertSourceRun(db, run(source, now, outcome, summary));
    if (auth) {
      setSourcePaused(db, source.id, error.message);
      recordEvent(db, now, 'source_paused', 'engine', { sourceId: source.id, target: source.target, reason: error.message });
    }
  }).immediate();
  return { sourceId: source.id, file: source.target, outcome, summary };
}

function run(source: SourceRow, at: number, outcome: 'imported' | 'refused' | 'failed', summary: string, result?: ImportResult) {
  const detail = result ? { ...result, rejected: result.rejected.slice(0, 20) } : {};
  return { source_id: source.id, at, file: source.target, outcome, summary, detail_json: JSON.stringify(detail), held_path: null };
}
