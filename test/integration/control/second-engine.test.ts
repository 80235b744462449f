import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { phone, scheduleCsv, setSettleMinutesInFile } from '../../helpers/engine';
import { type CliRun, startCli, waitUntil } from '../../helpers/control';

/** `run` as a user starts it: one engine sends at once; a second on the same file says who holds the lease. */

const NOW = '2026-11-27T11:00:00-05:00';
let dir: string;
const running: CliRun[] = [];
afterEach(() => {
  for (const r of running.splice(0)) r.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function sentCount(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM simulated_messages`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function stop(run: CliRun): Promise<number | null> {
  run.child.kill('SIGTERM');
  return (await run.done).code;
}

describe('two engines on one file', () => {
  it('the first sends at once on start; a second names the process holding the lease, stands by, and takes over when it stops', async () => {
    dir = mkdtempSync(join(tmpdir(), 'frontdesk-second-engine-'));
    const db = join(dir, 'clinic.db');
    writeFileSync(join(dir, 'day.csv'), scheduleCsv([{ id: 'A1', name: 'Maria Lopez', phone: phone(1), startsAt: '2026-11-28 10:00' }]));
    expect((await startCli(['init', '--timezone', 'America/New_York'], db).done).code).toBe(0);
    // Sends right after importing: no settle time (it has its own tests).
    setSettleMinutesInFile(db, 0);
    expect((await startCli(['import', join(dir, 'day.csv'), '--now', NOW], db).done).code).toBe(0);

    const first = startCli(['run', '--now', NOW], db);
    running.push(first);
    // The start-up cycle plans (on the worker thread) and sends the due text without waiting for a cron tick.
    await waitUntil(() => sentCount(db) === 1, 'the first engine to send at start-up', 30_000);

    let secondErr = '';
    const second = startCli(['run', '--now', NOW], db);
    running.push(second);
    second.child.stderr?.on('data', (chunk: Buffer) => (secondErr += chunk.toString('utf8')));
    await waitUntil(() => /holds the sender lease/.test(secondErr), 'the second engine to name the lease holder', 30_000);
    expect(secondErr).toContain(`process ${first.child.pid}`);
    expect(secondErr).toContain(db);

    // A one-shot dispatch is refused with the holder too, while the second engine runs and after it stopped.
    const refused = await startCli(['dispatch', '--now', NOW, '--json'], db).done;
    expect(JSON.parse(refused.stdout)).toMatchObject({ sent: 0, reason: expect.stringContaining(`process ${first.child.pid}`) });
    expect(await stop(second)).toBe(0);
    const still = await startCli(['dispatch', '--now', NOW, '--json'], db).done;
    expect(JSON.parse(still.stdout)).toMatchObject({ reason: expect.stringContaining(`process ${first.child.pid}`) });

    // A standby engine takes over within one lease renewal (15 s) once the first stops and releases it.
    let standbyErr = '';
    const standby = startCli(['run', '--now', NOW], db);
    running.push(standby);
    standby.child.stderr?.on('data', (chunk: Buffer) => (standbyErr += chunk.toString('utf8')));
    await waitUntil(() => /holds the sender lease/.test(standbyErr), 'the standby engine to start', 30_000);
    expect(await stop(first)).toBe(0);
    await waitUntil(() => /now holds the sender lease/.test(standbyErr), 'the standby engine to take over', 45_000);
    const taken = await startCli(['dispatch', '--now', NOW, '--json'], db).done;
    expect(JSON.parse(taken.stdout)).toMatchObject({ reason: expect.stringContaining(`process ${standby.child.pid}`) });

    // Stopped, it releases the lease.
    expect(await stop(standby)).toBe(0);
    const free = await startCli(['dispatch', '--now', NOW, '--json'], db).done;
    expect(JSON.parse(free.stdout)).toMatchObject({ reason: null });
    expect(sentCount(db)).toBe(1);
  });
});
