import { describe, expect, it } from 'vitest';
import { nodeCronScheduler } from '../../../electron/core/jobs/node-cron-scheduler';
import { JobRunner, nonOverlapping } from '../../../electron/core/jobs/scheduler';
import { silentLogger } from '../../../electron/core/platform/logger';
import { createTestEngine, importRows, local, phone } from '../../helpers/engine';

describe('jobs', () => {
  it('a tick that arrives while the previous run is still going is skipped, not queued', async () => {
    let release!: () => void;
    let runs = 0;
    const tick = nonOverlapping(
      { name: 'slow', cron: '* * * * *', run: () => new Promise<void>((resolve) => ((runs += 1), (release = resolve))) },
      silentLogger,
    );
    const first = tick();
    await tick();
    await tick();
    release();
    await first;
    expect(runs).toBe(1);
    await Promise.all([tick(), Promise.resolve().then(() => release())]);
    expect(runs).toBe(2);
  });

  it('a failing run is logged and the next tick runs again', async () => {
    const errors: string[] = [];
    let runs = 0;
    const tick = nonOverlapping(
      {
        name: 'flaky',
        cron: '* * * * *',
        run: () => {
          runs += 1;
          throw new Error('boom');
        },
      },
      { ...silentLogger, error: (m) => errors.push(m) },
    );
    await tick();
    await tick();
    expect(runs).toBe(2);
    expect(errors).toEqual(['flaky failed', 'flaky failed']);
  });

  it('the engine schedules planner and dispatcher; ticks driven with a fake clock send reminders', async () => {
    const engine = createTestEngine({ now: local('2026-11-27 10:59') });
    try {
      importRows(engine, [{ id: 'A1', name: 'Maria Lopez', phone: phone(1), startsAt: '2026-11-28 11:00' }]);
      await engine.jobs.start();
      expect(engine.scheduler.has('planner') && engine.scheduler.has('dispatcher')).toBe(true);
      await engine.scheduler.tick('planner');
      expect(engine.services.status().outbox).toMatchObject({ pending: 2 });
      await engine.scheduler.tick('dispatcher');
      expect(engine.services.contacts({})).toHaveLength(0);
      engine.clock.advance(60_000);
      await engine.scheduler.tick('dispatcher');
      expect(engine.services.contacts({}).map((c) => c.channel)).toEqual(['sms']);
      await engine.jobs.stop();
      expect(engine.scheduler.has('dispatcher')).toBe(false);
    } finally {
      engine.cleanup();
    }
  });

  it('the node-cron adapter runs a job on its schedule and stops', async () => {
    const scheduler = nodeCronScheduler();
    let runs = 0;
    const runner = new JobRunner(scheduler, [{ name: 'every-second', cron: '* * * * * *', run: () => void (runs += 1) }], silentLogger);
    runner.start();
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    await runner.stop();
    const after = runs;
    expect(after).toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(runs).toBe(after);
  });
});
