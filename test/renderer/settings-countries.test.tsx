// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi } from '../../renderer/src/api/fake-api';
import { renderApp } from './render-app';

afterEach(cleanup);

describe('Settings → General: countries', () => {
  it('shows the clinic country and the allowed countries, and saves a newly allowed one', async () => {
    const api = createFakeApi();
    const user = userEvent.setup();
    renderApp(api, 'settings');
    const allowed = (await screen.findByLabelText('Text and call numbers from')) as HTMLInputElement;
    expect((screen.getByLabelText('Clinic country') as HTMLInputElement).value).toBe('US');
    expect(allowed.value).toBe('US');

    await user.type(allowed, ', gb');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Saved.');
    expect(api.state.settings.allowedCountries).toEqual(['US', 'GB']);
    expect(allowed.value).toBe('US, gb');
  });

  it('shows the engine refusal of an unknown code, and Discard restores the saved list', async () => {
    const api = createFakeApi();
    const user = userEvent.setup();
    renderApp(api, 'settings');
    const allowed = (await screen.findByLabelText('Text and call numbers from')) as HTMLInputElement;
    api.failNext('settings:update', 'BAD_REQUEST', 'allowed countries: unknown country code "ZZ" (use codes such as US, CA, GB)');
    await user.type(allowed, ' ZZ');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/unknown country code "ZZ"/);
    await user.click(screen.getByRole('button', { name: 'Discard changes' }));
    expect(allowed.value).toBe('US');
  });
});
