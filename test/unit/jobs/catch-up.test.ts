import { afterEach, describe, expect, it } from 'vitest';
import { type IntervalTimers, watchForClockJumps } from '../../../electron/core/jobs/catch-up';
import { HOUR_MS, ManualClock } from '../../../electron/core/platform/clock';
import { silentLogger } from '../../../electron/core/platform/logger';
import { createTestEngine, importRows, local, phone, type TestEngine } from '../../helpers/engine';

let engine: TestEngine | undefined;
afterEach(() => {
  engine?.cleanup();
  engine = undefined;
});

/** Interval timers the test fires by hand. */
function manualTimers(): IntervalTimers & { fire(): void; cleared: boolean } {
  const t = {
    fn: undefined as (() => void) | undefined,
    cleared: false,
    setInterval: (fn: () => void) => ((t.fn = fn), 1),
    clearInterval: () => void (t.cleared = true),
    fire: () => t.fn?.(),
  };
  return t;
}

type Row = { rule_id: string; appointment: string; state: string; not_before: number; expires_at: number; sent_at: number | null };

function outboxRows(e: TestEngine): Row[] {
  return e.db
    .prepare(
      `SELECT o.rule_id, a.external_id AS appointment, o.state, o.not_before, o.expires_at,
              (SELECT MIN(s.created_at) FROM simulated_messages s WHERE s.outbox_id = o.id) AS sent_at
         FROM outbox o JOIN appointments a ON a.id = o.appointment_id ORDER BY a.external_id, o.not_before`,
    )
    .all() as Row[];
}

/** Wednesday 07:00: nothing is due yet; the desk PC then sleeps until Friday 12:15. */
function sleepyEngine(): { e: TestEngine; mono: ManualClock; timers: ReturnType<typeof manualTimers>; cycles: Promise<void>[] } {
  const e = (engine = createTestEngine({ now: local('2026-11-25 07:00') }));
  importRows(e, [
    { id: 'FRI14', name: 'Maria Lopez', phone: phone(1), email: 'maria@example.com', startsAt: '2026-11-27 14:00' },
    { id: 'SAT10', name: 'John Smith', phone: phone(2), email: 'john@example.com', startsAt: '2026-11-28 10:00' },
  ]);
  const mono = new ManualClock(5_000);
  const timers = manualTimers();
  const cycles: Promise<void>[] = [];
  return { e, mono, timers, cycles };
}

describe('catch-up after sleep or a clock jump', () => {
  it('a wake-up seen only by the clock watch (no resume event) runs a cycle at once, and nothing goes late', async () => {
    const { e, mono, timers, cycles } = sleepyEngine();
    await e.jobs.start();
    expect(e.services.contacts({})).toEqual([]);
    const watch = watchForClockJumps({
      wall: e.clock,
      monotonic: mono,
      runCycle: () => {
        const cycle = e.jobs.runCycle();
        cycles.push(cycle);
        return cycle;
      },
      logger: silentLogger,
      timers,
      intervalMs: 15_000,
    });
    // Asleep for 53 hours: Linux's steady clock stopped, the wall clock did not. No cron tick ran.
    e.clock.set(local('2026-11-27 12:15'));
    mono.advance(15_000);
    timers.fire();
    expect(cycles).toHaveLength(1);
    await cycles[0];

    const wake = e.clock.now();
    const rows = outboxRows(e);
    // Windows that closed during the sleep expired; nothing was sent outside its window.
    expect(rows.filter((r) => r.state === 'expired').map((r) => `${r.appointment} ${r.rule_id}`)).toEqual([
      'FRI14 email-48h',
      'FRI14 sms-24h',
      'SAT10 email-48h',
    ]);
    for (const r of rows.filter((x) => x.sent_at !== null)) {
      expect(r.not_before).toBeLessThanOrEqual(r.sent_at!);
      expect(r.sent_at!).toBeLessThan(r.expires_at);
    }
    // Still-open windows went out at once, the latest step of each appointment only.
    expect(rows.filter((r) => r.sent_at !== null).map((r) => `${r.appointment} ${r.rule_id}`)).toEqual(['FRI14 voice-2h', 'SAT10 sms-24h']);
    expect(rows.find((r) => r.rule_id === 'voice-2h' && r.appointment === 'SAT10')!.state).toBe('pending');
    expect(wake).toBe(local('2026-11-27 12:15'));

    // Awake again, the clocks agree: no more catch-ups.
    e.clock.advance(15_000);
    mono.advance(15_000);
    timers.fire();
    expect(cycles).toHaveLength(1);
    watch.stop();
    expect(timers.cleared).toBe(true);
    await e.jobs.stop();
  });

  it('the OS resume event runs the same catch-up; so does a clock set forward by hand', async () => {
    const { e, mono, timers, cycles } = sleepyEngine();
    await e.jobs.start();
    const watch = watchForClockJumps({
      wall: e.clock,
      monotonic: mono,
      runCycle: () => {
        const cycle = e.jobs.runCycle();
        cycles.push(cycle);
        return cycle;
      },
      logger: silentLogger,
      timers,
    });
    e.clock.advance(2 * HOUR_MS);
    watch.resumed();
    await cycles[0];
    expect(cycles).toHaveLength(1);
    // Someone sets the clock forward to Friday noon while the app runs.
    e.clock.set(local('2026-11-27 12:15'));
    mono.advance(15_000);
    expect(watch.check()).toMatchObject({ kind: 'wall-vs-monotonic' });
    await cycles[1];
    expect(
      e.services
        .contacts({})
        .map((c) => `${c.appointment} ${c.channel}`)
        .sort(),
    ).toEqual(['FRI14 voice', 'SAT10 sms']);
    watch.stop();
    await e.jobs.stop();
  });
});
