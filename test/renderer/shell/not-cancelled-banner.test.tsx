// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi } from '../../../renderer/src/api/fake-api';
import { renderApp } from '../render-app';

afterEach(cleanup);

describe('texts scheduled at Twilio that could not be cancelled (send-ahead)', () => {
  it('are listed on every screen, with patient, number, send time and Twilio SID', async () => {
    const api = createFakeApi();
    api.state.status = {
      ...api.state.status,
      sendAheadNotCancelled: [
        {
          appointment: 'M1',
          patient: 'Ana Ruiz',
          to: '+12125550101',
          sendAt: '2026-12-06T10:00:00-05:00',
          providerId: 'SM0123456789abcdef0123456789abcdef',
          error: 'could not cancel at Twilio: Twilio 20503: Service unavailable',
        },
      ],
    };
    const user = userEvent.setup();
    renderApp(api);
    for (const tab of ['Next contacts', 'Today']) {
      await user.click(await screen.findByRole('button', { name: tab }));
      const alert = await screen.findByRole('alert');
      expect(alert.textContent).toMatch(/A text scheduled at Twilio could not be cancelled/);
      expect(alert.textContent).toMatch(/Ana Ruiz \(M1\), \+12125550101/);
      expect(alert.textContent).toMatch(/SM0123456789abcdef0123456789abcdef/);
    }
  });

  it('shows nothing when every stop was confirmed by Twilio', async () => {
    const api = createFakeApi();
    api.state.status = { ...api.state.status, sendAheadNotCancelled: [] };
    renderApp(api);
    expect(await screen.findByText('Simulate — no one is contacted')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
