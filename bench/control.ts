/**
 * The kill switch under load (docs/control.md), for `npm run bench`:
 *
 *   pauseDuringImportMs    the slowest way to `pause` while a 300,000-row import holds the schedule's write
 *                          lock (median of 3 tries each): the CLI `pause` process (spawn to exit, Node start-up
 *                          included) while a CLI import runs in another process, and `engine:pause` to the web
 *                          host, with that import in another process and with it in the web host's own engine
 *                          (worker thread). pauseMaxMs is the slowest single try.
 *   statusDuringImportMs   p99 of `engine:get-status` calls to the web host during those imports (the worse one)
 *
 * The web host runs here as `serve` runs it: a long-running engine (worker thread, jobs started).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { createEngine, type Engine } from '../electron/core/compose';
import { startWebHost, type WebHost } from '../electron/host/web/server';

const ROOT = join(__dirname, '..');
const CLI = join(ROOT, 'bin', 'frontdesk.cjs');

export interface ControlBenchResults {
  pauseDuringImportMs: number;
  statusDuringImportMs: number;
  controlImportRows: number;
  pauseCliDuringCliImportMs: number;
  pauseWebDuringCliImportMs: number;
  pauseWebDuringHostImportMs: number;
  /** The slowest of the three tries of each (the figures above are medians). */
  pauseMaxMs: number;
  statusP99DuringCliImportMs: number;
  statusP99DuringHostImportMs: number;
  statusSamples: number;
}

function usNumber(i: number): string {
  let exchange = 201 + Math.floor(i / 10_000);
  if (exchange % 100 === 11) exchange += 1;
  return `(212) ${exchange}-${String(i % 10_000).padStart(4, '0')}`;
}

function writeSchedule(file: string, rows: number): void {
  const lines = ['external_id,patient_name,phone,email,starts_at,duration_min,provider,status'];
  for (let i = 0; i < rows; i += 1) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const slot = Math.floor(i / 28) % 36;
    lines.push(
      `K${i},Patient ${i},${usNumber(i)},p${i}@example.com,2027-06-${day} ${String(8 + Math.floor(slot / 4)).padStart(2, '0')}:${String((slot % 4) * 15).padStart(2, '0')},30,Dr. ${i % 7},booked`,
    );
  }
  writeFileSync(file, lines.join('\n') + '\n');
}

function runCli(args: readonly string[]): { done: Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> } {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, FRONTDESK_TRANSPORT: 'simulate' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  return {
    done: new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started }))),
  };
}

function writeLockHeld(file: string): boolean {
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 0');
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return true;
    throw error;
  } finally {
    db.close();
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitForLock(file: string): Promise<void> {
  const deadline = performance.now() + 120_000;
  while (!writeLockHeld(file)) {
    if (performance.now() > deadline) throw new Error('the import never took the write lock');
    await sleep(10);
  }
}

function p99(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length * 0.99) - 1)] ?? Number.NaN;
}

