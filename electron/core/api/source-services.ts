import type { WritableDB } from '../db/types';
import { findHeldRun, findSource, listSources } from '../db/repos/sources-repo';
import { recordEvent } from '../db/repos/events-repo';
import type { Clock } from '../platform/clock';
import { systemClock } from '../platform/clock';
import { notFound } from '../platform/errors';
import { pullFolderSources } from '../sources/folder/folder-sync';
import { discardHeld, type SourceFileResult } from '../sources/folder/process-file';
import { deleteProfile, listProfiles, saveProfile } from '../sources/profiles';
import { addFolderSource, listSourceViews, removeSource, takeStaleAlarms } from '../sources/sources-service';
import { checkFolderForWindow } from '../sources/folder/window-folder-check';
import type { HeavyWork } from '../worker/heavy-work';
import type { EngineEventBus } from '../platform/engine-events';
import type { ImportProfile, SourceView } from '../../../shared/domain/sources';
import type { ImportPreview, SourceFileResultView } from '../../../shared/domain/source-results';
import type { ScheduleFileInput } from './import-schedule';
import type { FhirFetch } from '../sources/fhir/fhir-client';
import { syncFhirSources } from '../sources/fhir/fhir-poller';
import { addFhirSource, addHl7Source } from '../sources/feed-sources';
import type { SourceSecrets } from '../sources/source-secrets';

/** Rows of a file the import wizard shows before importing. */
export const PREVIEW_ROWS = 20;
/** `sources sync` waits at most this long for a file still being written. */
const SYNC_MAX_WAIT_MS = 15_000;
const STABLE_MS = 1_000;

export interface SourceServiceDeps {
  readonly db: WritableDB;
  readonly heavy: HeavyWork;
  readonly clock: Clock;
  readonly events: EngineEventBus;
  readonly scheduleChanged: () => void;
  /** FHIR tokens and the HTTP client of FHIR sources (docs/fhir.md). */
  readonly feeds: FeedServiceDeps;
}

export interface FeedServiceDeps {
  readonly secrets: SourceSecrets;
  readonly fetch: FhirFetch;
}

/** After each file from a source: the schedule changed (plan), or the desk must look (attention). */
export function sourceResultHandler(deps: Pick<SourceServiceDeps, 'events' | 'scheduleChanged'>): (result: SourceFileResult) => void {
  return (result) => {
    const r = result.result;
    if (r && r.created + r.updated + (r.fullExport?.cancelled ?? 0) > 0) deps.scheduleChanged();
    else deps.events.emit({ type: 'changed', topics: ['status'] });
    if (result.outcome === 'held') {
      deps.events.emit({ type: 'attention', kind: 'schedule_held', message: `${result.file}: ${result.summary}` });
    } else if (result.outcome === 'refused') {
      deps.events.emit({ type: 'attention', kind: 'schedule_refused', message: `${result.file}: ${result.summary}` });
    }
  };
}

/** Raises the stale-schedule alarms due now (once per silence each). */
export function raiseStaleAlarms(deps: Pick<SourceServiceDeps, 'db' | 'clock' | 'events'>): void {
  for (const alarm of takeStaleAlarms(deps.db, deps.clock.now())) {
    deps.events.emit({ type: 'attention', kind: 'schedule_stale', message: alarm.message });
  }
}

