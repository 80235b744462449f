// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ParsedReq } from '../../shared/api/contract';
import type { ImportResult } from '../../shared/domain/dto';
import type { ImportPreview } from '../../shared/domain/source-results';
import { createFakeApi, FakeError } from '../../renderer/src/api/fake-api';
import { renderApp } from './render-app';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

// An Open Dental-style export: its own column names, US dates, AM/PM times, a phone column the header guess maps to
// `phone` while the desk wants the cell column.
const HEADER = ['AptNum', 'Appt Date', 'Appt Time', 'Patient Last Name', 'Patient First Name', 'Cell Phone', 'Home Phone', 'Provider'];
const CSV = [
  HEADER.join(','),
  '1001,12/14/2027,9:30 AM,Diaz,Ana,(212) 555-0101,,Dr. Chen',
  '1002,12/14/2027,10:00 AM,Novak,Peter,555-12,,Dr. Chen',
].join('\r\n');
const AUTO_MAPPING = {
  AptNum: 'external_id',
  'Appt Date': 'date',
  'Appt Time': 'time',
  'Patient Last Name': 'last_name',
  'Patient First Name': 'first_name',
  'Cell Phone': 'cell_phone',
  'Home Phone': 'home_phone',
  Provider: 'provider',
} as const;

const REJECTED_CSV = '\uFEFFRow,Reason,AptNum,Appt Date\r\n3,"Cell Phone ""555-12"" is not a valid phone number",1002,12/14/2027\r\n';

function previewOf(req: ParsedReq<'schedule:preview-import'>): ImportPreview {
  const mapping: Record<string, ImportResult['mapping'] extends infer M ? (M extends Record<string, infer F> ? F : never) : never> = {
    ...AUTO_MAPPING,
  };
  for (const [column, field] of Object.entries(req.mapping ?? {})) {
    if (field === 'ignore') delete mapping[column];
    else mapping[column] = field;
  }
  const result: ImportResult = {
    created: 1,
    updated: 0,
    unchanged: 0,
    rejected: [{ row: 3, reason: 'Cell Phone "555-12" is not a valid phone number', patient: 'Peter Novak' }],
    rejectedCount: 1,
    remindersCancelled: 0,
    kind: 'csv',
    mapping,
    dateFormat: req.dateFormat ?? 'MDY',
    dateFormatSource: req.dateFormat ? 'option' : 'locale',
    warnings: [],
    dryRun: true,
  };
  const appointment = {
    externalId: '1001',
    patient: 'Ana Diaz',
    startsAt: req.dateFormat === 'DMY' ? '2027-02-12T09:30:00-05:00' : '2027-12-14T09:30:00-05:00',
    durationMin: 30,
    provider: 'Dr. Chen',
    status: 'booked' as const,
    phone: '+12125550101',
    email: null,
  };
  return {
    header: HEADER,
    rows: [
      { row: 2, cells: CSV.split('\r\n')[1]!.split(','), problems: [], appointment },
      { row: 3, cells: CSV.split('\r\n')[2]!.split(','), problems: ['Cell Phone "555-12" is not a valid phone number'], appointment: null },
    ],
    result,
  };
}

function wizardApi() {
  return createFakeApi({
    handlers: {
      'schedule:preview-import': previewOf,
      'schedule:import-csv': (req) => ({ ...previewOf(req).result, dryRun: undefined, rejectedCsv: REJECTED_CSV }),
    },
  });
}

/** jsdom's Blob has no arrayBuffer(): FileReader has. */
function blobBytes(blob: Blob): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}

const csvFile = (name = 'od-export.csv') => new File([CSV], name, { type: 'text/csv' });
const base64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));

