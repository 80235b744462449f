import { IANAZone } from 'luxon';
import { EngineEventBus } from './platform/engine-events';
import { createServices } from './api/services';
import type { FrontdeskServices } from './api/service-types';
import type { Transports } from './channels/channel';
import { simulateTransports } from './channels/simulate';
import { type ControlStore, openControlStore } from './control/control-store';
import { type WritableDB, type IntegrityCheck, openDatabase } from './db/connection';
import { ensureClinic } from './clinic/clinic-settings';
import { dailyBackupJobs } from './jobs/daily-backup';
import { CoverageWatch } from './coverage/coverage-watch';
import { DISPATCHER_CRON, JobRunner, LEASE_CRON, PLANNER_CRON, type JobScheduler } from './jobs/scheduler';
import { Dispatcher } from './outbox/dispatcher';
import { describeLeaseHolder } from './outbox/sender-lease';
import { type Clock, systemClock } from './platform/clock';
import { drop, type Logger, silentLogger } from './platform/logger';
import { type HeavyWork, inlineHeavyWork } from './worker/heavy-work';
import { raiseStaleAlarms, sourceResultHandler } from './api/source-services';
import { listSources } from './db/repos/sources-repo';
import { FolderWatcher } from './sources/folder/folder-watcher';
import { WorkerHeavyWork } from './worker/worker-client';
import { FeedRunner } from './sources/feed-runner';
import type { FhirFetch } from './sources/fhir/fhir-client';
import { fileSourceSecrets, memorySourceSecrets, type SourceSecrets, sourceSecretsPathFor } from './sources/source-secrets';
import type { CoverageSource } from './coverage/send-ahead/deps';
import { SendAhead } from './coverage/send-ahead/send-ahead';
import { clinicCoverage } from './coverage/coverage-source';

export interface EngineOptions {
  /** Path of the SQLite schedule file, or an open database (tests). */
  readonly dbFile: string | WritableDB;
  readonly clock?: Clock;
  /** Transports, or a factory given the database and clock; default: simulate. */
  readonly transports?: Transports | ((db: WritableDB, clock: Clock) => Transports);
  readonly logger?: Logger;
  /** Scheduler for `jobs`; default node-cron (loaded only when jobs start). */
  readonly scheduler?: JobScheduler;
  /** Pacing between provider calls; default real setTimeout. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Run the planner right after every schedule change (long-running engines). */
  readonly planAfterChanges?: boolean;
  /**
   * Long-running engines (run, serve, the desktop app): import and bulk planning run on a worker
   * thread with its own connection, and this thread never waits long for the schedule's lock, so the
   * kill switch and status always answer (docs/control.md). Ignored for in-memory databases.
   */
  readonly backgroundWorker?: boolean;
  /** better-sqlite3 addon for this runtime, when not the one in node_modules (Electron in development). */
  readonly nativeBinding?: string | undefined;
  /** PRAGMA quick_check at open: 'full' (default) or 'auto' (small files only; one-shot CLI commands). */
  readonly integrityCheck?: IntegrityCheck;
  /** Zone for a clinic created now (`init --timezone`); default: the machine's zone. */
  readonly initialTimezone?: string | undefined;
  /**
   * Watch the folder sources while the jobs run (docs/schedule-sources.md); default: long-running engines
   * (backgroundWorker). `watchStableMs` is how long a file must hold still before it is read (default 1 s).
   */
  readonly watchSources?: boolean;
  readonly watchStableMs?: number;
  /**
   * Where FHIR sources' tokens are kept (docs/fhir.md); default: a user-only file beside the database (an
   * in-memory store for in-memory databases). The desktop app may pass a keychain-backed store.
   */
  readonly sourceSecrets?: SourceSecrets;
  /** HTTP for FHIR sources; default the global fetch. `fhirPollMs`: default every 5 minutes. */
  readonly fhirFetch?: FhirFetch;
  readonly fhirPollMs?: number;
  /** Desk hours and the at-risk list for send-ahead (docs/send-ahead.md); default: the clinic's own (coverage-source.ts). */
  readonly coverage?: CoverageSource;
}

export interface Engine {
  readonly db: WritableDB;
  /** The kill switch, breaker review and sender lease (docs/control.md). */
  readonly control: ControlStore;
  readonly clock: Clock;
  readonly services: FrontdeskServices;
  readonly events: EngineEventBus;
  readonly dispatcher: Dispatcher;
  readonly transports: Transports;
  /** Send-ahead through Twilio Message Scheduling and its cancelling (docs/send-ahead.md). */
  readonly sendAhead: SendAhead;
  /**
   * start() resolves once the start-up plan-and-dispatch cycle has run (it never rejects). runCycle()
   * runs one more now (catch-up after sleep or a clock jump); skipped while one is running, never rejects.
   * stop() ends sending after the provider call in flight, waits for running jobs, and releases the lease.
   */
  readonly jobs: { start(): Promise<void>; runCycle(): Promise<void>; stop(): Promise<void> };
  /** The HL7 listeners and FHIR poller while the jobs run (long-running engines), else undefined. */
  readonly feeds: FeedRunner | undefined;
  /** The machine's zone when this engine just created the clinic with it (no `init` yet), else undefined. */
  readonly machineZoneUsed: string | undefined;
  close(): void;
}