export function createSourceServices(deps: SourceServiceDeps): SourceServices {
  const { db, heavy, clock } = deps;
  const onResult = sourceResultHandler(deps);
  const view = (id: number): SourceView => {
    const found = listSourceViews(db, clock.now()).find((s) => s.id === id);
    if (!found) throw notFound(`no source with id ${id}`);
    return found;
  };
  const importFile = async (sourceId: number, path: string, approve = false) => {
    const result = await heavy.importSourceFile(clock.now(), { sourceId, path, approve });
    onResult(result);
    return result;
  };
  return {
    previewImport: async (input) => {
      const outcome = await heavy.importSchedule(clock.now(), { ...input, dryRun: true, previewRows: PREVIEW_ROWS, withRejectedCsv: true });
      return { header: outcome.header ?? [], rows: outcome.preview ?? [], result: outcome.summary };
    },
    listImportProfiles: () => listProfiles(db),
    saveImportProfile: ({ profile, actor }) => {
      const saved = saveProfile(db, profile, clock.now());
      recordEvent(db, clock.now(), 'import_profile_saved', actor, { name: saved.name });
      return saved;
    },
    deleteImportProfile: ({ name, actor }) => {
      deleteProfile(db, name);
      recordEvent(db, clock.now(), 'import_profile_deleted', actor, { name });
      return listProfiles(db);
    },
    listSources: () => listSourceViews(db, clock.now()),
    addFolderSource: ({ dir, fullExport, profile, actor }) => view(addFolderSource(db, clock.now(), dir, { fullExport, profile }, actor)),
    addFolderSourceFromWindow: ({ dir, fullExport, profile, actor }) => {
      checkFolderForWindow(dir);
      const added = view(addFolderSource(db, clock.now(), dir, { fullExport, profile }, actor));
      deps.events.emit({ type: 'changed', topics: ['status'] }); // every window's stale banner reads the sources again
      return added;
    },
    removeSource: ({ id, actor }) => {
      removeSource(db, clock.now(), id, actor);
      // A removed FHIR source's token is forgotten with it.
      deps.feeds.secrets.set(id, null);
      deps.events.emit({ type: 'changed', topics: ['status'] });
      return listSourceViews(db, clock.now());
    },
    syncSources: async () => {
      const options = { stableMs: STABLE_MS, realNow: () => systemClock.now(), sleep, maxWaitMs: SYNC_MAX_WAIT_MS };
      const results = await pullFolderSources(listSources(db), (id, path) => importFile(id, path), options);
      const fhir = await syncFhirSources(db, () => clock.now(), deps.feeds);
      for (const result of fhir) onResult(result);
      raiseStaleAlarms(deps);
      return [...results, ...fhir];
    },
    addHl7Source: ({ actor, ...input }) => view(addHl7Source(db, clock.now(), input, actor)),
    addFhirSource: ({ actor, ...input }) => view(addFhirSource(db, clock.now(), input, deps.feeds.secrets, actor)),
    approveHeldExport: async ({ id, actor }) => {
      if (!findSource(db, id)) throw notFound(`no source with id ${id}`);
      const held = findHeldRun(db, id);
      if (!held?.held_path) throw notFound(`source ${id} has no export waiting for review`);
      recordEvent(db, clock.now(), 'full_export_approved', actor, { sourceId: id, file: held.file });
      return importFile(id, held.held_path, true);
    },
    discardHeldExport: ({ id, actor }) => {
      const result = discardHeld(db, clock.now(), id, actor);
      deps.events.emit({ type: 'changed', topics: ['status'] });
      return result;
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Schedule sources, mapping profiles and the import preview (docs/schedule-sources.md). */
export interface SourceServices {
  /** The import wizard: the first rows as they will be read, and a dry run of the whole file. Writes nothing. */
  previewImport(input: ScheduleFileInput): Promise<ImportPreview>;
  listImportProfiles(): ImportProfile[];
  saveImportProfile(input: { profile: ImportProfile; actor: string }): ImportProfile;
  deleteImportProfile(input: { name: string; actor: string }): ImportProfile[];
  listSources(): SourceView[];
  addFolderSource(input: { dir: string; fullExport: boolean; profile: string | null; actor: string }): SourceView;
  /** An HL7 v2 listener (docs/hl7.md): run, serve and the desktop app listen on it. */
  addHl7Source(input: { host?: string; port?: number; tlsCert?: string | null; tlsKey?: string | null; actor: string }): SourceView;
  /** A FHIR R4 server polled every 5 minutes (docs/fhir.md); the token goes to the secret store. */
  addFhirSource(input: { base: string; token: string | undefined; days: number | undefined; actor: string }): SourceView;
  /** The window's add: the CLI's, limited to folders used only for exports (window-folder-check.ts). */
  addFolderSourceFromWindow(input: { dir: string; fullExport: boolean; profile: string | null; actor: string }): SourceView;
  removeSource(input: { id: number; actor: string }): SourceView[];
  /** Pulls every folder and FHIR source once, now (`sources sync`). */
  syncSources(): Promise<SourceFileResultView[]>;
  /** Applies a held full export the desk looked at, cancellations and all. */
  approveHeldExport(input: { id: number; actor: string }): Promise<SourceFileResultView>;
  /** Drops a held full export unapplied. */
  discardHeldExport(input: { id: number; actor: string }): SourceFileResultView;
}
