import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
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

/** Simulate transports whose send runs `after` once the provider has the message. */
function transportsThen(after: () => void) {
  return (db: WritableDB, clock: Clock): Transports => {
    const wrap = (channel: 'email' | 'sms' | 'voice'): Transport => {
      const inner = new SimulateTransport(channel, db, clock);
      return {
        name: 'simulate',
        channel,
        reconcileIsExact: true,
        send: async (m): Promise<SendResult> => {
          const res = await inner.send(m);
          after();
          return res;
        },
        reconcile: (m) => inner.reconcile(m),
      };
    };
    return { email: wrap('email'), sms: wrap('sms'), voice: wrap('voice'), description: 'simulate, then a lock' };
  };
}

describe('provider answers and a long import', () => {
  it('the answer is recorded once the import lets go of the lock, never lost as unknown', async () => {
    let importer: Database.Database | undefined;
    engine = createTestEngine({
      now: local('2026-11-27 11:00'),
      // Right after the provider took the message, "an import" in another connection takes the write lock.
      transports: transportsThen(() => {
        if (importer) return;
        importer = new Database(engine!.file);
        importer.exec('BEGIN IMMEDIATE');
        setTimeout(() => {
          importer!.exec('COMMIT');
          importer!.close();
        }, 1_500);
      }),
    });
    // A short lock wait, so "the import outlasts the wait" happens within the test's time.
    engine.db.pragma('busy_timeout = 200');
    importRows(engine, [{ id: 'A1', name: 'Maria Lopez', phone: phone(1), startsAt: '2026-11-28 10:00' }]);
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 50);
    try {
      expect(await engine.services.dispatch()).toMatchObject({ sent: 1, unknown: 0, failed: 0 });
    } finally {
      clearInterval(timer);
    }
    expect(importer).toBeDefined();
    // The event loop kept running while the dispatcher waited for the lock.
    expect(ticks).toBeGreaterThan(5);
    expect(engine.services.contacts({}).map((c) => c.outcome)).toEqual(['simulated']);
    expect(engine.services.status().outbox).toEqual({ sent: 1, pending: 1 });
  });
});

describe('claims that waited long for the lock', () => {
  it('are checked again before they go, not sent on old checks', async () => {
    let importer: Database.Database | undefined;
    engine = createTestEngine({
      now: local('2026-11-27 11:00'),
      transports: transportsThen(() => {
        if (importer) return;
        importer = new Database(engine!.file);
        importer.exec('BEGIN IMMEDIATE');
        // The import takes two minutes of clock time; the second text was claimed before it.
        engine!.clock.advance(120_000);
        setTimeout(() => {
          importer!.exec('COMMIT');
          importer!.close();
        }, 500);
      }),
    });
    engine.db.pragma('busy_timeout = 100');
    importRows(
      engine,
      [1, 2].map((n) => ({ id: `A${n}`, name: `Patient ${n}`, phone: phone(n), startsAt: '2026-11-28 10:00' })),
    );
    expect(await engine.services.dispatch()).toMatchObject({ sent: 1, unknown: 0, reason: expect.stringMatching(/back to the queue/) });
    const waiting = engine.db.prepare(`SELECT state, reason FROM outbox WHERE channel = 'sms' AND state != 'sent'`).all();
    expect(waiting).toEqual([{ state: 'pending', reason: expect.stringMatching(/checked again before sending/) }]);
    expect(engine.services.contacts({})).toHaveLength(1);
    expect(await engine.services.dispatch()).toMatchObject({ sent: 1, unknown: 0, reason: null });
  });
});

describe('a dispatch cycle while an import holds the lock', () => {
  it('steps aside at once with the reason, then sends once the lock is free', async () => {
    engine = createTestEngine({ now: local('2026-11-27 11:00') });
    importRows(engine, [{ id: 'A1', name: 'Maria Lopez', phone: phone(1), startsAt: '2026-11-28 10:00' }]);
    const importer = new Database(engine.file);
    importer.exec('BEGIN IMMEDIATE');
    try {
      expect(await engine.services.dispatch()).toMatchObject({ sent: 0, paused: false, reason: expect.stringMatching(/schedule is busy/) });
      engine.services.pause({ reason: 'lunch', actor: 'Dana' });
      expect(await engine.services.dispatch()).toMatchObject({ sent: 0, paused: true, reason: 'lunch' });
      engine.services.resume({ actor: 'Dana' });
    } finally {
      importer.exec('ROLLBACK');
      importer.close();
    }
    expect(await engine.services.dispatch()).toMatchObject({ sent: 1, reason: null });
  });
});

describe('start-up', () => {
  it('a started engine runs one plan-and-dispatch cycle at once, not only at the next cron tick', async () => {
    engine = createTestEngine({ now: local('2026-11-27 11:00') });
    importRows(engine, [{ id: 'A1', name: 'Maria Lopez', phone: phone(1), startsAt: '2026-11-28 10:00' }]);
    await engine.jobs.start();
    expect(engine.services.contacts({}).map((c) => [c.appointment, c.channel])).toEqual([['A1', 'sms']]);
    expect(engine.scheduler.has('dispatcher')).toBe(true);
    await engine.jobs.stop();
  });
});

describe('the kill switch alone', () => {
  it('reads and writes nothing in the schedule, so its time never depends on the schedule size or lock', () => {
    engine = createTestEngine({ now: local('2026-11-27 11:00') });
    const file = engine.file;
    engine.db.close();
    expect(engine.services.pauseSending({ reason: 'now', actor: 'cli' })).toEqual({
      paused: true,
      reason: 'now',
      pauseKind: 'manual',
      pausedAt: '2026-11-27T16:00:00.000Z',
      pausedBy: 'cli',
    });
    engine.control.close();
    engine = createTestEngine({ now: local('2026-11-27 11:00'), file });
    expect(engine.services.status()).toMatchObject({ paused: true, reason: 'now' });
    engine.close();
    engine = undefined;
    rmSync(dirname(file), { recursive: true, force: true });
  });
});
