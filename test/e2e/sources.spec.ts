import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { HOUR_MS } from '../../electron/core/platform/clock';
import { startTestHost, type TestHost } from '../helpers/host/start-host';
import { DESK_VIEWPORT, snap } from './support';

// The Sources screen and the stale-schedule alarm against the real engine behind the web host.
let host: TestHost;
let dir: string;
test.use({ viewport: { width: DESK_VIEWPORT.width, height: 768 } });
test.beforeEach(async () => {
  host = await startTestHost({ now: '2027-12-01 09:00' });
  dir = mkdtempSync(join(tmpdir(), 'frontdesk-e2e-sources-'));
});
test.afterEach(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

const EXPORT = [
  'AptNum,AptDateTime,LName,FName,WirelessPhone,ProvAbbr,AptStatus',
  '20001,12/14/2027 8:00 AM,Okafor,Chidi,(212) 555-0141,DOC1,Scheduled',
  '20002,12/14/2027 8:30 AM,Nguyen,Linh,(212) 555-0142,HYG1,Confirmed',
].join('\r\n');

test('a watch folder added from the window imports on "Sync now"; an overdue export raises the banner', async ({ page }) => {
  const exportsDir = join(dir, 'od-exports');
  mkdirSync(exportsDir);
  const file = join(exportsDir, 'appointments-1201.csv');
  writeFileSync(file, EXPORT);
  const past = new Date(Date.now() - 60_000);
  utimesSync(file, past, past); // written whole a minute ago: complete at first sight

  await page.goto(host.url);
  await page.getByRole('button', { name: 'Sources', exact: true }).click();
  await expect(page.getByText(/No source is configured yet/)).toBeVisible();
  const form = page.getByRole('form', { name: 'Add a watch folder' });
  await form.getByLabel('Folder').fill(exportsDir);
  await form.getByRole('button', { name: 'Add folder' }).click();
  const card = page.getByRole('listitem', { name: `Watch folder ${exportsDir}` });
  await expect(card).toContainText('Never');

  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByRole('region', { name: 'Sync results' })).toContainText('appointments-1201.csv: imported');
  await expect(card).toContainText(/Wed 1 Dec 09:00 — Imported: 2 created/);
  expect(host.engine.services.today({ date: '2027-12-14' }).map((a) => a.patient)).toEqual(['Chidi Okafor', 'Linh Nguyen']);
  await expect(page.getByText('The schedule may be out of date')).toHaveCount(0);
  await snap(page, 'sources');

  // Two days without an export from a source that delivers daily: the banner on every screen, the card marked.
  host.engine.clock.advance(48 * HOUR_MS);
  await page.reload();
  const banner = page.getByRole('alert').filter({ hasText: 'The schedule may be out of date' });
  await expect(banner).toContainText(`no export has arrived from watch folder ${exportsDir} since Wed 1 Dec 09:00`);
  await snap(page, 'sources-stale-banner');
  await banner.getByRole('button', { name: 'Open Sources' }).click();
  await expect(card).toContainText('overdue: the schedule may be out of date');
  await snap(page, 'sources-stale');

  // A folder used for other things is refused, and the reason shown.
  writeFileSync(join(dir, 'notes.docx'), '');
  await form.getByLabel('Folder').fill(dir);
  await form.getByRole('button', { name: 'Add folder' }).click();
  await expect(form.getByRole('alert')).toContainText('holds other folders');

  // Removing stops watching; the files stay.
  await card.getByRole('button', { name: 'Remove…' }).click();
  await card.getByRole('button', { name: 'Stop watching' }).click();
  await expect(page.getByText(/No source is configured yet/)).toBeVisible();
  await expect(page.getByText('The schedule may be out of date')).toHaveCount(0);
  expect(host.engine.services.listSources()).toEqual([]);
});