/**
 * The longest a long-running engine's own thread waits for the schedule's write lock in one go
 * (better-sqlite3 waits synchronously). Writes that must not be lost retry in short tries instead.
 */
const LONG_RUNNING_BUSY_TIMEOUT_MS = 500;

function systemZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && IANAZone.isValidZone(zone) ? zone : 'UTC';
}

function heavyWorkFor(db: WritableDB, options: EngineOptions, logger: Logger): HeavyWork {
  if (!options.backgroundWorker || db.memory) return inlineHeavyWork(db);
  db.pragma(`busy_timeout = ${LONG_RUNNING_BUSY_TIMEOUT_MS}`);
  return new WorkerHeavyWork({ file: db.name, nativeBinding: options.nativeBinding }, logger);
}

/** The only wiring code: database → control → transports → dispatcher → services → jobs (docs/architecture.md#composition-root). */
export function createEngine(options: EngineOptions): Engine {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const db =
    typeof options.dbFile === 'string'
      ? openDatabase(options.dbFile, {
          nativeBinding: options.nativeBinding,
          integrityCheck: options.integrityCheck,
          now: () => clock.now(),
        })
      : options.dbFile;
  const createdWith = ensureClinic(db, clock.now(), options.initialTimezone ?? systemZone);
  const control = openControlStore(db, clock.now(), { nativeBinding: options.nativeBinding });
  const heavy = heavyWorkFor(db, options, logger);
  const transports =
    typeof options.transports === 'function' ? options.transports(db, clock) : (options.transports ?? simulateTransports(db, clock));
  const events = new EngineEventBus();
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const sendAhead = new SendAhead({ db, control, clock, transports, events, logger, coverage: options.coverage ?? clinicCoverage });
  const dispatcher = new Dispatcher({ db, control, clock, transports, events, logger, sleep, sendAhead });
  const planInSteps = async (): Promise<void> => {
    const planned = await heavy.plan(clock.now());
    if (planned.enqueued + planned.cancelled > 0) events.emit({ type: 'changed', topics: ['outbox'] });
  };
  // After a schedule change in a long-running engine: plan right away, in steps (docs/architecture.md#the-reminder-pipeline).
  const planNow = (): void => drop(planInSteps(), logger, 'planning after a schedule change');
  const feeds = { secrets: options.sourceSecrets ?? defaultSourceSecrets(db), fetch: options.fhirFetch ?? (fetch as unknown as FhirFetch) };
  const services = createServices({
    feeds,
    db,
    control,
    heavy,
    clock,
    transports,
    events,
    dispatcher,
    logger,
    sendAhead,
    ...(options.planAfterChanges ? { afterScheduleChange: planNow } : {}),
  });
  const watcher =
    (options.watchSources ?? options.backgroundWorker) ? folderWatcher(options, { db, heavy, clock, events, logger, planNow }) : undefined;
  const feedRunner =
    (options.watchSources ?? options.backgroundWorker)
      ? standardsFeeds(options, { db, clock, events, logger, planNow, ...feeds })
      : undefined;
  const jobs = engineJobs({
    feedRunner,
    options,
    logger,
    clock,
    dispatcher,
    file: db.name,
    db,
    planInSteps,
    dispatch: () => services.dispatch(),
    events,
    watcher,
  });
  return {
    db,
    control,
    clock,
    services,
    events,
    dispatcher,
    transports,
    sendAhead,
    jobs,
    feeds: feedRunner,
    machineZoneUsed: options.initialTimezone === undefined ? createdWith : undefined,
    close: () => {
      sendAhead.close();
      dispatcher.lease.release();
      drop(heavy.close(), logger, 'stopping the engine worker');
      control.close();
      if (typeof options.dbFile === 'string') db.close();
    },
  };
}

interface JobDeps {
  readonly options: EngineOptions;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly dispatcher: Dispatcher;
  readonly file: string;
  readonly db: WritableDB;
  readonly planInSteps: () => Promise<void>;
  readonly dispatch: () => Promise<unknown>;
  readonly events: EngineEventBus;
  readonly watcher?: FolderWatcher | undefined;
  readonly feedRunner?: FeedRunner | undefined;
}

