// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeApi } from '../../renderer/src/api/fake-api';
import type { Api } from '../../renderer/src/api/client';
import { renderApp } from './render-app';

afterEach(cleanup);

const CSV = [
  'external_id,patient_name,phone,email,starts_at,duration_min,provider,status',
  'A-1,Ann Lee,+15555550111,,2026-03-11 09:00,30,Dr. Chen,booked',
  'A-2,Bo Diaz,not-a-phone,,2026-03-11 09:30,30,Dr. Chen,booked',
  'A-3,Cy Wu,+15555550113,,yesterday,30,Dr. Chen,booked',
].join('\n');

describe('Import', () => {
  it('reads the chosen file, sends it, and shows counts and rejects with row numbers', async () => {
    const fake = createFakeApi();
    // The engine's answer for this file (the fake accepts everything; the real engine is tested in e2e).
    const api: Api = {
      ...fake,
      invoke: (async (channel: string, ...args: unknown[]) =>
        channel === 'schedule:import-csv'
          ? (fake.calls.push({ channel, req: args[0] }),
            {
              ok: true,
              value: {
                created: 1,
                updated: 0,
                unchanged: 0,
                remindersCancelled: 0,
                rejectedCount: 2,
                rejected: [
                  { row: 3, reason: 'phone: not-a-phone is not a valid phone number' },
                  { row: 4, reason: 'starts_at: cannot read "yesterday"' },
                ],
              },
            })
          : (fake.invoke as (c: string, r?: unknown) => Promise<unknown>)(channel, args[0])) as Api['invoke'],
    };
    const user = userEvent.setup();
    renderApp(api, 'import');
    const file = new File([CSV], 'schedule.csv', { type: 'text/csv' });
    await user.upload(screen.getByLabelText('CSV file'), file);
    expect(await screen.findByText('schedule.csv: 3 rows')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Import this file' }));

    // The file's bytes go as they are (base64), so the engine can detect the encoding, or an Excel workbook.
    const bytes = btoa(String.fromCharCode(...new TextEncoder().encode(CSV)));
    expect(fake.calls).toContainEqual({ channel: 'schedule:import-csv', req: { bytes, fileName: 'schedule.csv' } });
    const result = await screen.findByRole('region', { name: 'Import result' });
    expect(result.textContent).toMatch(/1 created/);
    expect(result.textContent).toMatch(/2 rejected/);
    const rows = within(within(result).getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      '3phone: not-a-phone is not a valid phone number',
      '4starts_at: cannot read "yesterday"',
    ]);
  });

  it('shows the engine error when the whole file is refused', async () => {
    const api = createFakeApi();
    api.failNext('schedule:import-csv', 'BAD_REQUEST', 'Missing column: starts_at');
    const user = userEvent.setup();
    renderApp(api, 'import');
    await user.upload(screen.getByLabelText('CSV file'), new File(['a,b\n1,2'], 'bad.csv', { type: 'text/csv' }));
    await user.click(await screen.findByRole('button', { name: 'Import this file' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Missing column: starts_at');
  });
});
