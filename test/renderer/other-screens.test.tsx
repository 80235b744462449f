// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi } from '../../renderer/src/api/fake-api';
import { renderApp } from './render-app';

afterEach(cleanup);

describe('Next contacts', () => {
  it('lists what goes out in the next hours', async () => {
    const api = createFakeApi();
    renderApp(api, 'next');
    const table = await screen.findByRole('table', { name: 'Contacts planned, soonest first' });
    expect(within(table).getByRole('columnheader', { name: 'Goes out' }).getAttribute('aria-sort')).toBe('ascending');
    expect(table.textContent).toMatch(/James Okafor/);
    expect(table.textContent).toMatch(/Call/);
    expect(api.calls).toContainEqual({ channel: 'outbox:preview', req: { hours: 4 } });
    await userEvent.setup().selectOptions(screen.getByLabelText('In the next'), '24');
    expect(api.calls).toContainEqual({ channel: 'outbox:preview', req: { hours: 24 } });
  });
});

describe('Settings', () => {
  it('loads, edits and saves, showing the engine error on a bad value', async () => {
    const api = createFakeApi();
    const user = userEvent.setup();
    renderApp(api, 'settings');
    const name = await screen.findByLabelText('Clinic name');
    expect((name as HTMLInputElement).value).toBe('Maple Street Family Clinic');
    // Messages and Connections are their own sections, not shown until chosen.
    expect(screen.queryByRole('button', { name: /test message/i })).toBeNull();
    expect(screen.queryByLabelText('SMS template')).not.toBeNull();
    expect(screen.queryByRole('textbox', { name: 'SMS template' })).toBeNull();

    api.failNext('settings:update', 'BAD_REQUEST', 'timezone: Mars/Olympus is not a time zone');
    const tz = screen.getByLabelText('Time zone');
    await user.clear(tz);
    await user.type(tz, 'Mars/Olympus');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect((await screen.findByRole('alert')).textContent).toBe('timezone: Mars/Olympus is not a time zone');

    await user.clear(name);
    await user.type(name, 'Maple Street Clinic');
    await user.clear(tz);
    await user.type(tz, 'America/Chicago');
    await user.click(screen.getByLabelText('Rule 3 enabled'));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Saved.');
    expect(api.state.settings.name).toBe('Maple Street Clinic');
    expect(api.state.settings.timezone).toBe('America/Chicago');
    expect(api.state.settings.rules[2]?.enabled).toBe(false);
  });
});

describe('Audit log', () => {
  it('lists events with time, kind, who and detail', async () => {
    const api = createFakeApi();
    const user = userEvent.setup();
    renderApp(api, 'audit');
    expect(await screen.findByText('No events yet.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Pause with a reason' }));
    await user.type(screen.getByLabelText('Reason (optional)'), 'lunch');
    await user.click(screen.getByRole('button', { name: 'Pause now' }));
    const table = await screen.findByRole('table', { name: 'Audit log, newest first' });
    expect(within(table).getByRole('columnheader', { name: 'Time' }).getAttribute('aria-sort')).toBe('descending');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    expect(table.textContent).toMatch(/engine\.paused/);
    expect(table.textContent).toMatch(/desk/);
    expect(table.textContent).toMatch(/reason: lunch/);
  });
});
