import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ Notification: class {} }));

const { dailySummaryNotification, startDailySummary, DAILY_SUMMARY_CHECK_MS } = await import('../../../electron/app/notifications');

const summary = { date: '2026-11-26', sent: 42, confirmed: 17, failed: 2, atRiskTomorrow: 3, endsAt: '2026-11-26T21:00:00-05:00' };

describe('the end-of-day summary notification', () => {
  it('says the counts and nothing else', () => {
    const spec = dailySummaryNotification(summary);
    expect(spec.title).toBe("Today's reminders");
    expect(spec.body).toBe(
      "42 sent, 17 confirmed, 2 failed; 3 of tomorrow's patients no reminder will reach. Open Frontdesk → Reports for details.",
    );
    expect(`${spec.title} ${spec.body}`).not.toMatch(/@|\+\d|\d{3}.?\d{4}/);
  });

  it('is checked at once and every few minutes, shown when the engine hands it out, and survives a busy schedule', () => {
    const answers: (typeof summary | null | Error)[] = [null, new Error('database is locked'), summary, null];
    const shown: string[] = [];
    let tick: (() => void) | undefined;
    let stopped = false;
    const stop = startDailySummary({
      take: () => {
        const next = answers.shift() ?? null;
        if (next instanceof Error) throw next;
        return next;
      },
      show: (spec) => shown.push(spec.body),
      every: (fn, ms) => {
        expect(ms).toBe(DAILY_SUMMARY_CHECK_MS);
        tick = fn;
        return () => void (stopped = true);
      },
    });
    expect(shown).toEqual([]); // the first check, at once: not yet
    tick!(); // busy: nothing, no throw
    tick!(); // the day is over
    tick!(); // already handed out
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatch(/^42 sent, 17 confirmed/);
    stop();
    expect(stopped).toBe(true);
  });
});
