// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, waitFor } from '@testing-library/react';
import { createFakeApi } from '../../renderer/src/api/fake-api';
import { FULL_LIST_MAX_ROWS } from '../../renderer/src/features/today/AppointmentList';
import { renderApp } from './render-app';

afterEach(cleanup);

const pad = (n: number) => String(n).padStart(2, '0');

/** `n` appointments on the fake clinic's day, one reminder each (enough for the list; cheap in jsdom). */
function day(api: ReturnType<typeof createFakeApi>, n: number) {
  const template = api.state.appointments[0];
  if (!template) throw new Error('fixture');
  api.state.appointments = Array.from({ length: n }, (_, i) => {
    const minutes = 7 * 60 + Math.floor((i * 12 * 60) / n);
    const startsAt = `2026-03-10T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00-04:00`;
    return {
      ...template,
      appointment: `D-${i}`,
      appointmentId: 20_000 + i,
      patientId: 20_000 + i,
      patient: `Patient ${i}`,
      phone: `+1555${String(2_000_000 + i).slice(-7)}`,
      startsAt,
      status: 'booked' as const,
      contacts: template.contacts.slice(0, 1),
    };
  });
}

async function rowsInDom(): Promise<number> {
  await waitFor(() => {
    if (!document.querySelector('[data-appointment="D-0"]')) throw new Error('not yet');
  });
  return document.querySelectorAll('.appt-row').length;
}

describe('Today: whole day in the DOM', () => {
  it(`renders all ${FULL_LIST_MAX_ROWS} appointments (find and screen readers see every one)`, async () => {
    expect(FULL_LIST_MAX_ROWS).toBeGreaterThanOrEqual(500);
    const api = createFakeApi();
    day(api, 500);
    renderApp(api);
    expect(await rowsInDom()).toBe(500);
    // The last appointment of the day is there without scrolling, with its position announced.
    // (Plain DOM queries: role and text queries over 500 rows are slow in jsdom.)
    const list = document.querySelector('[role="list"][aria-label="Appointments"]');
    const last = list?.querySelector('[data-appointment="D-499"]');
    expect(last?.textContent).toContain('Patient 499');
    expect(last?.getAttribute('aria-posinset')).toBe('500');
    expect(last?.getAttribute('aria-setsize')).toBe('500');
  });

  it('windows only above that', async () => {
    const api = createFakeApi();
    day(api, FULL_LIST_MAX_ROWS + 1);
    renderApp(api);
    expect(await rowsInDom()).toBeLessThan(100);
  });
});
