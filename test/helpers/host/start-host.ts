import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startWebHost, type WebHost } from '../../../electron/host/web/server';
import { createTestEngine, local, type TestEngine } from '../engine';

export const RENDERER_DIR = resolve(__dirname, '../../../out/renderer');
export const SAMPLE_SCHEDULE = resolve(__dirname, '../../fixtures/sample-schedule.csv');

export interface TestHost {
  /** Open this (it carries the token): http://127.0.0.1:PORT/?token=… */
  readonly url: string;
  /** http://127.0.0.1:PORT, for page.request calls with `headers: host.authHeaders`. */
  readonly origin: string;
  readonly token: string;
  readonly authHeaders: Readonly<Record<string, string>>;
  /** The real engine (simulate transport, temp-file DB, ManualClock at `engine.clock`). */
  readonly engine: TestEngine;
  readonly web: WebHost;
  /** Imports test/fixtures/sample-schedule.csv (or the given CSV) through the real service. */
  importSchedule(csv?: string): ReturnType<TestEngine['services']['importCsv']>;
  /** One planner + dispatcher cycle, as the jobs would run it (after moving the clock if you like). */
  runCycle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real engine behind the real web host, for browser e2e specs (test/e2e). Jobs are not started:
 * the spec moves `engine.clock` and calls `runCycle()`, so every run is deterministic.
 *
 *   const host = await startTestHost({ now: '2026-11-26 07:00' });   // clinic-local time
 *   await host.importSchedule();
 *   await page.goto(host.url);
 *   ...
 *   await host.close();
 */
export async function startTestHost(opts: Readonly<{ now?: string; staticDir?: string }> = {}): Promise<TestHost> {
  const staticDir = opts.staticDir ?? RENDERER_DIR;
  if (!existsSync(join(staticDir, 'index.html'))) {
    throw new Error(`${staticDir}/index.html is missing: run \`npm run build:renderer\` (Playwright's globalSetup does it).`);
  }
  const engine = createTestEngine(opts.now ? { now: local(opts.now) } : {});
  const web = await startWebHost({ services: engine.services, events: engine.events, staticDir, port: 0 });
  return {
    url: web.url,
    origin: `http://127.0.0.1:${web.port}`,
    token: web.token,
    authHeaders: { authorization: `Bearer ${web.token}` },
    engine,
    web,
    importSchedule: (csv) =>
      engine.services.importCsv({ csv: csv ?? readFileSync(SAMPLE_SCHEDULE, 'utf8'), fileName: 'schedule.csv', actor: 'test' }),
    runCycle: async () => {
      engine.services.plan();
      await engine.services.dispatch();
    },
    close: async () => {
      await web.close();
      await engine.jobs.stop();
      engine.cleanup();
    },
  };
}
