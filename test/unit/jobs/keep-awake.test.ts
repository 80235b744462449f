import { afterEach, describe, expect, it } from 'vitest';
import { KeepAwake, type PowerBlocker, refreshKeepAwake, shouldKeepAwake } from '../../../electron/core/jobs/keep-awake';
import { HOUR_MS, MINUTE_MS } from '../../../electron/core/platform/clock';
import { silentLogger } from '../../../electron/core/platform/logger';
import { createTestEngine, importRows, local, phone, type TestEngine } from '../../helpers/engine';

let engine: TestEngine | undefined;
afterEach(() => {
  engine?.cleanup();
  engine = undefined;
});

/** powerSaveBlocker as a fake: records what was started and stopped. */
function fakeBlocker(): PowerBlocker & { started: Set<number>; calls: string[] } {
  let next = 1;
  const b = {
    started: new Set<number>(),
    calls: [] as string[],
    start: (type: string) => (b.calls.push(`start ${type}`), b.started.add(next), next++),
    stop: (id: number) => void (b.calls.push(`stop ${id}`), b.started.delete(id)),
    isStarted: (id: number) => b.started.has(id),
  };
  return b;
}

describe('keep awake', () => {
  const now = local('2026-11-27 11:00');
  it('only while a reminder may go within the next hour and sending is not paused', () => {
    expect(shouldKeepAwake({ nextDueMs: null, nowMs: now, paused: false })).toBe(false);
    expect(shouldKeepAwake({ nextDueMs: now - MINUTE_MS, nowMs: now, paused: false })).toBe(true);
    expect(shouldKeepAwake({ nextDueMs: now + HOUR_MS, nowMs: now, paused: false })).toBe(true);
    expect(shouldKeepAwake({ nextDueMs: now + HOUR_MS + 1, nowMs: now, paused: false })).toBe(false);
    expect(shouldKeepAwake({ nextDueMs: now, nowMs: now, paused: true })).toBe(false);
  });

  it('holds one prevent-app-suspension blocker, and starts a new one if the OS dropped it', () => {
    const blocker = fakeBlocker();
    const awake = new KeepAwake(blocker, silentLogger);
    awake.set(true);
    awake.set(true);
    expect(blocker.calls).toEqual(['start prevent-app-suspension']);
    expect(awake.active).toBe(true);
    awake.set(false);
    awake.set(false);
    expect(blocker.calls).toEqual(['start prevent-app-suspension', 'stop 1']);
    awake.set(true);
    blocker.started.clear();
    awake.set(true);
    expect(blocker.calls.filter((c) => c.startsWith('start'))).toHaveLength(3);
  });

  it('follows the schedule: awake an hour before the next text, asleep once nothing is left or when paused', async () => {
    engine = createTestEngine({ now: local('2026-11-27 07:00') });
    importRows(engine, [{ id: 'A1', name: 'Maria Lopez', phone: phone(1), startsAt: '2026-11-28 12:00' }]);
    await engine.services.plan();
    const blocker = fakeBlocker();
    const keepAwake = new KeepAwake(blocker, silentLogger);
    const deps = { db: engine.db, clock: engine.clock, isPaused: () => engine!.control.isPaused(), keepAwake };
    // The text may go from 12:00 (24 h before): not yet at 07:00, from 11:00 on.
    expect(refreshKeepAwake(deps)).toBe(false);
    engine.clock.set(local('2026-11-27 11:00'));
    expect(refreshKeepAwake(deps)).toBe(true);
    engine.services.pause({ reason: 'test', actor: 'desk' });
    expect(refreshKeepAwake(deps)).toBe(false);
    engine.services.resume({ actor: 'desk' });
    engine.clock.set(local('2026-11-27 12:00'));
    expect(refreshKeepAwake(deps)).toBe(true);
    await engine.services.dispatch();
    // The text went; the call (10:00 tomorrow) is far off.
    expect(refreshKeepAwake(deps)).toBe(false);
    expect(blocker.calls).toEqual(['start prevent-app-suspension', 'stop 1', 'start prevent-app-suspension', 'stop 2']);
  });
});
