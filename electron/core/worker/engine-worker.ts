/**
 * The engine's worker thread (docs/control.md): import and bulk planning run here, on a connection of
 * their own, so the thread that answers the window, the web host and the kill switch never waits for
 * them. Built as its own entry by scripts/build-cli.cjs and electron.vite.config.ts; run from the
 * TypeScript sources through tsx under vitest and `npm run bench`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { importScheduleFile } from '../api/import-schedule';
import { type WritableDB, openDatabase } from '../db/connection';
import { runPlanner } from '../outbox/planner';
import { importFolderFile } from '../sources/folder/process-file';
import { assertNever } from '../platform/errors';
import type { SerializedError, WorkerInit, WorkerJob, WorkerReply, WorkerRequest } from './protocol';

/** The worker may wait long for the lock (another process's import): it blocks no one but itself. */
const WORKER_BUSY_TIMEOUT_MS = 10 * 60_000;

const init = workerData as WorkerInit;
const port = parentPort;
let db: WritableDB | undefined;

function schedule(): WritableDB {
  if (!db) {
    db = openDatabase(init.file, { nativeBinding: init.nativeBinding });
    db.pragma(`busy_timeout = ${WORKER_BUSY_TIMEOUT_MS}`);
  }
  return db;
}

async function run(job: WorkerJob): Promise<unknown> {
  switch (job.kind) {
    case 'import':
      return await importScheduleFile(schedule(), job.now, job.input);
    case 'plan':
      return runPlanner(schedule(), job.now);
    case 'source-file':
      return await importFolderFile(schedule(), job.now, job.request.sourceId, job.request.path, { approve: job.request.approve });
    default:
      return assertNever(job);
  }
}

function serialize(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message, code: typeof code === 'string' ? code : undefined, stack: error.stack };
}

// Jobs run one after another, in the order they were sent.
let queue: Promise<void> = Promise.resolve();

function reply(message: WorkerReply): void {
  port?.postMessage(message);
}

port?.on('message', (request: WorkerRequest) => {
  queue = queue.then(async () => {
    if ('close' in request) {
      db?.close();
      db = undefined;
      reply({ id: request.id, ok: true, value: null });
      port.close();
      return;
    }
    try {
      reply({ id: request.id, ok: true, value: await run(request.job) });
    } catch (error) {
      reply({ id: request.id, ok: false, error: serialize(error) });
    }
  });
});
