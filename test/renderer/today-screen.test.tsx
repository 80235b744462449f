// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi } from '../../renderer/src/api/fake-api';
import { renderApp } from './render-app';

afterEach(cleanup);

const rowNames = () =>
  within(screen.getByRole('list', { name: 'Appointments' }))
    .getAllByRole('listitem')
    .filter((li) => li.classList.contains('appt-row'))
    .map((li) => li.querySelector('.patient-name')?.textContent);

const rowOf = (patient: string) => {
  const row = screen.getByRole('button', { name: patient }).closest('.appt-row');
  if (!(row instanceof HTMLElement)) throw new Error(`no row for ${patient}`);
  return row;
};

describe('Today', () => {
  it('lists the day in time order with time, provider, status and reminder chips with reasons', async () => {
    const api = createFakeApi();
    // Shuffle what the engine returns: the screen still shows time order.
    api.state.appointments.reverse();
    renderApp(api);
    await screen.findByRole('button', { name: 'Maria Lopez' });
    expect(rowNames()).toEqual(['Maria Lopez', 'James Okafor', 'Priya Raman', 'Tom Becker', 'Ellen Schultz']);

    const maria = rowOf('Maria Lopez');
    expect(maria.textContent).toMatch(/9:30\sAM/);
    expect(maria.textContent).toMatch(/Dr\. Chen/);
    expect(maria.textContent).toMatch(/Confirmed/);
    expect(maria.textContent).toMatch(/Email.*simulated Sun.*9:30\sAM/);
    expect(maria.textContent).toMatch(/SMS.*cancelled — confirmed/);

    expect(rowOf('James Okafor').textContent).toMatch(/Call.*planned 8:00\sAM/);
    expect(rowOf('Priya Raman').textContent).toMatch(/SMS.*not sent — invalid number/);
    expect(rowOf('Tom Becker').textContent).toMatch(/Call.*needs attention — call outcome unknown/);
    expect(rowOf('Ellen Schultz').textContent).toMatch(/do not contact/);
    expect(screen.getByText(/5 appointments · 1 confirmed/)).toBeTruthy();
  });

  it('searches by patient, phone and external id', async () => {
    const user = userEvent.setup();
    renderApp(createFakeApi());
    await screen.findByRole('button', { name: 'Maria Lopez' });
    const search = screen.getByLabelText('Search');
    await user.type(search, 'okafor');
    await waitFor(() => expect(rowNames()).toEqual(['James Okafor']));
    await user.clear(search);
    await user.type(search, '555-0104');
    await waitFor(() => expect(rowNames()).toEqual(['Tom Becker']));
    await user.clear(search);
    await user.type(search, 'a-1003');
    await waitFor(() => expect(rowNames()).toEqual(['Priya Raman']));
    await user.clear(search);
    await user.type(search, 'nobody here');
    expect(await screen.findByText('No appointments match.')).toBeTruthy();
  });

  it('filters by status and by issues', async () => {
    const user = userEvent.setup();
    renderApp(createFakeApi());
    await screen.findByRole('button', { name: 'Maria Lopez' });
    await user.selectOptions(screen.getByLabelText('Status'), 'confirmed');
    expect(rowNames()).toEqual(['Maria Lopez']);
    await user.selectOptions(screen.getByLabelText('Status'), 'all');
    await user.selectOptions(screen.getByLabelText('Show'), 'attention');
    expect(rowNames()).toEqual(['Priya Raman', 'Tom Becker']);
    await user.selectOptions(screen.getByLabelText('Show'), 'no-contact');
    expect(rowNames()).toEqual(['Ellen Schultz']);
  });

  it('confirm calls the API and the row updates', async () => {
    const api = createFakeApi();
    const user = userEvent.setup();
    renderApp(api);
    await user.click(await screen.findByRole('button', { name: 'James Okafor' }));
    const detail = screen.getByRole('region', { name: 'James Okafor' });
    await user.click(within(detail).getByRole('button', { name: 'Confirm' }));
    expect(api.calls).toContainEqual({ channel: 'appointments:confirm', req: { appointment: 'A-1002' } });
    await waitFor(() => expect(rowOf('James Okafor').textContent).toMatch(/Confirmed/));
    expect(rowOf('James Okafor').textContent).toMatch(/Call.*cancelled — confirmed/);
  });

  it('cancel asks first, then calls the API', async () => {
    const api = createFakeApi();
    const user = userEvent.setup();
    renderApp(api);
    await user.click(await screen.findByRole('button', { name: 'Tom Becker' }));
    await user.click(screen.getByRole('button', { name: 'Cancel appointment' }));
    const dialog = screen.getByRole('dialog', { name: 'Cancel this appointment?' });
    expect(api.calls.some((c) => c.channel === 'appointments:cancel')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel appointment' }));
    expect(api.calls).toContainEqual({ channel: 'appointments:cancel', req: { appointment: 'A-1004' } });
    await waitFor(() => expect(rowOf('Tom Becker').textContent).toMatch(/Cancelled/));
  });

  it('fix phone shows the engine validation error, then saves a good number', async () => {
    const api = createFakeApi();
    const user = userEvent.setup();
    renderApp(api);
    await user.click(await screen.findByRole('button', { name: 'Priya Raman' }));
    await user.click(screen.getByRole('button', { name: 'Fix phone number' }));
    const input = screen.getByLabelText('New phone number for Priya Raman');
    await user.clear(input);
    await user.type(input, '12345');
    await user.click(screen.getByRole('button', { name: 'Save number' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('12345 is not a valid phone number');
    expect(input.getAttribute('aria-invalid')).toBe('true');

    await user.clear(input);
    await user.type(input, '(555) 555-0103');
    await user.click(screen.getByRole('button', { name: 'Save number' }));
    await waitFor(() => expect(screen.queryByLabelText('New phone number for Priya Raman')).toBeNull());
    expect(api.calls).toContainEqual({ channel: 'patients:fix-phone', req: { patientId: 3, phone: '(555) 555-0103' } });
    await waitFor(() => expect(rowOf('Priya Raman').textContent).toMatch(/\(555\) 555-0103/));
  });

  it('toggles do-not-contact', async () => {
    const api = createFakeApi();
    const user = userEvent.setup();
    renderApp(api);
    await user.click(await screen.findByRole('button', { name: 'Ellen Schultz' }));
    const box = screen.getByRole('checkbox', { name: 'Do not contact this patient' });
    expect((box as HTMLInputElement).checked).toBe(true);
    await user.click(box);
    expect(api.calls).toContainEqual({ channel: 'patients:set-do-not-contact', req: { patientId: 5, doNotContact: false } });
    await waitFor(() => expect((box as HTMLInputElement).checked).toBe(false));
  });

  it('refetches when the engine pushes a schedule change', async () => {
    const api = createFakeApi();
    renderApp(api);
    await screen.findByRole('button', { name: 'Maria Lopez' });
    const first = api.state.appointments[0];
    if (!first) throw new Error('fixture');
    first.patient = 'Maria Lopez-Garcia';
    api.emit('engine:changed', { topics: ['schedule'] });
    // Role queries over the whole day's list take over a second on a cold, loaded machine (the default timeout).
    expect(await screen.findByRole('button', { name: 'Maria Lopez-Garcia' }, { timeout: 10_000 })).toBeTruthy();
  });

  it('shows the engine error when a call fails', async () => {
    const api = createFakeApi();
    const user = userEvent.setup();
    renderApp(api);
    await user.click(await screen.findByRole('button', { name: 'James Okafor' }));
    api.failNext('appointments:confirm', 'CONFLICT', 'A-1002 was changed by another desk');
    await user.click(screen.getByRole('button', { name: 'Confirm' }));
    expect((await screen.findByRole('alert')).textContent).toBe('A-1002 was changed by another desk');
  });
});
