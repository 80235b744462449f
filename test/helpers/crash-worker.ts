/**
 * A dispatcher process for the kill -9 test (test/integration/crash/kill9.test.ts). Run with
 * `node --import tsx test/helpers/crash-worker.ts <dbFile> <nowMs> <seed>`.
 *
 * It opens the schedule file, prints "ready", and runs dispatch cycles at a frozen clock until nothing
 * is left to send, then prints "drained" and exits 0. Its transport is the simulate transport made slow:
 * each send waits a few ms before reaching the "provider" (kill there → not found at the provider) and a
 * few ms after it (kill there → found), widening the window between the `sending` commit and the result.
 */
import type { OutgoingMessage, ReconcileResult, SendResult, Transport, Transports } from '../../electron/core/channels/channel';
import { SimulateTransport } from '../../electron/core/channels/simulate';
import { createEngine } from '../../electron/core/compose';
import type { WritableDB } from '../../electron/core/db/connection';
import type { Channel } from '../../shared/domain/types';
import { type Clock, fixedClock } from '../../electron/core/platform/clock';

const [dbFile, nowText, seedText] = process.argv.slice(2);
if (!dbFile || !nowText) {
  process.stderr.write('usage: crash-worker.ts <dbFile> <nowMs> [seed]\n');
  process.exit(2);
}

let seed = Number(seedText ?? 1) >>> 0;
function random(): number {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

class SlowSimulateTransport implements Transport {
  readonly name = 'simulate';
  private readonly inner: SimulateTransport;
  constructor(
    readonly channel: Channel,
    db: WritableDB,
    clock: Clock,
  ) {
    this.inner = new SimulateTransport(channel, db, clock);
  }
  async send(message: OutgoingMessage): Promise<SendResult> {
    await wait(3 + Math.floor(random() * 10));
    const result = await this.inner.send(message);
    await wait(3 + Math.floor(random() * 10));
    return result;
  }
  reconcile(message: OutgoingMessage): Promise<ReconcileResult> {
    return this.inner.reconcile(message);
  }
}

function slowTransports(db: WritableDB, clock: Clock): Transports {
  return {
    email: new SlowSimulateTransport('email', db, clock),
    sms: new SlowSimulateTransport('sms', db, clock),
    voice: new SlowSimulateTransport('voice', db, clock),
    description: 'slow simulate (crash test)',
  };
}

async function main(): Promise<void> {
  const engine = createEngine({ dbFile: dbFile!, clock: fixedClock(Number(nowText)), transports: slowTransports, sleep: wait });
  const leftToDo = engine.db.prepare(
    `SELECT COUNT(*) AS n FROM outbox WHERE state IN ('sending', 'unknown') OR (state = 'pending' AND not_before <= ? AND expires_at > ?)`,
  );
  process.stdout.write('ready\n');
  for (let cycle = 0; cycle < 50; cycle += 1) {
    const result = await engine.services.dispatch();
    process.stdout.write(`cycle ${JSON.stringify(result)}\n`);
    if (result.paused || result.reason) throw new Error(`dispatch did not run: ${result.reason ?? 'paused'}`);
    const now = Number(nowText);
    if ((leftToDo.get(now, now) as { n: number }).n === 0) {
      engine.close();
      process.stdout.write('drained\n');
      return;
    }
  }
  throw new Error('not drained after 50 cycles');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
