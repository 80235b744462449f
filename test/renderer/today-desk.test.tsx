// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi } from '../../renderer/src/api/fake-api';
import { renderApp } from './render-app';

afterEach(cleanup);

const rowOf = (patient: string) => {
  const row = screen.getByRole('button', { name: patient }).closest('.appt-row');
  if (!(row instanceof HTMLElement)) throw new Error(`no row for ${patient}`);
  return row;
};
const listedPatients = () => [...document.querySelectorAll('.appt-row .patient-name')].map((b) => b.textContent);

describe('Today at the desk (docs/desk-ui.md)', () => {
  it('has one top-level heading', async () => {
    renderApp(createFakeApi());
    await screen.findByRole('button', { name: 'Maria Lopez' });
    expect(screen.getAllByRole('heading', { level: 1 }).map((h) => h.textContent)).toHaveLength(1);
  });

  it('lists who will not be reached under Needs attention, with the engine reason in the detail', async () => {
    const api = createFakeApi();
    const james = api.state.appointments.find((a) => a.patient === 'James Okafor')!;
    james.notReached = 'SMS: will not go (daily contact limit for this number); Call: will expire (quiet hours)';
    const user = userEvent.setup();
    renderApp(api);
    await screen.findByRole('button', { name: 'Maria Lopez' });
    expect(rowOf('James Okafor').textContent).toMatch(/not reached/);
    expect(screen.getByText(/1 will not be reached by text or call/)).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Show'), 'not-reached');
    await waitFor(() => expect(listedPatients()).toEqual(['James Okafor']));
    await user.selectOptions(screen.getByLabelText('Show'), 'attention');
    await waitFor(() => expect(listedPatients()).toContain('James Okafor'));
    await user.click(screen.getByRole('button', { name: 'James Okafor' }));
    const detail = screen.getByRole('region', { name: 'James Okafor' });
    expect(within(detail).getByTestId('not-reached').textContent).toMatch(/daily contact limit for this number/);
  });

  it('a pending step shows when it will really go, or that it will expire, from the engine forecast', async () => {
    const api = createFakeApi();
    const james = api.state.appointments.find((a) => a.patient === 'James Okafor')!;
    const call = james.contacts.find((c) => c.channel === 'voice')!;
    call.forecast = { kind: 'end', at: call.at, state: 'expired', reason: 'quiet hours' };
    renderApp(api);
    await screen.findByRole('button', { name: 'Maria Lopez' });
    const chip = rowOf('James Okafor').querySelector<HTMLElement>('.chip[data-state="pending"]:last-child, .chip-attention')!;
    expect(chip.textContent).toMatch(/Call\s*will expire/);
    expect(chip.textContent).toMatch(/Call will expire \(planned 8:00\sAM\) — quiet hours/);
  });

  it('filters by provider, listing the day’s providers', async () => {
    const user = userEvent.setup();
    renderApp(createFakeApi());
    await screen.findByRole('button', { name: 'Maria Lopez' });
    const select = screen.getByLabelText('Provider') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['All providers', 'Dr. Alvarez', 'Dr. Chen']);
    await user.selectOptions(select, 'Dr. Alvarez');
    await waitFor(() => expect(listedPatients().length).toBe(2));
    for (const row of document.querySelectorAll('.appt-row')) expect(row.querySelector('.col-provider')!.textContent).toBe('Dr. Alvarez');
  });

  it('opening moves focus to the detail; Escape closes it and focus returns to the row', async () => {
    const user = userEvent.setup();
    renderApp(createFakeApi());
    const name = await screen.findByRole('button', { name: 'James Okafor' });
    name.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'James Okafor' })));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'James Okafor' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'James Okafor' })));
  });

  it('keeps focus on Confirm after confirming, and on the kill switch after pausing', async () => {
    const user = userEvent.setup();
    renderApp(createFakeApi());
    await user.click(await screen.findByRole('button', { name: 'James Okafor' }));
    const detail = screen.getByRole('region', { name: 'James Okafor' });
    const confirm = within(detail).getByRole('button', { name: 'Confirm' });
    confirm.focus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(within(detail).getByRole('button', { name: 'Confirmed' })).toBe(document.activeElement));

    screen.getByRole('button', { name: 'Pause all contact' }).focus();
    await user.keyboard('{Enter}');
    const header = document.querySelector('.app-header') as HTMLElement;
    await waitFor(() => expect(document.activeElement).toBe(within(header).getByRole('button', { name: 'Review and resume' })));
    await user.keyboard('{Enter}');
    await user.click(await screen.findByRole('button', { name: 'Resume sending' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Pause all contact' })));
  });
});

describe('live connection state', () => {
  it('a refused token says so at once, not "0 appointments"', async () => {
    const api = createFakeApi();
    api.failNext('schedule:get-day', 'UNAUTHORIZED', 'Missing or wrong access token.');
    api.failNext('engine:get-status', 'UNAUTHORIZED', 'Missing or wrong access token.');
    renderApp(api);
    expect((await screen.findByRole('alert')).textContent).toMatch(/access token was refused/);
    expect(screen.queryByText(/0 appointments/)).toBeNull();
    expect(screen.getByText(/cannot be loaded yet/)).toBeTruthy();
  });

  it('disables what cannot work with the reason, and comes back with fresh data on retry', async () => {
    const api = createFakeApi();
    const user = userEvent.setup();
    renderApp(api);
    await user.click(await screen.findByRole('button', { name: 'James Okafor' }));
    api.failNext('appointments:confirm', 'UNAVAILABLE', 'Cannot reach Frontdesk: Failed to fetch');
    const detail = screen.getByRole('region', { name: 'James Okafor' });
    await user.click(within(detail).getByRole('button', { name: 'Confirm' }));
    const banner = (await screen.findByText(/engine is not answering/)).closest('[role="alert"]') as HTMLElement;
    expect(within(detail).getByRole('button', { name: 'Confirm' }).hasAttribute('disabled')).toBe(true);
    expect(detail.textContent).toMatch(/Frontdesk is not answering/);
    // Retry: the engine answers again; the banner goes and the day is fetched again.
    const fetchesBefore = api.calls.filter((c) => c.channel === 'schedule:get-day').length;
    await user.click(within(banner).getByRole('button', { name: 'Retry now' }));
    await waitFor(() => expect(screen.queryByText(/engine is not answering/)).toBeNull());
    await waitFor(() => expect(api.calls.filter((c) => c.channel === 'schedule:get-day').length).toBeGreaterThan(fetchesBefore));
    expect(
      within(screen.getByRole('region', { name: 'James Okafor' }))
        .getByRole('button', { name: 'Confirm' })
        .hasAttribute('disabled'),
    ).toBe(false);
  });
});
