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

describe('Settings → Connections', () => {
  it('shows the transport, what is configured, and says plainly that simulate contacts nobody', async () => {
    const api = createFakeApi();
    api.state.secrets = { twilioConfigured: true, smtpConfigured: false, restartRequired: false };
    await openConnections(api);
    expect(await within(inUse()).findByText('Configured')).toBeTruthy();
    expect(within(inUse()).getByText('Simulate — no one is contacted', { selector: 'dd' })).toBeTruthy();
    expect(within(inUse()).getByText('Not configured')).toBeTruthy();
    expect(screen.getByText(/runs in simulate mode.*contacts nobody/)).toBeTruthy();
    expect(screen.getByText(/10DLC carrier registration/)).toBeTruthy();
  });

  it('sends only the credentials filled in, never shows stored ones, and says a restart is needed', async () => {
    const api = createFakeApi();
    api.state.secrets = { twilioConfigured: true, smtpConfigured: true, restartRequired: false };
    const user = await openConnections(api);
    const form = await screen.findByRole('form', { name: 'Credentials' });
    const inputs = within(form)
      .getAllByRole('textbox')
      .concat(within(form).getAllByLabelText(/token|SMTP URL/) as HTMLElement[]);
    for (const input of inputs) expect((input as HTMLInputElement).value).toBe('');
    // Secrets are typed into password fields.
    expect((within(form).getByLabelText('Twilio Auth token') as HTMLInputElement).type).toBe('password');
    expect((within(form).getByLabelText('SMTP URL') as HTMLInputElement).type).toBe('password');
    expect((within(form).getByRole('button', { name: 'Save credentials' }) as HTMLButtonElement).disabled).toBe(true);

    await user.type(within(form).getByLabelText('Twilio Account SID'), 'AC0123456789abcdef0123456789abcdef');
    await user.type(within(form).getByLabelText('Twilio Auth token'), 's3cret-token');
    await user.click(within(form).getByRole('button', { name: 'Save credentials' }));
    expect(await within(form).findByText('Saved — takes effect after restart.')).toBeTruthy();
    const sets = api.calls.filter((c) => c.channel === 'secrets:set');
    expect(sets).toEqual([
      { channel: 'secrets:set', req: { twilioAccountSid: 'AC0123456789abcdef0123456789abcdef', twilioAuthToken: 's3cret-token' } },
    ]);
    // Write-only: the form is emptied and the values appear nowhere on the page.
    for (const input of inputs) expect((input as HTMLInputElement).value).toBe('');
    expect(document.body.innerHTML).not.toMatch(/s3cret-token|AC0123456789/);
    expect(within(inUse()).getByText(/take effect after the app restarts/)).toBeTruthy();
    expect(api.calls.some((c) => c.channel === 'secrets:get-status')).toBe(true);
  });

  it('on the web host, says credentials are set only in the desktop app', async () => {
    const api = createFakeApi();
    api.failNext('secrets:get-status', 'UNAVAILABLE', 'Credentials can only be changed in the Frontdesk desktop app.');
    await openConnections(api);
    expect(await screen.findByText('Credentials can be set only in the desktop app, on the computer at the front desk.')).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Credentials' })).toBeNull();
    expect(screen.queryByLabelText('Twilio Auth token')).toBeNull();
    // The test message still works there.
    expect(screen.getByRole('button', { name: 'Send test message' })).toBeTruthy();
  });

  it('sends a test SMS and shows the simulated result with its id', async () => {
    const api = createFakeApi();
    const user = await openConnections(api);
    const form = screen.getByRole('form', { name: 'Send a test message' });
    expect((within(form).getByLabelText('Channel') as HTMLSelectElement).value).toBe('sms');
    await user.type(within(form).getByLabelText('Your mobile number'), '(212) 555-0199');
    await user.click(within(form).getByRole('button', { name: 'Send test message' }));
    const result = await within(form).findByText(/^Simulated/);
    expect(result.textContent).toBe('Simulated — recorded for +12125550199, no one was contacted (id SIM1).');
    expect(api.calls).toContainEqual({ channel: 'settings:send-test-message', req: { channel: 'sms', to: '(212) 555-0199' } });

    await user.selectOptions(within(form).getByLabelText('Channel'), 'email');
    expect(within(form).getByLabelText('Your email address')).toBeTruthy();
    expect(within(form).queryByText(/^Simulated/)).toBeNull();
  });

  it('while paused, the test message is refused with "Sending is paused — resume first"', async () => {
    const api = createFakeApi();
    const user = await openConnections(api);
    await user.click(screen.getByRole('button', { name: 'Pause all contact' }));
    const form = screen.getByRole('form', { name: 'Send a test message' });
    await user.type(within(form).getByLabelText('Your mobile number'), '2125550199');
    await user.click(within(form).getByRole('button', { name: 'Send test message' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('Sending is paused — resume first.');
    expect(api.state.audit.some((e) => e.kind === 'test_message')).toBe(false);
  });

  it('shows the engine’s error for a bad address', async () => {
    const api = createFakeApi();
    const user = await openConnections(api);
    const form = screen.getByRole('form', { name: 'Send a test message' });
    await user.selectOptions(within(form).getByLabelText('Channel'), 'email');
    await user.type(within(form).getByLabelText('Your email address'), 'front-desk');
    await user.click(within(form).getByRole('button', { name: 'Send test message' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('"front-desk" is not an email address');
  });
});
