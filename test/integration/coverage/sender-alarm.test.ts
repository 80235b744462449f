import { afterEach, describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../electron/core/platform/engine-events';
import { MINUTE_MS } from '../../../electron/core/platform/clock';
import { createTestEngine, importRows, local, phone, type TestEngine } from '../../helpers/engine';

let engine: TestEngine;
afterEach(async () => {
  await engine?.jobs.stop();
  engine?.cleanup();
});

const T = local('2026-12-03 10:00');

describe('"the sender is down": no dispatch cycle for 5 minutes while reminders are due', () => {
  it('is raised from the heartbeats, carried by status and pushed once, and clears when a cycle runs', async () => {
    engine = createTestEngine({ now: T });
    const events: EngineEvent[] = [];
    engine.events.on((e) => events.push(e));
    await engine.jobs.start(); // the start-up cycle writes a heartbeat
    expect(engine.services.status().senderDown).toBeNull();

    // A text due now (appointment tomorrow 09:00), and then no cycle: the dispatcher job does not tick.
    engine.clock.set(T + MINUTE_MS);
    importRows(engine, [{ id: 'A-1', name: 'Ana Diaz', phone: phone(1), startsAt: '2026-12-04 09:00' }]);
    engine.services.plan();
    engine.clock.set(T + 4 * MINUTE_MS);
    await engine.scheduler.tick('coverage');
    expect(engine.services.status().senderDown).toBeNull();
    expect(events.filter((e) => e.type === 'attention')).toEqual([]);

    engine.clock.set(T + 5 * MINUTE_MS);
    await engine.scheduler.tick('coverage');
    expect(engine.services.status().senderDown).toEqual({ lastCycleAt: new Date(T).toISOString(), due: 1 });
    await engine.scheduler.tick('coverage'); // still down: no second push
    const alarms = events.filter((e) => e.type === 'attention' && e.kind === 'sender_down');
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ message: 'No sending cycle has run for 5 minutes while 1 reminder(s) are due' });

    events.length = 0;
    await engine.scheduler.tick('dispatcher');
    await engine.scheduler.tick('coverage');
    expect(engine.services.status().senderDown).toBeNull();
    expect(events).toContainEqual({ type: 'changed', topics: ['status'] });
  });

  it('stays quiet on a schedule no engine ever sent from', () => {
    engine = createTestEngine({ now: T });
    importRows(engine, [{ id: 'A-1', name: 'Ana Diaz', phone: phone(1), startsAt: '2026-12-04 09:00' }]);
    engine.services.plan();
    engine.clock.set(T + 60 * MINUTE_MS);
    expect(engine.services.status().senderDown).toBeNull();
  });

  it('stays quiet when nothing is due, however long since the last cycle', async () => {
    engine = createTestEngine({ now: T });
    await engine.jobs.start();
    importRows(engine, [{ id: 'A-1', name: 'Ana Diaz', phone: phone(1), startsAt: '2026-12-10 09:00' }]);
    engine.services.plan();
    engine.clock.set(T + 60 * MINUTE_MS);
    expect(engine.services.status().senderDown).toBeNull();
  });

  it('stays quiet while paused: paused cycles still run and beat', async () => {
    engine = createTestEngine({ now: T });
    engine.services.pause({ reason: 'test', actor: 'test' });
    importRows(engine, [{ id: 'A-1', name: 'Ana Diaz', phone: phone(1), startsAt: '2026-12-04 09:00' }]);
    engine.services.plan();
    for (let m = 0; m <= 10; m += 1) {
      engine.clock.set(T + m * MINUTE_MS);
      await engine.services.dispatch();
    }
    expect(engine.services.status().senderDown).toBeNull();
  });
});

describe('the at-risk notice an hour before the desk usually goes off', () => {
  it('says once per desk day, with a count only, when reminders fall due while the desk is off', async () => {
    engine = createTestEngine({ now: local('2026-12-04 16:00') });
    await engine.services.updateSettings({ settings: { deskHours: 'Mon-Fri 07:30-18:00' }, actor: 'test' });
    importRows(engine, [{ id: 'MON-10', name: 'Ana Diaz', phone: phone(1), startsAt: '2026-12-07 10:00' }]);
    engine.services.plan();
    const notices: EngineEvent[] = [];
    engine.events.on((e) => {
      if (e.type === 'attention' && e.kind === 'coverage_at_risk') notices.push(e);
    });
    await engine.jobs.start();
    engine.clock.set(local('2026-12-04 16:59'));
    await engine.scheduler.tick('coverage');
    expect(notices).toEqual([]);
    engine.clock.set(local('2026-12-04 17:00'));
    await engine.scheduler.tick('coverage');
    engine.clock.set(local('2026-12-04 17:30'));
    await engine.scheduler.tick('coverage');
    expect(notices).toEqual([
      { type: 'attention', kind: 'coverage_at_risk', message: '1 reminder(s) fall due while this computer is expected to be off' },
    ]);
  });
});