function defaultSourceSecrets(db: WritableDB): SourceSecrets {
  return db.memory ? memorySourceSecrets() : fileSourceSecrets(sourceSecretsPathFor(db.name));
}

/** The HL7 listeners and FHIR poller of a long-running engine (docs/hl7.md, docs/fhir.md). */
function standardsFeeds(
  options: EngineOptions,
  deps: {
    db: WritableDB;
    clock: Clock;
    events: EngineEventBus;
    logger: Logger;
    planNow: () => void;
    secrets: SourceSecrets;
    fetch: FhirFetch;
  },
): FeedRunner {
  const { events } = deps;
  return new FeedRunner({
    ...deps,
    scheduleChanged: () => {
      events.emit({ type: 'changed', topics: ['schedule', 'outbox'] });
      if (options.planAfterChanges) deps.planNow();
    },
    statusChanged: () => events.emit({ type: 'changed', topics: ['status'] }),
    attention: (message) => events.emit({ type: 'attention', kind: 'schedule_refused', message }),
    fhirPollMs: options.fhirPollMs,
  });
}

/** The watch folders of a long-running engine: files imported on the worker thread, then planned. */
function folderWatcher(
  options: EngineOptions,
  deps: { db: WritableDB; heavy: HeavyWork; clock: Clock; events: EngineEventBus; logger: Logger; planNow: () => void },
): FolderWatcher {
  const { db, heavy, clock, events } = deps;
  const scheduleChanged = (): void => {
    events.emit({ type: 'changed', topics: ['schedule', 'outbox'] });
    if (options.planAfterChanges) deps.planNow();
  };
  return new FolderWatcher({
    listSources: () => listSources(db),
    importFile: (sourceId, path) => heavy.importSourceFile(clock.now(), { sourceId, path }),
    onResult: sourceResultHandler({ events, scheduleChanged }),
    checkStale: () => raiseStaleAlarms({ db, clock, events }),
    logger: deps.logger,
    realNow: () => systemClock.now(),
    ...(options.watchStableMs !== undefined ? { stableMs: options.watchStableMs } : {}),
  });
}

/** Planner, dispatcher and sender-lease jobs; one plan-and-dispatch cycle as soon as they start. */
function engineJobs(deps: JobDeps): Engine['jobs'] {
  const { dispatcher, clock, logger } = deps;
  let runner: JobRunner | undefined;
  let waitingFor: number | null = null;
  // "The sender is down" and the at-risk notice before the desk goes off (docs/coverage.md).
  const coverage = new CoverageWatch({ db: deps.db, clock, events: deps.events });
  // A long-running engine holds the sender lease for as long as it runs; a second one on the same
  // file says who holds it and stands by, taking over when that engine stops.
  const keepLease = (): void => {
    const held = dispatcher.lease.acquire(clock.now());
    const other = dispatcher.lease.blockedBy;
    if (!held && other && other.pid !== waitingFor) {
      logger.warn(
        `${describeLeaseHolder(other)} for ${deps.file}; this engine will not send while that one runs, and takes over when it stops`,
      );
    }
    if (held && waitingFor !== null) logger.info('this engine now holds the sender lease and sends reminders');
    waitingFor = held ? null : (other?.pid ?? null);
  };
  return {
    start: () => {
      runner ??= new JobRunner(
        // node-cron is loaded only by long-running engines, keeping one-shot CLI commands fast.
        deps.options.scheduler ??
          (require('./jobs/node-cron-scheduler') as typeof import('./jobs/node-cron-scheduler')).nodeCronScheduler(),
        [
          { name: 'planner', cron: PLANNER_CRON, run: deps.planInSteps },
          { name: 'dispatcher', cron: DISPATCHER_CRON, run: deps.dispatch },
          { name: 'lease', cron: LEASE_CRON, run: keepLease },
          { name: 'coverage', cron: DISPATCHER_CRON, run: () => coverage.tick() },
          ...dailyBackupJobs(typeof deps.options.dbFile === 'string' ? deps.options.dbFile : undefined, deps.db, clock, logger),
        ],
        logger,
      );
      dispatcher.setStopping(false);
      keepLease();
      runner.start();
      deps.watcher?.start();
      drop(deps.feedRunner?.start() ?? Promise.resolve(), logger, 'starting the HL7 and FHIR feeds');
      return runner.runNow('dispatcher');
    },
    runCycle: () => runner?.runNow('dispatcher') ?? Promise.resolve(),
    stop: async () => {
      // Claimed rows not yet handed to the provider go back to pending (docs/headless.md#stopping).
      dispatcher.setStopping(true);
      await deps.watcher?.stop();
      await deps.feedRunner?.stop();
      await runner?.stop();
      dispatcher.lease.release();
    },
  };
}
