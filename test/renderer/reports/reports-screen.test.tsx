// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi, FAKE_TODAY } from '../../../renderer/src/api/fake-api';
import { fakeDashboard } from '../../../renderer/src/features/reports/fake-reports';
import { renderApp } from '../render-app';

/** What the window saved: the anchor each download clicked, and the blob behind it. */
let downloads: { name: string; blob: Blob }[];
const blobs = new Map<string, Blob>();

beforeEach(() => {
  downloads = [];
  // jsdom has neither ResizeObserver (the charts' containers) nor blob URLs nor downloads.
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
  let n = 0;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = `blob:test/${++n}`;
    blobs.set(url, blob as Blob);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ name: this.download, blob: blobs.get(this.href)! });
  });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

async function openReports() {
  const api = createFakeApi();
  renderApp(api);
  await userEvent.setup().click(screen.getByRole('button', { name: 'Reports' }));
  // The screen is loaded on first use (its chart library): give it time on a busy machine.
  await screen.findByRole('heading', { name: 'Reports' }, { timeout: 15_000 });
  return api;
}

describe('Reports screen', () => {
  it("shows today's summary: sent, confirmed, failed, at risk tomorrow", async () => {
    await openReports();
    const summary = await screen.findByRole('region', { name: /^Today/ });
    await waitFor(() => expect(within(summary).getByText('Sent').nextSibling?.textContent).toBe('42'));
    expect(within(summary).getByText('Confirmed').nextSibling?.textContent).toBe('17');
    expect(within(summary).getByText('Failed').nextSibling?.textContent).toBe('2');
    expect(within(summary).getByText('At risk tomorrow').nextSibling?.textContent).toBe('3');
  });

  it('puts the numbers behind every chart in a table screen readers can read', async () => {
    const api = await openReports();
    const settings = await api.invoke('reports:get-settings');
    if (!settings.ok) throw new Error(settings.error.message);
    const expected = fakeDashboard('2026-02-09', FAKE_TODAY, settings.value);
    const reminders = await screen.findByRole('table', { name: 'Reminders by channel and outcome' });
    const sms = expected.reminders.byChannel.find((c) => c.channel === 'sms')!;
    const smsRow = within(reminders).getByRole('rowheader', { name: 'SMS' }).closest('tr')!;
    expect(smsRow.textContent).toContain(String(sms.outcomes.delivered));
    expect(within(smsRow).getAllByRole('cell').at(-1)!.textContent).toBe(String(sms.total));
    const perDay = screen.getByRole('table', { name: 'Appointments and confirmations per day' });
    expect(within(perDay).getAllByRole('row')).toHaveLength(1 + 30);
    expect(screen.getByRole('table', { name: 'No-shows among confirmed and unconfirmed appointments' }).textContent).toMatch(
      /Confirmed.*3\.0 %/,
    );
    const contacts = screen.getByRole('table', { name: 'Texts, calls and emails per day, and the most to one number' });
    expect(within(contacts).getByRole('columnheader', { name: 'Most to one number (cap 1)' })).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Estimated cost per channel' }).textContent).toMatch(/SMS.*segments/);
    expect(screen.getByRole('table', { name: 'Why reminders were suppressed' }).textContent).toContain('number opted out (STOP)');
    // The tables are hidden on screen until asked for, never from screen readers.
    const toggle = screen.getAllByRole('button', { name: 'Show numbers' })[0]!;
    expect(document.getElementById(toggle.getAttribute('aria-controls')!)!.className).toBe('visually-hidden');
    await userEvent.setup().click(toggle);
    expect(document.getElementById(toggle.getAttribute('aria-controls')!)!.className).toBe('chart-table');
    expect(toggle.textContent).toBe('Hide numbers');
  });

  it('asks the engine for another range of days', async () => {
    const api = await openReports();
    await screen.findByRole('table', { name: 'Reminders by channel and outcome' });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Last 7 days' }));
    await waitFor(() => expect(api.calls).toContainEqual({ channel: 'reports:dashboard', req: { from: '2026-03-04', to: FAKE_TODAY } }));
    await waitFor(() =>
      expect(within(screen.getByRole('table', { name: 'Appointments and confirmations per day' })).getAllByRole('row')).toHaveLength(8),
    );
  });

  it('"Print today" saves the day sheet PDF the engine made', async () => {
    const api = await openReports();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Print today' }));
    expect(await screen.findByText(`Saved day-sheet-${FAKE_TODAY}.pdf.`)).toBeTruthy();
    expect(api.calls).toContainEqual({ channel: 'reports:day-sheet', req: { date: FAKE_TODAY } });
    expect(downloads).toHaveLength(1);
    expect(downloads[0]!.name).toBe(`day-sheet-${FAKE_TODAY}.pdf`);
    expect(downloads[0]!.blob.type).toBe('application/pdf');
    expect(await blobText(downloads[0]!.blob)).toBe('%PDF-1.4 fake day sheet');
    await user.click(screen.getByRole('button', { name: 'Export contacts (CSV)' }));
    expect(api.calls).toContainEqual({ channel: 'reports:contacts-export', req: { from: '2026-02-09', to: FAKE_TODAY } });
    await waitFor(() => expect(downloads.map((d) => d.name)).toContain(`contacts-2026-02-09-to-${FAKE_TODAY}.csv`));
  });

  it("finds a patient's history by phone, exports it, and shows the engine's error for an unknown id", async () => {
    const api = await openReports();
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Phone number' }), '(212) 555-0101');
    await user.click(screen.getByRole('button', { name: 'Show history' }));
    const table = await screen.findByRole('table', { name: 'History of (212) 555-0101' });
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    expect(table.textContent).toContain('reply "STOP"');
    expect(screen.getByText(/opted out \(STOP\) since/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Export PDF' }));
    expect(api.calls).toContainEqual({ channel: 'reports:patient-export', req: { phone: '(212) 555-0101', format: 'pdf' } });
    await waitFor(() => expect(downloads).toHaveLength(1));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Find by' }), 'appointment');
    await user.type(screen.getByRole('textbox', { name: 'Appointment id' }), 'X-9');
    api.failNext('reports:patient-history', 'NOT_FOUND', 'no appointment with id "X-9"');
    await user.click(screen.getByRole('button', { name: 'Show history' }));
    expect((await screen.findByRole('alert')).textContent).toBe('no appointment with id "X-9"');
  });

  it('edits the prices the cost estimate uses', async () => {
    const api = await openReports();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Prices' }));
    const form = await screen.findByRole('form', { name: 'Prices and summary time' });
    const sms = within(form).getByLabelText('Per text segment');
    await user.clear(sms);
    await user.type(sms, '0.01');
    await user.click(within(form).getByRole('button', { name: 'Save prices' }));
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Prices and summary time' })).toBeNull());
    expect(api.calls.find((c) => c.channel === 'reports:update-settings')?.req).toMatchObject({ prices: { smsPerSegment: 0.01 } });
    const segments = fakeDashboard('2026-02-09', FAKE_TODAY, {
      prices: { currency: 'USD', smsPerSegment: 0.01, voicePerMinute: 0.014, voiceMinutesPerCall: 1, emailPerMessage: 0 },
      summaryAt: null,
    }).cost.channels.find((c) => c.channel === 'sms')!.units;
    await waitFor(() =>
      expect(screen.getByRole('table', { name: 'Estimated cost per channel' }).textContent).toContain(
        `${segments} segments$${(segments * 0.01).toFixed(2)}`,
      ),
    );
  });
});

/** jsdom's Blob has no text(): read it as a browser would. */
function blobText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}
