import type { Logger } from '../platform/logger';

/** Planner every 5 minutes, dispatcher every minute (docs/architecture.md#the-reminder-pipeline). */
export const PLANNER_CRON = '*/5 * * * *';
export const DISPATCHER_CRON = '* * * * *';
/** The sender lease (60 s) is renewed every 15 s while the engine runs (six fields: seconds first). */
export const LEASE_CRON = '*/15 * * * * *';

/** A recurring job: `run` is never started while its previous run is still going (overlap prevention). */
export interface JobSpec {
  readonly name: string;
  /** node-cron expression, e.g. every minute. */
  readonly cron: string;
  readonly run: () => Promise<unknown> | unknown;
}

/** What schedules jobs: node-cron in production, a hand-driven fake in tests. */
export interface JobScheduler {
  schedule(spec: JobSpec, onTick: () => Promise<void>): { stop(): Promise<void> | void };
}

/** Wraps a job so overlapping ticks are skipped and failures are logged, never thrown into the timer. */
export function nonOverlapping(spec: JobSpec, logger: Logger): () => Promise<void> {
  let running = false;
  return async () => {
    if (running) {
      logger.warn(`${spec.name}: previous run still going; this tick skipped`);
      return;
    }
    running = true;
    try {
      await spec.run();
    } catch (error) {
      logger.error(`${spec.name} failed`, { error: error instanceof Error ? error.stack : String(error) });
    } finally {
      running = false;
    }
  };
}

/** Runs a set of jobs on a scheduler; stop() waits for the timers to stop. */
export class JobRunner {
  private handles: { stop(): Promise<void> | void }[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly ticks: ReadonlyMap<string, () => Promise<void>>;
  constructor(
    private readonly scheduler: JobScheduler,
    private readonly jobs: readonly JobSpec[],
    logger: Logger,
  ) {
    this.ticks = new Map(jobs.map((job) => [job.name, this.tracked(nonOverlapping(job, logger))]));
  }

  start(): void {
    if (this.handles.length > 0) return;
    this.handles = this.jobs.map((job) => this.scheduler.schedule(job, this.ticks.get(job.name)!));
  }

  /** Runs a job now, as its next tick would (skipped while that job is still running); never rejects. */
  runNow(name: string): Promise<void> {
    const tick = this.ticks.get(name);
    if (!tick) throw new Error(`no job named ${name}`);
    return tick();
  }

  /** Stops the timers, then waits for the runs already going (a database must not close under them). */
  async stop(): Promise<void> {
    const handles = this.handles;
    this.handles = [];
    await Promise.all(handles.map((h) => h.stop()));
    await Promise.all([...this.inFlight]);
  }

  private tracked(tick: () => Promise<void>): () => Promise<void> {
    return () => {
      const run = tick().finally(() => this.inFlight.delete(run));
      this.inFlight.add(run);
      return run;
    };
  }
}

/** A scheduler tests drive by hand: `tick(name)` runs that job's wrapped tick and awaits it. */
export class ManualScheduler implements JobScheduler {
  private readonly ticks = new Map<string, () => Promise<void>>();
  schedule(spec: JobSpec, onTick: () => Promise<void>): { stop(): void } {
    this.ticks.set(spec.name, onTick);
    return { stop: () => void this.ticks.delete(spec.name) };
  }
  tick(name: string): Promise<void> {
    const tick = this.ticks.get(name);
    if (!tick) throw new Error(`no job named ${name}`);
    return tick();
  }
  has(name: string): boolean {
    return this.ticks.has(name);
  }
}
