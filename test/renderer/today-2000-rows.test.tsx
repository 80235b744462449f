// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { createFakeApi } from '../../renderer/src/api/fake-api';
import { renderApp } from './render-app';

afterEach(cleanup);

const pad = (n: number) => String(n).padStart(2, '0');

/** 2,000 appointments on one day, each with three reminders. */
function bigDay(template: ReturnType<typeof createFakeApi>['state']['appointments'][number]) {
  return Array.from({ length: 2000 }, (_, i) => {
    const minutes = 7 * 60 + Math.floor((i * 13 * 60) / 2000);
    const startsAt = `2026-03-10T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00-04:00`;
    const phone = `+1555${String(1_000_000 + i).slice(-7)}`;
    return {
      ...template,
      appointment: `BIG-${i}`,
      appointmentId: 10_000 + i,
      patientId: 10_000 + i,
      patient: `Patient ${i}`,
      phone,
      startsAt,
      status: i % 3 === 0 ? ('confirmed' as const) : ('booked' as const),
      contacts: (['email', 'sms', 'voice'] as const).map((channel, k) => ({
        outboxId: 100_000 + i * 3 + k,
        ruleId: `${channel}-rule`,
        channel,
        to: channel === 'email' ? `p${i}@example.com` : phone,
        state: k === 0 ? ('sent' as const) : k === 1 ? ('suppressed' as const) : ('pending' as const),
        reason: k === 1 ? 'daily budget reached' : null,
        at: startsAt,
        expiresAt: startsAt,
        outcome: k === 0 ? ('simulated' as const) : null,
        providerId: null,
        lastError: null,
      })),
    };
  });
}

describe('Today at 2,000 rows', () => {
  it('renders, and the time is printed (not asserted)', async () => {
    const api = createFakeApi();
    const template = api.state.appointments[0];
    if (!template) throw new Error('fixture');
    api.state.appointments = bigDay(template);
    performance.clearMarks();
    performance.clearMeasures();
    const t0 = performance.now();
    renderApp(api);
    // A cheap DOM query: role queries are slow in jsdom and would run between the two marks.
    await waitFor(() => {
      if (!document.querySelector('[data-appointment="BIG-0"]')) throw new Error('not yet');
    });
    const t1 = performance.now();
    // The interactive mark is set in a passive effect, which may run just after the rows appear.
    const measure = await waitFor(() => {
      const m = performance.getEntriesByName('today:data-to-interactive').at(-1);
      if (!m) throw new Error('no measure yet');
      return m;
    });
    const inDom = document.querySelectorAll('.appt-row').length;

    // A push that changes one appointment: memoized rows mean only that row re-renders.
    const target = api.state.appointments[1];
    if (target) target.status = 'confirmed';
    const t2 = performance.now();
    await act(async () => api.emit('engine:changed', { topics: ['schedule'] }));
    const t3 = performance.now();

    console.log(
      `[perf] jsdom Today 2,000 appointments: mount→first rows ${(t1 - t0).toFixed(0)} ms; ` +
        `data→interactive ${measure.duration.toFixed(1)} ms; live refetch+update ${(t3 - t2).toFixed(0)} ms; ` +
        `${inDom} rows in the DOM (windowed)`,
    );
    expect(screen.getByText(/2,000 appointments/)).toBeTruthy();
    expect(inDom).toBeLessThan(100);
  });
});
