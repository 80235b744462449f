import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { startTestHost, type TestHost } from '../helpers/host/start-host';
import { DESK_VIEWPORT, snap } from './support';

// The import wizard against the real engine behind the web host (docs/import-wizard.md).
const DESK_1366 = { width: DESK_VIEWPORT.width, height: 768 };
let host: TestHost;
test.use({ viewport: DESK_1366, acceptDownloads: true });
test.beforeEach(async () => {
  host = await startTestHost({ now: '2027-12-01 09:00' });
});
test.afterEach(async () => {
  await host.close();
});

// An Open Dental-style daily export: its own header names, US dates, AM/PM times, a provider column under a
// name no practice system's list has ("Hygienist"), one bad phone, one status that is not an appointment, and a
// name that a spreadsheet would run as a formula.
const HEADER = 'AptNum,Appt Date,Appt Time,LName,FName,WirelessPhone,HmPhone,Hygienist,AptStatus';
const EXPORT = [
  HEADER,
  '10231,12/14/2027,8:00 AM,Okafor,Chidi,(212) 555-0141,,HYG1,Scheduled',
  '10232,12/14/2027,8:30 AM,Nguyen,Linh,,(212) 555-0142,HYG2,Confirmed',
  '10233,12/14/2027,1:15 PM,Brown,James,555-12,,HYG1,Scheduled',
  '10234,12/15/2027,9:00 AM,Kim,Soo-jin,(212) 555-0147,,HYG2,UnschedList',
  '10235,12/15/2027,10:00 AM,=HYPERLINK(1),Eve,(212) 555-0148,,HYG1,Scheduled',
].join('\r\n');
const NEXT_DAY = [HEADER, '10240,12/16/2027,11:45 AM,Schmidt,Anna,(212) 555-0143,,HYG2,Scheduled'].join('\r\n');

async function pick(page: Page, name: string, text: string) {
  await page.getByLabel('Schedule file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
}

test('an Open Dental export: preview, change a mapping, import, rejected rows, download them as CSV', async ({ page }) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await pick(page, 'od-daily.csv', EXPORT);

  const preview = page.getByRole('table', { name: 'Preview of the first rows' });
  await expect(preview).toContainText('Chidi Okafor');
  // US dates and AM/PM times, shown in clinic time with the month spelled out.
  await expect(preview.getByRole('row', { name: /Chidi Okafor/ })).toContainText('Tue 14 Dec 2027 08:00');
  await expect(preview.getByRole('row', { name: /James Brown|^3/ }).first()).toBeVisible();
  await expect(preview.locator('tr.row-problem')).toHaveCount(3);
  await expect(page.getByText(/would create 2, update 0, leave 0 unchanged, reject 3/)).toBeVisible();
  // The engine did not recognise "Hygienist": the desk says it is the provider, and the file is read again.
  const hygienist = page.getByLabel('Read column "Hygienist" as');
  await expect(hygienist).toHaveValue('ignore');
  await hygienist.selectOption('provider');
  await expect(preview.getByRole('row', { name: /Chidi Okafor/ })).toContainText('HYG1');
  await snap(page, 'import-wizard-preview');

  await page.getByRole('button', { name: 'Import this file' }).click();
  const result = page.getByRole('region', { name: 'Import result' });
  await expect(result).toContainText(/2\s*created/);
  const rejected = result.getByRole('table', { name: 'Rejected rows' });
  await expect(rejected.locator('tbody tr')).toHaveCount(3);
  await expect(rejected.getByRole('row', { name: /James Brown/ })).toContainText(/^4\s*James Brown\s*.*555-12/);
  await expect(rejected).toContainText('Soo-jin Kim');
  await snap(page, 'import-wizard-result');
  // The engine holds what the preview showed.
  const day = host.engine.services.today({ date: '2027-12-14' });
  expect(day.map((a) => [a.patient, a.provider])).toEqual([
    ['Chidi Okafor', 'HYG1'],
    ['Linh Nguyen', 'HYG2'],
  ]);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    result.getByRole('button', { name: 'Download rejected rows (CSV)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('od-daily-rejected.csv');
  const csv = readFileSync(await download.path(), 'utf8');
  expect(csv.startsWith('\uFEFFRow,Reason,AptNum,')).toBe(true);
  expect(csv).toContain('10233,12/14/2027,1:15 PM,Brown,James,555-12');
  // The formula comes back neutralized: opened in a spreadsheet it is text.
  expect(csv).toContain(",'=HYPERLINK(1),");
  expect(csv.split('\r\n').filter((l) => l !== '')).toHaveLength(4);
});

test('a mapping saved as a profile reads the next file from the same system', async ({ page }) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await pick(page, 'od-daily.csv', EXPORT);
  await page.getByLabel('Read column "Hygienist" as').selectOption('provider');
  await expect(page.getByRole('table', { name: 'Preview of the first rows' })).toContainText('HYG1');
  await page.getByLabel('Save this reading as a profile').fill('Open Dental daily');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Profile "Open Dental daily" saved')).toBeVisible();
  expect(host.engine.services.listImportProfiles().map((p) => [p.name, p.mapping['Hygienist'], p.dateFormat])).toEqual([
    ['Open Dental daily', 'provider', 'MDY'],
  ]);

  // Next morning, a fresh window: pick the profile, then the file.
  await page.reload();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await pick(page, 'od-next.csv', NEXT_DAY);
  await expect(page.getByLabel('Read column "Hygienist" as')).toHaveValue('ignore');
  await page.getByLabel('Saved profile').selectOption('Open Dental daily');
  await expect(page.getByLabel('Read column "Hygienist" as')).toHaveValue('provider');
  await expect(page.getByRole('row', { name: /Anna Schmidt/ })).toContainText('Thu 16 Dec 2027 11:45');
  await expect(page.getByRole('row', { name: /Anna Schmidt/ })).toContainText('HYG2');
  await snap(page, 'import-wizard-profile');
  await page.getByRole('button', { name: 'Import this file' }).click();
  await expect(page.getByRole('region', { name: 'Import result' })).toContainText(/1\s*created/);
  expect(host.engine.services.today({ date: '2027-12-16' }).map((a) => a.provider)).toEqual(['HYG2']);
});
