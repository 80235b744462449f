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

/** A full export of 12/14/2027 holding the given appointment numbers. */
function fullExport(ids: readonly number[]): string {
  const rows = ids.map(
    (n) =>
      `${30000 + n},12/14/2027 ${8 + Math.floor(n / 2)}:${n % 2 === 0 ? '00' : '30'} AM,Patient${n},Pat,(212) 555-01${10 + n},DOC1,Scheduled`,
  );
  return ['AptNum,AptDateTime,LName,FName,WirelessPhone,ProvAbbr,AptStatus', ...rows].join('\r\n');
}

function dropWhole(path: string, text: string): void {
  writeFileSync(path, text);
  const past = new Date(Date.now() - 60_000);
  utimesSync(path, past, past);
}

test('a full export that would cancel most of a day is held: the desk sees it and approves it', async ({ page }) => {
  const exportsDir = join(dir, 'full');
  mkdirSync(exportsDir);
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Sources', exact: true }).click();
  const form = page.getByRole('form', { name: 'Add a watch folder' });
  await form.getByLabel('Folder').fill(exportsDir);
  await form.getByRole('checkbox').check();
  await form.getByRole('button', { name: 'Add folder' }).click();
  const card = page.getByRole('listitem', { name: `Watch folder ${exportsDir}` });
  await expect(card).toContainText('Full export');

  dropWhole(join(exportsDir, 'day-1.csv'), fullExport([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(card).toContainText('Imported: 10 created');
  // The next export has 2 of the 10: a truncated file, not 8 cancellations.
  dropWhole(join(exportsDir, 'day-2.csv'), fullExport([0, 1]));
  await page.getByRole('button', { name: 'Sync now' }).click();
  const held = card.getByRole('group', { name: 'Export waiting for review' });
  await expect(held).toContainText('day-2.csv (a full export) would cancel 8 of 10 appointments');
  await expect(page.getByRole('alert').filter({ hasText: 'A schedule export is waiting for review' })).toBeVisible();
  const booked = () => host.engine.services.today({ date: '2027-12-14' }).filter((a) => a.status !== 'cancelled').length;
  expect(booked()).toBe(10);
  await snap(page, 'sources-held');

  await held.getByRole('button', { name: 'Approve…' }).click();
  await held.getByRole('button', { name: 'Yes, apply it' }).click();
  await expect(card.getByRole('group', { name: 'Export waiting for review' })).toHaveCount(0);
  await expect(page.getByText('A schedule export is waiting for review')).toHaveCount(0);
  expect(booked()).toBe(2);
});
