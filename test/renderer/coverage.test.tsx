// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi } from '../../renderer/src/api/fake-api';
import type { CoverageItem } from '../../shared/domain/coverage';
import { renderApp } from './render-app';

afterEach(cleanup);

const TEXT: CoverageItem = {
  outboxId: 7,
  appointment: 'MON-10',
  patient: 'Ana Diaz',
  channel: 'sms',
  startsAt: '2026-12-07T10:00:00-05:00',
  dueAt: '2026-12-06T10:00:00-05:00',
  windowEnd: '2026-12-07T08:00:00-05:00',
  reason: 'this computer is expected to be on during its send window only outside 08:00–21:00',
};
const CALL: CoverageItem = {
  ...TEXT,
  outboxId: 8,
  channel: 'voice',
  reason: 'this computer is expected to be off for its whole send window',
};

function withItems(items: CoverageItem[], source: 'configured' | 'assumed' = 'configured') {
  const api = createFakeApi();
  api.state.coverage = {
    deskHours: 'Mon-Fri 07:30-18:00',
    deskHoursSource: source,
    hours: 72,
    nextOffAt: '2026-12-04T18:00:00-05:00',
    items,
  };
  return api;
}

describe('Coverage panel, header count and sender-down banner', () => {
  it('lists each reminder at risk with its reason and what to do, and counts them in the header', async () => {
    const api = withItems([TEXT, CALL]);
    const user = userEvent.setup();
    renderApp(api);
    const count = await screen.findByRole('button', { name: '2 reminders at risk while the desk is off' });
    await user.click(count);
    expect(await screen.findByRole('heading', { name: 'Coverage' })).toBeTruthy();
    const table = await screen.findByRole('table');
    expect(within(table).getAllByText('Ana Diaz')).toHaveLength(2);
    expect(within(table).getByText(TEXT.reason)).toBeTruthy();
    expect(within(table).getByText(/Calls cannot be sent ahead/)).toBeTruthy();
    expect(screen.getByText(/Desk hours: Mon-Fri 07:30-18:00 \(set in Settings\)/)).toBeTruthy();
    expect(screen.getByText(/2 reminders will not go out/)).toBeTruthy();
    expect(api.calls).toContainEqual({ channel: 'coverage:list', req: { hours: 72 } });
  });

  it('says when the desk hours are only assumed, and shows no count when nothing is at risk', async () => {
    const api = withItems([], 'assumed');
    renderApp(api, 'coverage');
    expect(await screen.findByText(/assumed \(typical office hours\)/)).toBeTruthy();
    expect(screen.getByText(/Nothing is due while this computer is expected to be off/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /at risk while the desk is off/ })).toBeNull();
  });

  it('shows "reminders are not being sent" on every screen while the sender is down', async () => {
    const api = createFakeApi();
    api.state.status = { ...api.state.status, senderDown: { lastCycleAt: '2026-12-04T14:00:00Z', due: 3 } };
    const user = userEvent.setup();
    renderApp(api);
    for (const tab of ['Today', 'Coverage', 'Next contacts']) {
      await user.click(screen.getByRole('button', { name: tab }));
      const alert = await screen.findByRole('alert');
      expect(alert.textContent).toMatch(/Reminders are not being sent/);
      expect(alert.textContent).toMatch(/3 reminders are due/);
    }
    api.state.status = { ...api.state.status, senderDown: null };
    api.emit('engine:changed', { topics: ['status'] });
    await screen.findByRole('heading', { name: 'Next contacts' });
    await expect.poll(() => screen.queryByRole('alert')).toBeNull();
  });
});