describe('Import wizard', () => {
  it('previews the first rows as read, in clinic time, with the problem rows marked', async () => {
    const api = wizardApi();
    const user = userEvent.setup();
    renderApp(api, 'import');
    await user.upload(screen.getByLabelText('Schedule file'), csvFile());

    const preview = await screen.findByRole('table', { name: 'Preview of the first rows' });
    const rows = within(preview).getAllByRole('row').slice(1);
    expect(rows[0]!.textContent).toContain('Ana Diaz');
    expect(rows[0]!.textContent).toContain('Tue 14 Dec 2027 09:30');
    expect(rows[1]!.className).toBe('row-problem');
    expect(rows[1]!.textContent).toContain('Rejected: Cell Phone "555-12" is not a valid phone number');
    expect(screen.getByText(/would create 1, update 0, leave 0 unchanged, reject 1/)).toBeTruthy();
    // The file goes as its bytes, with nothing else the desk has not chosen.
    expect(api.calls).toContainEqual({ channel: 'schedule:preview-import', req: { bytes: base64(CSV), fileName: 'od-export.csv' } });
    expect((screen.getByLabelText('Read column "Cell Phone" as') as HTMLSelectElement).value).toBe('cell_phone');
    expect((screen.getByLabelText('Read column "Appt Date" as') as HTMLSelectElement).value).toBe('date');
  });

  it('reads the file again when a column mapping or the date order changes, and imports with those choices', async () => {
    const api = wizardApi();
    const user = userEvent.setup();
    renderApp(api, 'import');
    await user.upload(screen.getByLabelText('Schedule file'), csvFile());
    await screen.findByRole('table', { name: 'Preview of the first rows' });

    await user.selectOptions(screen.getByLabelText('Read column "Home Phone" as'), 'ignore');
    await waitFor(() =>
      expect(api.calls.at(-1)).toEqual({
        channel: 'schedule:preview-import',
        req: { bytes: base64(CSV), fileName: 'od-export.csv', mapping: { 'Home Phone': 'ignore' } },
      }),
    );
    expect((screen.getByLabelText('Read column "Home Phone" as') as HTMLSelectElement).value).toBe('ignore');

    await user.selectOptions(screen.getByLabelText('Dates like 03/04/2027'), 'DMY');
    expect(await screen.findByText('Fri 12 Feb 2027 09:30')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Import this file' }));
    const result = await screen.findByRole('region', { name: 'Import result' });
    expect(api.calls.at(-1)).toEqual({
      channel: 'schedule:import-csv',
      req: { bytes: base64(CSV), fileName: 'od-export.csv', dateFormat: 'DMY', mapping: { 'Home Phone': 'ignore' } },
    });
    const rejected = within(within(result).getByRole('table', { name: 'Rejected rows' })).getAllByRole('row');
    expect(rejected.map((r) => r.textContent)).toEqual([
      'LinePatientReason',
      '3Peter NovakCell Phone "555-12" is not a valid phone number',
    ]);
  });

  it('downloads the rejected rows as the engine wrote them (neutralized CSV), named after the file', async () => {
    const blobs: Blob[] = [];
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: (b: Blob) => (blobs.push(b), 'blob:rejected'), revokeObjectURL: () => {} }));
    const clicked: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    const api = wizardApi();
    const user = userEvent.setup();
    renderApp(api, 'import');
    await user.upload(screen.getByLabelText('Schedule file'), csvFile('Appointments 12-14.csv'));
    await user.click(await screen.findByRole('button', { name: 'Import this file' }));
    await user.click(await screen.findByRole('button', { name: 'Download rejected rows (CSV)' }));
    expect(clicked).toEqual(['Appointments 12-14-rejected.csv']);
    expect(blobs[0]!.type).toBe('text/csv');
    const bytes = new Uint8Array(await blobBytes(blobs[0]!));
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe(REJECTED_CSV);
    click.mockRestore();
  });

  it('saves the reading as a profile and reads the next file with it', async () => {
    const api = wizardApi();
    const user = userEvent.setup();
    renderApp(api, 'import');
    await user.upload(screen.getByLabelText('Schedule file'), csvFile());
    await screen.findByRole('table', { name: 'Preview of the first rows' });
    await user.selectOptions(screen.getByLabelText('Read column "Home Phone" as'), 'ignore');
    await user.type(screen.getByLabelText('Save this reading as a profile'), 'Open Dental');
    await user.click(screen.getByRole('button', { name: 'Save profile' }));

    const { 'Home Phone': _ignored, ...read } = AUTO_MAPPING;
    expect(await screen.findByText(/Profile "Open Dental" saved/)).toBeTruthy();
    expect(api.state.profiles).toEqual([
      { name: 'Open Dental', mapping: { ...read, 'Home Phone': 'ignore' }, dateFormat: 'MDY', sheet: null },
    ]);
    await waitFor(() => expect((screen.getByLabelText('Saved profile') as HTMLSelectElement).value).toBe('Open Dental'));

    // The next file from the same system: read with the profile (and nothing column by column).
    await user.upload(screen.getByLabelText('Schedule file'), csvFile('next-day.csv'));
    await waitFor(() =>
      expect(api.calls.at(-1)).toEqual({
        channel: 'schedule:preview-import',
        req: { bytes: base64(CSV), fileName: 'next-day.csv', profile: 'Open Dental' },
      }),
    );
  });

  it('when the engine refuses the whole file, shows why and still offers the columns to map', async () => {
    const api = createFakeApi({
      handlers: {
        'schedule:preview-import': (req) => {
          if (!req.mapping)
            throw new FakeError('BAD_REQUEST', 'columns "Cell Phone" and "Mobile" both mean cell_phone: map one of them to ignore');
          return previewOf(req);
        },
      },
    });
    const user = userEvent.setup();
    renderApp(api, 'import');
    await user.upload(screen.getByLabelText('Schedule file'), csvFile());
    expect((await screen.findByRole('alert')).textContent).toContain('both mean cell_phone');
    expect(screen.getByRole('button', { name: 'Import this file' }).hasAttribute('disabled')).toBe(true);
    await user.selectOptions(screen.getByLabelText('Read column "Home Phone" as'), 'ignore');
    expect(await screen.findByRole('table', { name: 'Preview of the first rows' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Import this file' }).hasAttribute('disabled')).toBe(false);
  });

  it('reads an Excel workbook from the sheet the desk names', async () => {
    const api = wizardApi();
    const user = userEvent.setup();
    renderApp(api, 'import');
    // A ZIP's first bytes: the engine decides the kind from the content; the window only offers the sheet.
    const workbook = new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0])], 'appointments.xlsx');
    await user.upload(screen.getByLabelText('Schedule file'), workbook);
    await screen.findByRole('table', { name: 'Preview of the first rows' });
    await user.type(screen.getByLabelText('Sheet (blank: the first)'), 'Tomorrow{Enter}');
    await waitFor(() =>
      expect(api.calls.at(-1)).toMatchObject({
        channel: 'schedule:preview-import',
        req: { fileName: 'appointments.xlsx', sheet: 'Tomorrow' },
      }),
    );
  });

  it('refuses a file too large for the window before sending it, and says what to use instead', async () => {
    const api = wizardApi();
    const user = userEvent.setup();
    renderApp(api, 'import');
    const big = new File(['x'], 'year.csv', { type: 'text/csv' });
    Object.defineProperty(big, 'size', { value: 25_000_000 });
    await user.upload(screen.getByLabelText('Schedule file'), big);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not read the file: year.csv is 25.0 MB; the window takes files up to 10.5 MB. Import a larger file with `frontdesk import FILE` or drop it in a watch folder.',
    );
    expect(api.calls.some((c) => c.channel === 'schedule:preview-import')).toBe(false);
  });

  it('shows the answer to the latest choice: a slow answer to an older one does not overwrite it', async () => {
    const fake = wizardApi();
    const held: Array<() => void> = [];
    const invoke = fake.invoke as (c: string, r?: unknown) => Promise<unknown>;
    const api = {
      ...fake,
      // The day-first reading answers late, after the month-first one the desk chose next.
      invoke: ((channel: string, req?: { dateFormat?: string }) =>
        channel === 'schedule:preview-import' && req?.dateFormat === 'DMY'
          ? new Promise<unknown>((resolve) => held.push(() => resolve(invoke(channel, req))))
          : invoke(channel, req)) as typeof fake.invoke,
    };
    const user = userEvent.setup();
    renderApp(api, 'import');
    await user.upload(screen.getByLabelText('Schedule file'), csvFile());
    await screen.findByText('Tue 14 Dec 2027 09:30');
    await user.selectOptions(screen.getByLabelText('Dates like 03/04/2027'), 'DMY');
    await user.selectOptions(screen.getByLabelText('Dates like 03/04/2027'), 'MDY');
    await waitFor(() => expect(held).toHaveLength(1));
    held[0]!();
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.getByText('Tue 14 Dec 2027 09:30')).toBeTruthy();
    expect(screen.queryByText('Fri 12 Feb 2027 09:30')).toBeNull();
  });
});
