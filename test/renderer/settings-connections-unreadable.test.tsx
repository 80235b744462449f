// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi, type FakeApi } from '../../renderer/src/api/fake-api';
import { renderApp } from './render-app';

afterEach(cleanup);

async function openConnections(api: FakeApi) {
  const user = userEvent.setup();
  renderApp(api, 'settings');
  await screen.findByLabelText('Clinic name');
  await user.click(screen.getByRole('button', { name: 'Connections' }));
  return user;
}

const inUse = () => screen.getByRole('group', { name: 'In use' });
const UNREADABLE = 'Stored credentials could not be read — sending is paused until they are re-entered.';

describe('Settings → Connections: stored credentials that cannot be read', () => {
  it('says so loudly, instead of "Not configured"', async () => {
    const api = createFakeApi();
    api.state.secrets = { twilioConfigured: false, smtpConfigured: false, restartRequired: false, unreadable: true };
    await openConnections(api);
    const alert = await screen.findByText(UNREADABLE);
    expect(alert.closest('[role="alert"]')?.textContent).toMatch(/not even in simulate mode/);
    expect(within(inUse()).getAllByText('Could not be read')).toHaveLength(2);
    expect(within(inUse()).queryByText('Not configured')).toBeNull();
  });

  it('a save re-enters every credential: empty fields are sent as cleared, never left out', async () => {
    const api = createFakeApi();
    api.state.secrets = { twilioConfigured: false, smtpConfigured: false, restartRequired: false, unreadable: true };
    const user = await openConnections(api);
    const form = await screen.findByRole('form', { name: 'Credentials' });
    expect(within(form).getByText(/Fields you leave empty will be cleared/)).toBeTruthy();
    await user.type(within(form).getByLabelText('SMTP URL'), 'smtps://desk:pw@smtp.example.com');
    await user.type(within(form).getByLabelText('Email From'), 'reminders@clinic.example');
    await user.click(within(form).getByRole('button', { name: 'Save credentials' }));
    expect(await within(form).findByText('Saved — takes effect after restart.')).toBeTruthy();
    expect(api.calls.filter((c) => c.channel === 'secrets:set')).toEqual([
      {
        channel: 'secrets:set',
        req: {
          twilioAccountSid: null,
          twilioAuthToken: null,
          twilioFrom: null,
          twilioMessagingServiceSid: null,
          smtpUrl: 'smtps://desk:pw@smtp.example.com',
          emailFrom: 'reminders@clinic.example',
        },
      },
    ]);
    expect(screen.queryByText(UNREADABLE)).toBeNull();
  });

  it('when the file is readable, only filled fields are sent (the others keep their value)', async () => {
    const api = createFakeApi();
    api.state.secrets = { twilioConfigured: true, smtpConfigured: true, restartRequired: false, unreadable: false };
    const user = await openConnections(api);
    expect(screen.queryByText(UNREADABLE)).toBeNull();
    const form = await screen.findByRole('form', { name: 'Credentials' });
    await user.type(within(form).getByLabelText('Email From'), 'x@clinic.example');
    await user.click(within(form).getByRole('button', { name: 'Save credentials' }));
    await within(form).findByText('Saved — takes effect after restart.');
    expect(api.calls.filter((c) => c.channel === 'secrets:set')).toEqual([
      { channel: 'secrets:set', req: { emailFrom: 'x@clinic.example' } },
    ]);
  });
});
