import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { importRows, local, phone } from '../../helpers/engine';
import { creates, ledgerRows, outboxRow, startTwilioWorld, type TwilioWorld } from '../../helpers/twilio-engine';
import { startCli, waitUntil, writeBigSchedule, writeLockHeld } from '../../helpers/control';

/**
 * The kill switch across processes and under load: the engine is sending through the real Twilio SDK (to the
 * fake Twilio) when another process starts a big import and a third pauses. Pause returns at once; the
 * answer to the text already at Twilio is recorded once the import lets go (not lost as unknown); no
 * provider request starts after pause returned.
 */

let world: TwilioWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('pause from another process while this engine sends and a third imports', () => {
  it('no provider request starts after pause returns', async () => {
    world = await startTwilioWorld({ now: local('2026-11-27 11:00') });
    const { fake } = world;
    // A long client timeout: the held text must not turn into "unknown" while the others act.
    const engine = world.engine({ config: { timeoutMs: 300_000 } });
    importRows(
      engine,
      [1, 2, 3].map((n) => ({ id: `A${n}`, name: `Patient ${n}`, phone: phone(n), startsAt: '2026-11-28 10:00' })),
    );
    // Twilio holds the first text until the test lets it go: the cycle is mid-send while the others act,
    // however slow this machine is.
    await fake.addFault({ match: { method: 'POST', path: '/Messages.json' }, action: { kind: 'hold', gate: 'first-text' }, times: 1 });

    const dispatching = engine.services.dispatch();
    await waitUntil(async () => (await fake.heldAt('first-text')) === 1, 'the first text to reach Twilio');

    const importing = startCli(['import', writeBigSchedule(join(world.dir, 'big.csv'), 40_000), '--json'], engine.file);
    try {
      await waitUntil(() => writeLockHeld(engine.file), 'the import to hold the write lock');
      const pause = await startCli(['pause', '--reason', 'wrong template', '--json'], engine.file).done;
      expect(pause.code).toBe(0);
      expect(JSON.parse(pause.stdout)).toMatchObject({ paused: true });
      const atPause = creates(await fake.requests(), 'Messages').length;
      // Pause came mid-cycle: only the held text had reached Twilio.
      expect(atPause).toBe(1);
      await fake.releaseGate('first-text');

      const result = await dispatching;
      expect(result).toMatchObject({ paused: true, reason: 'wrong template', unknown: 0 });
      expect(creates(await fake.requests(), 'Messages')).toHaveLength(atPause);
      expect((await importing.done).code).toBe(0);
      // Answers Twilio gave are in the ledger as sent; the rest wait, pending.
      expect(ledgerRows(engine.db).map((r) => r.outcome)).toEqual(Array.from({ length: atPause }, () => 'sent'));
      expect(outboxRow(engine.db, 'A3', 'sms')).toMatchObject({ state: 'pending' });
    } finally {
      importing.child.kill();
    }
    // Three processes and a 40,000-row import: on a loaded 2-core machine this takes minutes, not seconds.
  }, 240_000);
});
