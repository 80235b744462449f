// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi, type FakeApi } from '../../renderer/src/api/fake-api';
import { STAFF_SESSION_KEY } from '../../renderer/src/features/staff/StaffPicker';
import { renderApp } from './render-app';

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
  window.localStorage.clear();
});

function withUsers(): FakeApi {
  const api = createFakeApi();
  api.state.staff.users = [
    { id: 1, name: 'Maria', role: 'admin', hasPin: true },
    { id: 2, name: 'Ravi', role: 'desk', hasPin: false },
  ];
  api.state.staff.pins = { 1: '4821' };
  return api;
}

describe('who is at the desk', () => {
  it('is not shown while the clinic has no users (it works as before)', async () => {
    renderApp(createFakeApi());
    await screen.findByRole('button', { name: 'Pause all contact' });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Who is at the desk?' })).toBeNull());
  });

  it('asks for the PIN of a user who has one; the session then goes with every call', async () => {
    const api = withUsers();
    const user = userEvent.setup();
    renderApp(api);
    await user.click(await screen.findByRole('button', { name: 'Who is at the desk?' }));
    const dialog = screen.getByRole('dialog', { name: 'Who is at the desk?' });
    await user.click(within(dialog).getByLabelText(/Maria/));
    await user.type(within(dialog).getByLabelText('This desk'), 'desk 2');
    await user.type(within(dialog).getByLabelText('PIN for Maria'), '1111');
    await user.click(within(dialog).getByRole('button', { name: 'I am Maria' }));
    expect(await within(dialog).findByText('wrong PIN for Maria')).toBeTruthy();
    await user.clear(within(dialog).getByLabelText('PIN for Maria'));
    await user.type(within(dialog).getByLabelText('PIN for Maria'), '4821');
    await user.click(within(dialog).getByRole('button', { name: 'I am Maria' }));
    const who = await screen.findByRole('button', { name: /At the desk: Maria \(desk 2\)/ });
    expect(who.textContent).toMatch(/admin/);
    expect(api.state.staff.session).toBe('fake-session-1');
    expect(window.sessionStorage.getItem(STAFF_SESSION_KEY)).toBe('fake-session-1');
    expect(api.calls).toContainEqual({ channel: 'staff:sign-in', req: { userId: 1, pin: '4821', desk: 'desk 2' } });
  });

  it('a user without a PIN is picked in one step', async () => {
    const api = withUsers();
    const user = userEvent.setup();
    renderApp(api);
    await user.click(await screen.findByRole('button', { name: 'Who is at the desk?' }));
    await user.click(screen.getByLabelText(/Ravi/));
    expect(screen.queryByLabelText(/PIN for/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'I am Ravi' }));
    expect(await screen.findByRole('button', { name: /At the desk: Ravi \(desk\)/ })).toBeTruthy();
  });
});

describe('undo', () => {
  it('after a confirm, Undo puts the appointment back', async () => {
    const api = createFakeApi();
    const user = userEvent.setup();
    renderApp(api);
    await user.click(await screen.findByRole('button', { name: 'James Okafor' }));
    await user.click(within(screen.getByRole('region', { name: 'James Okafor' })).getByRole('button', { name: 'Confirm' }));
    const toast = (await screen.findByText('Confirmed James Okafor (#A-1002).')).closest('.undo-toast') as HTMLElement;
    await user.click(within(toast).getByRole('button', { name: 'Undo' }));
    expect(api.calls).toContainEqual({ channel: 'appointments:undo', req: { undoId: 1 } });
    expect(await within(toast).findByText('Undone: James Okafor is booked again.')).toBeTruthy();
    expect(api.state.appointments.find((a) => a.appointment === 'A-1002')?.status).toBe('booked');
  });

  it('after a cancel too', async () => {
    const api = createFakeApi();
    const user = userEvent.setup();
    renderApp(api);
    await user.click(await screen.findByRole('button', { name: 'Tom Becker' }));
    await user.click(screen.getByRole('button', { name: 'Cancel appointment' }));
    const dialog = screen.getByRole('dialog', { name: 'Cancel this appointment?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel appointment' }));
    const toast = (await screen.findByText(/^Cancelled Tom Becker/)).closest('.undo-toast') as HTMLElement;
    await user.click(within(toast).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(api.state.appointments.find((a) => a.patient === 'Tom Becker')?.status).not.toBe('cancelled'));
  });
});

describe('scoped pause and the resume review', () => {
  it('pauses one provider, lists it, and resumes it after a review that leaves one reminder out', async () => {
    const api = createFakeApi();
    const user = userEvent.setup();
    renderApp(api);
    await user.click(await screen.findByRole('button', { name: 'Pause one provider or channel…' }));
    // Today's provider filter is also "Provider": the scoped-pause form is its own region.
    const form = screen.getByRole('form', { name: 'Pause one provider or channel' });
    await user.type(within(form).getByLabelText('Provider'), 'Dr. Patel');
    await user.type(within(form).getByLabelText('Reason'), 'out sick');
    await user.click(within(form).getByRole('button', { name: 'Pause' }));
    expect(api.calls).toContainEqual({
      channel: 'engine:pause-scope',
      req: { scope: { scope: 'provider', target: 'Dr. Patel' }, reason: 'out sick' },
    });
    expect((await screen.findByText('Paused: Dr. Patel')).textContent).toBe('Paused: Dr. Patel');
    // The kill switch is untouched.
    expect(screen.getByRole('button', { name: 'Pause all contact' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Review and resume Dr. Patel' }));
    const dialog = await screen.findByRole('dialog', { name: 'Review before resuming Dr. Patel' });
    const boxes = await within(dialog).findAllByRole('checkbox');
    expect(boxes.every((b) => (b as HTMLInputElement).checked)).toBe(true);
    await user.click(boxes[0]!);
    expect(within(dialog).getByText(/left out, will not be sent/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: /Resume Dr. Patel \(leave 1 out\)/ }));
    const call = api.calls.find((c) => c.channel === 'engine:resume-scope');
    expect(call?.req).toMatchObject({
      scope: { scope: 'provider', target: 'Dr. Patel' },
      leaveOut: [expect.objectContaining({ rule: expect.any(String) })],
    });
    await waitFor(() => expect(screen.queryByText('Paused: Dr. Patel')).toBeNull());
  });

  it('the kill switch review can leave items out too', async () => {
    const api = createFakeApi();
    const user = userEvent.setup();
    renderApp(api);
    await user.click(await screen.findByRole('button', { name: 'Pause all contact' }));
    await user.click(within(await screen.findByRole('alert')).getByRole('button', { name: 'Review and resume' }));
    const dialog = await screen.findByRole('dialog', { name: 'Review before resuming' });
    const boxes = await within(dialog).findAllByRole('checkbox');
    await user.click(boxes[0]!);
    await user.click(within(dialog).getByRole('button', { name: /Resume sending \(leave 1 out\)/ }));
    const call = api.calls.find((c) => c.channel === 'engine:resume');
    expect(call?.req).toMatchObject({ leaveOut: [expect.objectContaining({ appointment: expect.any(String) })] });
  });
});
