// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi } from '../../renderer/src/api/fake-api';
import { renderApp } from './render-app';

afterEach(cleanup);

describe('kill switch', () => {
  it('pauses all contact with one click and shows the banner', async () => {
    const api = createFakeApi();
    const user = userEvent.setup();
    renderApp(api);
    expect(await screen.findByText('Simulate — no one is contacted')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Pause all contact' }));

    expect(api.calls.filter((c) => c.channel === 'engine:pause')).toEqual([{ channel: 'engine:pause', req: {} }]);
    const banner = await screen.findByRole('alert');
    expect(banner.textContent).toMatch(/All outbound contact is paused/);
    expect(banner.textContent).toMatch(/by desk/);
    expect(within(banner).getByRole('button', { name: 'Review and resume' })).toBeTruthy();
  });

  it('takes an optional reason from the small popover', async () => {
    const api = createFakeApi();
    const user = userEvent.setup();
    renderApp(api);
    await user.click(await screen.findByRole('button', { name: 'Pause with a reason' }));
    await user.type(screen.getByLabelText('Reason (optional)'), 'Clinic closed: snow');
    await user.click(screen.getByRole('button', { name: 'Pause now' }));
    expect(api.calls).toContainEqual({ channel: 'engine:pause', req: { reason: 'Clinic closed: snow' } });
    expect((await screen.findByRole('alert')).textContent).toMatch(/Clinic closed: snow/);
  });

  it('shows the banner on every screen while paused', async () => {
    const api = createFakeApi({ paused: true });
    api.state.status = {
      ...api.state.status,
      paused: true,
      reason: 'breaker',
      pauseKind: 'breaker',
      pausedAt: '2026-03-10T12:00:00Z',
      pausedBy: 'engine',
    };
    const user = userEvent.setup();
    renderApp(api);
    for (const tab of ['Next contacts', 'Import', 'Audit log', 'Today']) {
      await user.click(screen.getByRole('button', { name: tab }));
      expect((await screen.findByRole('alert')).textContent).toMatch(/safety breaker/);
    }
  });

  it('shows what is waiting, grouped by patient, before anything is resumed', async () => {
    const api = createFakeApi();
    const user = userEvent.setup();
    renderApp(api);
    await user.click(await screen.findByRole('button', { name: 'Pause all contact' }));
    const banner = await screen.findByRole('alert');
    await user.click(within(banner).getByRole('button', { name: 'Review and resume' }));

    const dialog = await screen.findByRole('dialog', { name: 'Review before resuming' });
    const groups = await within(dialog).findByRole('list', { name: 'Waiting, by patient' });
    expect(groups.textContent).toMatch(/James Okafor/);
    expect(groups.textContent).toMatch(/Call at/);
    // Reviewing sends nothing.
    expect(api.calls.some((c) => c.channel === 'engine:resume')).toBe(false);

    await user.click(within(dialog).getByRole('button', { name: 'Resume sending' }));
    expect(api.calls.filter((c) => c.channel === 'engine:resume')).toHaveLength(1);
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('"Keep paused" closes the review without resuming', async () => {
    const api = createFakeApi();
    const user = userEvent.setup();
    renderApp(api);
    await user.click(await screen.findByRole('button', { name: 'Pause all contact' }));
    await user.click(within(await screen.findByRole('alert')).getByRole('button', { name: 'Review and resume' }));
    await user.click(await screen.findByRole('button', { name: 'Keep paused' }));
    expect(api.calls.some((c) => c.channel === 'engine:resume')).toBe(false);
    expect(screen.getByRole('alert')).toBeTruthy();
  });
});

describe('kill switch from the keyboard', () => {
  it('is reachable with Tab and pauses with Enter; Escape closes the review', async () => {
    const api = createFakeApi();
    const user = userEvent.setup();
    renderApp(api);
    await screen.findByRole('button', { name: 'Maria Lopez' });
    const pauseButton = screen.getByRole('button', { name: 'Pause all contact' });
    await user.tab();
    expect(document.activeElement).toBe(pauseButton);
    await user.keyboard('{Enter}');
    const banner = await screen.findByRole('alert');
    within(banner).getByRole('button', { name: 'Review and resume' }).focus();
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Review before resuming' });
    expect(dialog.contains(document.activeElement)).toBe(true);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.calls.some((c) => c.channel === 'engine:resume')).toBe(false);
  });

  it('says so plainly when the engine cannot be reached', async () => {
    const api = createFakeApi();
    api.failNext('engine:get-status', 'UNAVAILABLE', 'Cannot reach Frontdesk: connection refused');
    renderApp(api);
    expect((await screen.findByRole('alert')).textContent).toMatch(/Not connected: Frontdesk’s engine is not answering/);
  });
});