interface Served {
  readonly engine: Engine;
  readonly host: WebHost;
  call(channel: string, body?: unknown): Promise<{ ms: number; value: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** A long-running engine behind the web host on `file`, as `serve` starts it. */
async function serve(dir: string, file: string): Promise<Served> {
  const engine = createEngine({ dbFile: file, backgroundWorker: true, planAfterChanges: true });
  await engine.services.updateSettings({ settings: { timezone: 'America/New_York' }, actor: 'bench' });
  await engine.jobs.start();
  const staticDir = join(dir, 'renderer');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html>');
  const host = await startWebHost({ services: engine.services, events: engine.events, staticDir, port: 0 });
  const call = async (channel: string, body: unknown = {}) => {
    const started = performance.now();
    const res = await fetch(`http://127.0.0.1:${host.port}/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}` },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { ok: boolean; value: Record<string, unknown>; error?: unknown };
    if (!json.ok) throw new Error(`${channel} failed: ${JSON.stringify(json.error)}`);
    return { ms: performance.now() - started, value: json.value };
  };
  return {
    engine,
    host,
    call,
    close: async () => {
      await host.close();
      await engine.jobs.stop();
      engine.close();
    },
  };
}

/** Polls status back to back until `until` settles; returns each call's time. */
async function pollStatus(served: Served, until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.finally(() => (done = true));
  const times: number[] = [];
  while (!done) {
    times.push((await served.call('engine:get-status')).ms);
    // A busy screen polls a few times a second; 40 calls a second leave the CPU to the import and the pauses.
    await sleep(25);
  }
  return times;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s[Math.floor(s.length / 2)]!;
}

/** Three web host pauses and (withCli) three CLI pause processes during the import; medians and maxima. */
async function pauses(
  served: Served,
  file: string,
  withCli: boolean,
): Promise<{ web: number; webMax: number; cli: number; cliMax: number }> {
  const web: number[] = [];
  const cli: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    await sleep(500);
    web.push((await served.call('engine:pause', { reason: 'bench' })).ms);
    await served.call('engine:resume');
    if (!withCli) continue;
    const r = await runCli(['pause', '--reason', 'bench', '--json', '--db', file]).done;
    if (r.code !== 0) throw new Error(`CLI pause failed during the import: ${r.stderr.trim()}`);
    cli.push(r.ms);
  }
  if (!writeLockHeld(file)) throw new Error('the import ended before the pauses were measured; use more rows');
  return { web: median(web), webMax: Math.max(...web), cli: median(cli), cliMax: cli.length ? Math.max(...cli) : Number.NaN };
}

export async function benchControl(rows: number): Promise<ControlBenchResults> {
  const dir = mkdtempSync(join(tmpdir(), 'frontdesk-bench-control-'));
  try {
    const csvFile = join(dir, 'schedule.csv');
    writeSchedule(csvFile, rows);

    // 1. The import runs in another process (`import` from the CLI) while `serve` runs on the same file.
    const fileA = join(dir, 'cli-import.db');
    const servedA = await serve(join(dir, 'a'), fileA);
    const importing = runCli(['import', csvFile, '--json', '--db', fileA]).done;
    await waitForLock(fileA);
    const [statusA, pauseA] = await Promise.all([pollStatus(servedA, importing), pauses(servedA, fileA, true)]);
    const imported = await importing;
    if (imported.code !== 0) throw new Error(`CLI import failed: ${imported.stderr.trim()}`);
    await servedA.close();

    // 2. The import runs inside the web host's own engine (its worker thread), as a folder sync would.
    const fileB = join(dir, 'host-import.db');
    const servedB = await serve(join(dir, 'b'), fileB);
    const csv = readFileSync(csvFile, 'utf8');
    const hostImport = servedB.engine.services.importCsv({ csv, actor: 'bench' });
    await waitForLock(fileB);
    const [statusB, pauseB] = await Promise.all([pollStatus(servedB, hostImport), pauses(servedB, fileB, false)]);
    const summary = await hostImport;
    if (summary.created !== rows) throw new Error(`host import created ${summary.created} of ${rows}`);
    await servedB.close();

    const statusP99DuringCliImportMs = p99(statusA);
    const statusP99DuringHostImportMs = p99(statusB);
    return {
      pauseDuringImportMs: Math.max(pauseA.cli, pauseA.web, pauseB.web),
      statusDuringImportMs: Math.max(statusP99DuringCliImportMs, statusP99DuringHostImportMs),
      controlImportRows: rows,
      pauseCliDuringCliImportMs: pauseA.cli,
      pauseWebDuringCliImportMs: pauseA.web,
      pauseWebDuringHostImportMs: pauseB.web,
      pauseMaxMs: Math.max(pauseA.cliMax, pauseA.webMax, pauseB.webMax),
      statusP99DuringCliImportMs,
      statusP99DuringHostImportMs,
      statusSamples: statusA.length + statusB.length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
