import { IANAZone } from 'luxon';
import { EngineEventBus } from './api/engine-events';
import { createServices } from './api/services';
import type { FrontdeskServices } from './api/service-types';
import type { Transports } from './channels/channel';
import { simulateTransports } from './channels/simulate';
import { type DB, type IntegrityCheck, openDatabase } from './db/connection';
import { ensureClinic } from './db/repos/clinic-repo';
import { dailyBackupJobs } from './jobs/daily-backup';
import { DISPATCHER_CRON, JobRunner, PLANNER_CRON, type JobScheduler } from './jobs/scheduler';
import { Dispatcher } from './outbox/dispatcher';
import { runPlannerInSteps } from './outbox/planner';
import { type Clock, systemClock } from './platform/clock';
import { drop, type Logger, silentLogger } from './platform/logger';

export interface EngineOptions {
  /** Path of the SQLite schedule file, or an open database (tests). */
  readonly dbFile: string | DB;
  readonly clock?: Clock;
  /** Transports, or a factory given the database and clock; default: simulate. */
  readonly transports?: Transports | ((db: DB, clock: Clock) => Transports);
  readonly logger?: Logger;
  /** Scheduler for `jobs`; default node-cron (loaded only when jobs start). */
  readonly scheduler?: JobScheduler;
  /** Pacing between provider calls; default real setTimeout. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Run the planner right after every schedule change (long-running engines). */
  readonly planAfterChanges?: boolean;
  /** better-sqlite3 addon for this runtime, when not the one in node_modules (Electron in development). */
  readonly nativeBinding?: string | undefined;
  /** PRAGMA quick_check at open: 'full' (default) or 'auto' (small files only; one-shot CLI commands). */
  readonly integrityCheck?: IntegrityCheck;
  /** Zone for a clinic created now (`init --timezone`); default: the machine's zone. */
  readonly initialTimezone?: string | undefined;
}

export interface Engine {
  readonly db: DB;
  readonly clock: Clock;
  readonly services: FrontdeskServices;
  readonly events: EngineEventBus;
  readonly dispatcher: Dispatcher;
  readonly transports: Transports;
  readonly jobs: { start(): void; stop(): Promise<void> };
  /** The machine's zone when this engine just created the clinic with it (no `init` yet), else undefined. */
  readonly machineZoneUsed: string | undefined;
  close(): void;
}

function systemZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && IANAZone.isValidZone(zone) ? zone : 'UTC';
}

/** The only wiring code: database → transports → dispatcher → services → jobs (STYLE B.1). */
export function createEngine(options: EngineOptions): Engine {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const db =
    typeof options.dbFile === 'string'
      ? openDatabase(options.dbFile, { nativeBinding: options.nativeBinding, integrityCheck: options.integrityCheck, now: () => clock.now() })
      : options.dbFile;
  const createdWith = ensureClinic(db, clock.now(), options.initialTimezone ?? systemZone);
  const transports =
    typeof options.transports === 'function' ? options.transports(db, clock) : (options.transports ?? simulateTransports(db, clock));
  const events = new EngineEventBus();
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const dispatcher = new Dispatcher({ db, clock, transports, events, logger, sleep });
  const planInSteps = async (): Promise<void> => {
    const planned = await runPlannerInSteps(db, () => clock.now());
    if (planned.enqueued + planned.cancelled > 0) events.emit({ type: 'changed', topics: ['outbox'] });
  };
  // After a schedule change in a long-running engine: plan right away, in steps (DESIGN §4).
  const planNow = (): void => drop(planInSteps(), logger, 'planning after a schedule change');
  const services = createServices({
    db,
    clock,
    transports,
    events,
    dispatcher,
    logger,
    ...(options.planAfterChanges ? { afterScheduleChange: planNow } : {}),
  });
  let runner: JobRunner | undefined;
  const jobs = {
    start: () => {
      runner ??= new JobRunner(
        // node-cron is loaded only by long-running engines, keeping one-shot CLI commands fast.
        options.scheduler ?? (require('./jobs/node-cron-scheduler') as typeof import('./jobs/node-cron-scheduler')).nodeCronScheduler(),
        [
          { name: 'planner', cron: PLANNER_CRON, run: planInSteps },
          { name: 'dispatcher', cron: DISPATCHER_CRON, run: () => services.dispatch() },
          ...dailyBackupJobs(typeof options.dbFile === 'string' ? options.dbFile : undefined, db, clock, logger),
        ],
        logger,
      );
      runner.start();
    },
    stop: async () => {
      await runner?.stop();
      dispatcher.lease.release();
    },
  };
  return {
    db,
    clock,
    services,
    events,
    dispatcher,
    transports,
    jobs,
    machineZoneUsed: options.initialTimezone === undefined ? createdWith : undefined,
    close: () => {
      dispatcher.lease.release();
      if (typeof options.dbFile === 'string') db.close();
    },
  };
}
