import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, startCli, waitUntil } from '../../helpers/control';

/**
 * Why services run node, not `npm run` (docs/headless.md#run-node-not-npm): when npm dies without
 * passing anything on, the engine it started used to keep running, orphaned, holding the sender lease.
 * With the parent watch it notices and stops by itself.
 */

const NOW = '2026-11-27T11:00:00-05:00';
let dir: string;
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const exists = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The pid of the engine holding the lease, as a one-shot dispatch names it; null when free. */
async function leaseHolder(db: string): Promise<number | null> {
  const out = await startCli(['dispatch', '--now', NOW, '--json'], db).done;
  const reason = (JSON.parse(out.stdout) as { reason: string | null }).reason;
  const pid = reason ? /process (\d+)/.exec(reason)?.[1] : undefined;
  return pid ? Number(pid) : null;
}

describe('an engine started through npm run', () => {
  it('stops by itself when npm is killed', async () => {
    dir = mkdtempSync(join(tmpdir(), 'frontdesk-npm-'));
    const db = join(dir, 'clinic.db');
    expect((await startCli(['init', '--timezone', 'America/New_York'], db).done).code).toBe(0);
    const npm = spawn('npm', ['run', '--silent', 'cli', '--', 'run', '--db', db, '--now', NOW], {
      cwd: ROOT,
      env: { ...process.env, FRONTDESK_TRANSPORT: 'simulate' },
      stdio: 'ignore',
    });
    children.push(npm);
    let engine: number | null = null;
    await waitUntil(
      async () => {
        engine = await leaseHolder(db);
        return engine !== null;
      },
      'the engine under npm to take the sender lease',
      60_000,
    );
    expect(engine).not.toBe(npm.pid);
    npm.kill('SIGKILL');
    await waitUntil(() => !exists(engine!), 'the orphaned engine to stop', 30_000);
    expect(await leaseHolder(db)).toBeNull();
  });
});
