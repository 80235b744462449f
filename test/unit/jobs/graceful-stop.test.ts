import { afterEach, describe, expect, it } from 'vitest';
import type { SendResult, Transport, Transports } from '../../../electron/core/channels/channel';
import { SimulateTransport } from '../../../electron/core/channels/simulate';
import type { WritableDB } from '../../../electron/core/db/connection';
import type { Clock } from '../../../electron/core/platform/clock';
import { createTestEngine, importRows, local, phone, type TestEngine } from '../../helpers/engine';

let engine: TestEngine | undefined;
afterEach(() => {
  engine?.cleanup();
  engine = undefined;
});

/** Simulate transports whose first send waits at a gate the test opens. */
function gatedTransports(gate: { entered: () => void; open: Promise<void> }) {
  let first = true;
  return (db: WritableDB, clock: Clock): Transports => {
    const wrap = (channel: 'email' | 'sms' | 'voice'): Transport => {
      const inner = new SimulateTransport(channel, db, clock);
      return {
        name: 'simulate',
        channel,
        reconcileIsExact: true,
        send: async (m): Promise<SendResult> => {
          if (first) {
            first = false;
            gate.entered();
            await gate.open;
          }
          return inner.send(m);
        },
        reconcile: (m) => inner.reconcile(m),
      };
    };
    return { email: wrap('email'), sms: wrap('sms'), voice: wrap('voice'), description: 'simulate behind a gate' };
  };
}

describe('stopping the engine during a send', () => {
  it('finishes and records the provider call in flight, puts the rest back to pending, and only then resolves', async () => {
    let entered!: () => void;
    const inSend = new Promise<void>((r) => (entered = r));
    let openGate!: () => void;
    const open = new Promise<void>((r) => (openGate = r));
    engine = createTestEngine({ now: local('2026-11-27 11:00'), transports: gatedTransports({ entered, open }) });
    importRows(engine, [
      { id: 'A1', name: 'Maria Lopez', phone: phone(1), startsAt: '2026-11-28 10:00' },
      { id: 'A2', name: 'John Smith', phone: phone(2), startsAt: '2026-11-28 10:30' },
      { id: 'A3', name: 'Ana Diaz', phone: phone(3), startsAt: '2026-11-28 11:00' },
    ]);
    const started = engine.jobs.start();
    await inSend;
    let stopped = false;
    const stopping = engine.jobs.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 50));
    // The database must not close under the cycle: stop waits for it.
    expect(stopped).toBe(false);
    openGate();
    await stopping;
    await started;
    const rows = engine.db.prepare(`SELECT state, reason FROM outbox WHERE channel = 'sms' ORDER BY id`).all() as {
      state: string;
      reason: string | null;
    }[];
    expect(rows.map((r) => r.state)).toEqual(['sent', 'pending', 'pending']);
    expect(rows.slice(1).map((r) => r.reason)).toEqual(['the engine stopped before sending', 'the engine stopped before sending']);
    // Exactly one provider attempt in the ledger, none for the rows put back.
    expect(engine.services.contacts({}).map((c) => c.outcome)).toEqual(['simulated']);
    expect(engine.db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE state = 'sending'`).get()).toEqual({ n: 0 });
  });

  it('a restarted engine sends what the stop put back', async () => {
    let entered!: () => void;
    const inSend = new Promise<void>((r) => (entered = r));
    let openGate!: () => void;
    const open = new Promise<void>((r) => (openGate = r));
    engine = createTestEngine({ now: local('2026-11-27 11:00'), transports: gatedTransports({ entered, open }) });
    importRows(engine, [
      { id: 'A1', name: 'Maria Lopez', phone: phone(1), startsAt: '2026-11-28 10:00' },
      { id: 'A2', name: 'John Smith', phone: phone(2), startsAt: '2026-11-28 10:30' },
    ]);
    const started = engine.jobs.start();
    await inSend;
    const stopping = engine.jobs.stop();
    openGate();
    await Promise.all([stopping, started]);
    await engine.jobs.start();
    expect(engine.services.contacts({}).map((c) => c.outcome)).toEqual(['simulated', 'simulated']);
    await engine.jobs.stop();
  });
});
