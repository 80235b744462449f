import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PlanResult } from '../../../shared/domain/dto';
import type { Logger } from '../platform/logger';
import { type ErrorCode, UserError } from '../platform/errors';
import type { HeavyWork } from './heavy-work';
import type { SourceFileResult } from '../sources/folder/process-file';
import type {
  SourceFileRequest,
  ImportInput,
  ImportOutcome,
  JobAnswers,
  SerializedError,
  WorkerInit,
  WorkerJob,
  WorkerReply,
  WorkerRequest,
} from './protocol';

/** How to start the worker: a built file (CLI bundle, Electron build) or the TypeScript source via tsx. */
export interface WorkerScript {
  readonly filename: string;
  readonly eval: boolean;
}

/**
 * Finds the worker next to this code: `engine-worker.cjs` beside the CLI bundle (out/cli),
 * `engine-worker.js` beside the Electron main bundle (out/main, or one folder up from a shared
 * chunk), else `engine-worker.ts` beside this source file, loaded through tsx (vitest, bench).
 */
export function resolveWorkerScript(dir: string = __dirname): WorkerScript {
  for (const folder of [dir, join(dir, '..')]) {
    for (const name of ['engine-worker.cjs', 'engine-worker.js']) {
      const file = join(folder, name);
      if (existsSync(file)) return { filename: file, eval: false };
    }
  }
  const source = join(dir, 'engine-worker.ts');
  if (!existsSync(source)) throw new Error(`the engine worker is missing: no engine-worker.cjs, .js or .ts in ${dir}`);
  // tsx is resolved from the source file's folder: a development dependency, present wherever the sources are.
  const bootstrap = [
    `const load = require('node:module').createRequire(${JSON.stringify(source)});`,
    `load('tsx/cjs');`,
    `load(${JSON.stringify(source)});`,
  ].join('\n');
  return { filename: bootstrap, eval: true };
}

/** Rebuilds a worker's error: a UserError keeps its code (the CLI's exit code 2), a SQLite error its code. */
function revive(error: SerializedError): Error {
  const revived =
    error.name === 'UserError' && error.code
      ? new UserError(error.code as ErrorCode, error.message)
      : Object.assign(new Error(error.message), { code: error.code });
  if (error.stack) revived.stack = error.stack;
  return revived;
}

interface Pending {
  readonly kind: WorkerJob['kind'] | 'close';
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** Heavy work on a worker thread with its own schedule connection, started on first use. */
export class WorkerHeavyWork implements HeavyWork {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly init: WorkerInit,
    private readonly logger: Logger,
    private readonly script: WorkerScript = resolveWorkerScript(),
  ) {}

  importSchedule(now: number, input: ImportInput): Promise<ImportOutcome> {
    return this.submit({ kind: 'import', now, input });
  }

  plan(now: number): Promise<PlanResult> {
    return this.submit({ kind: 'plan', now });
  }

  importSourceFile(now: number, request: SourceFileRequest): Promise<SourceFileResult> {
    return this.submit({ kind: 'source-file', now, request });
  }

  importing(): boolean {
    return [...this.pending.values()].some((p) => p.kind === 'import' || p.kind === 'source-file');
  }

  /** Lets the worker finish its current job and close its connection; stops it hard after 5 s. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    const id = this.nextId++;
    const closed = new Promise<unknown>((resolve, reject) => this.pending.set(id, { kind: 'close', resolve, reject }));
    worker.postMessage({ id, close: true } satisfies WorkerRequest);
    const timer = setTimeout(() => void worker.terminate(), 5_000);
    await Promise.allSettled([closed, exited]);
    clearTimeout(timer);
  }

  private submit<K extends WorkerJob['kind']>(job: Extract<WorkerJob, { kind: K }>): Promise<JobAnswers[K]> {
    const worker = this.start();
    const id = this.nextId++;
    const answer = new Promise<JobAnswers[K]>((resolve, reject) => {
      this.pending.set(id, { kind: job.kind, resolve: resolve as (value: unknown) => void, reject });
    });
    worker.ref();
    worker.postMessage({ id, job } satisfies WorkerRequest);
    return answer;
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script.filename, { eval: this.script.eval, workerData: this.init });
    worker.on('message', (reply: WorkerReply) => this.settle(reply));
    worker.on('error', (error) => this.fail(worker, error));
    worker.on('exit', (code) => this.fail(worker, new Error(`the engine worker stopped (exit code ${code}) before it finished`)));
    this.worker = worker;
    return worker;
  }

  private settle(reply: WorkerReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    if (reply.ok) pending.resolve(reply.value);
    else pending.reject(revive(reply.error));
    // An idle worker does not keep a finished CLI process alive.
    if (this.pending.size === 0) this.worker?.unref();
  }

  private fail(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    if (this.pending.size > 0) this.logger.error('engine worker failed', { error: error.stack ?? error.message });
    for (const pending of this.pending.values()) {
      if (pending.kind === 'close') pending.resolve(null);
      else pending.reject(error);
    }
    this.pending.clear();
  }
}
