import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { phone, scheduleCsv, setSettleMinutesInFile } from '../../helpers/engine';
import { ROOT, startCli, waitUntil } from '../../helpers/control';

/**
 * `run` and `serve` as a service manager or a desk shortcut runs them: node on the CLI directly (no npm
 * wrapper), stopped by a signal or by the end of the process that started them (docs/headless.md).
 */

// The bundle a service runs (the deb's unit runs node on it); bin/frontdesk.cjs rebuilds it when stale.
const BUNDLE = join(ROOT, 'out', 'cli', 'frontdesk.cjs');
const NOW = '2026-11-27T11:00:00-05:00';
let dir: string;
let db: string;
const children: ChildProcess[] = [];

beforeAll(() => {
  (require(join(ROOT, 'scripts', 'build-cli.cjs')) as { buildCli(): string }).buildCli();
});

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function clinicWithOneDueText(): Promise<void> {
  dir = mkdtempSync(join(tmpdir(), 'frontdesk-lifecycle-'));
  db = join(dir, 'clinic.db');
  writeFileSync(join(dir, 'day.csv'), scheduleCsv([{ id: 'A1', name: 'Maria Lopez', phone: phone(1), startsAt: '2026-11-28 10:00' }]));
  expect((await startCli(['init', '--timezone', 'America/New_York'], db).done).code).toBe(0);
  setSettleMinutesInFile(db, 0);
  expect((await startCli(['import', join(dir, 'day.csv'), '--now', NOW], db).done).code).toBe(0);
}

type Started = { child: ChildProcess; stderr: () => string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> };

/** node out/cli/frontdesk.cjs <args>, as the systemd unit starts it; resolves once the engine says it runs. */
async function startEngine(args: readonly string[]): Promise<Started> {
  const child = spawn(process.execPath, [BUNDLE, ...args, '--db', db, '--now', NOW], {
    cwd: dir,
    env: { ...process.env, FRONTDESK_TRANSPORT: 'simulate' },
  });
  children.push(child);
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
  child.stdout!.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  await waitUntil(() => /Frontdesk engine running/.test(err) || child.exitCode !== null, 'the engine to start', 60_000);
  return { child, stderr: () => err, exited };
}

function sentAndSending(): { sent: number; sending: number } {
  const conn = new Database(db, { readonly: true });
  try {
    const sent = (conn.prepare(`SELECT COUNT(*) AS n FROM simulated_messages`).get() as { n: number }).n;
    const sending = (conn.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE state = 'sending'`).get() as { n: number }).n;
    return { sent, sending };
  } finally {
    conn.close();
  }
}

/** The sender lease is free when a one-shot dispatch names no other holder. */
async function leaseIsFree(): Promise<boolean> {
  const out = await startCli(['dispatch', '--now', NOW, '--json'], db).done;
  return (JSON.parse(out.stdout) as { reason: string | null }).reason === null;
}

describe('stopping run and serve', () => {
  for (const [command, signal] of [
    ['run', 'SIGTERM'],
    ['serve', 'SIGINT'],
  ] as const) {
    it(`${command} stops on ${signal}: exit 0, lease released, database closed with nothing half-sent`, async () => {
      await clinicWithOneDueText();
      const engine = await startEngine(command === 'serve' ? ['serve', '--port', '0'] : ['run']);
      await waitUntil(() => sentAndSending().sent === 1, 'the start-up cycle to send', 30_000);
      expect(await leaseIsFree()).toBe(false);
      engine.child.kill(signal);
      expect(await engine.exited).toEqual({ code: 0, signal: null });
      expect(engine.stderr()).toContain('Frontdesk engine stopping');
      expect(sentAndSending()).toEqual({ sent: 1, sending: 0 });
      expect(await leaseIsFree()).toBe(true);
    });
  }
});

describe('parent watch', () => {
  /** A launcher (a desk shortcut, a script) that starts the engine and is then killed without a chance to clean up. */
  function launcher(extra: readonly string[]): { child: ChildProcess; enginePid: Promise<number> } {
    const script = `
      const { spawn } = require('node:child_process');
      const c = spawn(process.execPath, ${JSON.stringify([BUNDLE, 'run', '--db', db, '--now', NOW, ...extra])}, { stdio: 'ignore', env: { ...process.env, FRONTDESK_TRANSPORT: 'simulate' } });
      process.stdout.write(c.pid + '\\n');
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['-e', script], { cwd: dir });
    children.push(child);
    const enginePid = new Promise<number>((resolve) => child.stdout!.once('data', (c: Buffer) => resolve(Number(c.toString().trim()))));
    return { child, enginePid };
  }
  const exists = (pid: number): boolean => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it('run exits on its own when the process that launched it dies, and releases the lease', async () => {
    await clinicWithOneDueText();
    const { child, enginePid } = launcher([]);
    const pid = await enginePid;
    await waitUntil(() => sentAndSending().sent === 1, 'the engine to send at start-up', 30_000);
    child.kill('SIGKILL');
    await waitUntil(() => !exists(pid), 'the orphaned engine to exit', 30_000);
    expect(await leaseIsFree()).toBe(true);
  });

  it('--no-parent-watch keeps it running; --parent-pid watches another process', async () => {
    await clinicWithOneDueText();
    const kept = launcher(['--no-parent-watch']);
    const keptPid = await kept.enginePid;
    await waitUntil(() => sentAndSending().sent === 1, 'the engine to send at start-up', 30_000);
    kept.child.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 3_000));
    expect(exists(keptPid)).toBe(true);
    process.kill(keptPid, 'SIGTERM');
    await waitUntil(() => !exists(keptPid), 'the engine to stop on SIGTERM', 30_000);

    const watched = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    children.push(watched);
    const engine = await startEngine(['run', '--parent-pid', String(watched.pid)]);
    watched.kill('SIGKILL');
    expect(await engine.exited).toEqual({ code: 0, signal: null });
    expect(engine.stderr()).toContain('the process that started it has ended');
  });

  it('a bad --parent-pid is a one-line error (exit 2) before anything starts', async () => {
    await clinicWithOneDueText();
    const out = await startCli(['run', '--parent-pid', 'abc'], db).done;
    expect(out.code).toBe(2);
    expect(out.stderr.trim().split('\n')).toEqual(['error: --parent-pid must be a process id (a positive whole number), got "abc"']);
  });
});
