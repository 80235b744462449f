// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi } from '../../renderer/src/api/fake-api';
import { renderApp } from './render-app';

afterEach(cleanup);

const updates = (api: ReturnType<typeof createFakeApi>) => api.calls.filter((c) => c.channel === 'settings:update');

describe('Settings: unsafe values', () => {
  it('shows a refusal and saves nothing', async () => {
    const api = createFakeApi();
    const user = userEvent.setup();
    renderApp(api, 'settings');
    fireEvent.change(await screen.findByLabelText('SMS and calls from'), { target: { value: '05:00' } });
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Not saved');
    expect(alert.textContent).toContain('SMS and calls from: 05:00 — before 07:00 is night; no reminder goes out then.');
    expect(updates(api)).toEqual([]);
    expect(api.state.settings.sendFrom).toBe('08:00');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('asks for a confirmation that names the change, and only then saves it (audited)', async () => {
    const api = createFakeApi();
    const user = userEvent.setup();
    renderApp(api, 'settings');
    fireEvent.change(await screen.findByLabelText('SMS and calls until'), { target: { value: '21:30' } });
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    let dialog = await screen.findByRole('dialog', { name: 'Save settings outside the safe defaults?' });
    expect(dialog.textContent).toContain('SMS and calls until: 21:30 — later than 21:00, the usual end of calling hours.');
    expect(dialog.textContent).toContain('recorded in the audit log');

    // "Keep editing" closes the dialog and saves nothing.
    await user.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(updates(api)).toEqual([]);
    expect(api.state.settings.sendUntil).toBe('20:00');

    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Save anyway' }));
    await screen.findByText('Saved.');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(updates(api)).toHaveLength(1);
    expect(updates(api)[0]?.req).toMatchObject({ settings: { sendUntil: '21:30' }, confirmUnsafe: ['sendUntil'] });
    expect(api.state.settings.sendUntil).toBe('21:30');
    expect(api.state.audit[0]).toMatchObject({ kind: 'settings_unsafe_confirmed', detail: { confirmed: ['sendUntil'] } });
  });

  it('a safe change saves at once, without a dialog', async () => {
    const api = createFakeApi();
    const user = userEvent.setup();
    renderApp(api, 'settings');
    fireEvent.change(await screen.findByLabelText('SMS and calls from'), { target: { value: '09:00' } });
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Saved.');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(updates(api)[0]?.req).not.toHaveProperty('confirmUnsafe');
    expect(api.state.settings.sendFrom).toBe('09:00');
  });
});
