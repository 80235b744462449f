import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { SAMPLE_SCHEDULE, startTestHost, type TestHost } from '../helpers/host/start-host';
import { DESK_VIEWPORT, snap } from './support';

let host: TestHost;
test.use({ viewport: DESK_VIEWPORT });
test.beforeEach(async () => {
  host = await startTestHost({ now: '2026-11-26 07:00' });
});
test.afterEach(async () => {
  await host.close();
});

test('a CSV imported through the UI shows its rejects, then appears on Today in time order', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByText('Simulate — no one is contacted').first()).toBeVisible();
  await page.getByRole('button', { name: 'Import', exact: true }).click();

  const csv = readFileSync(SAMPLE_SCHEDULE, 'utf8');
  await page.getByLabel('Schedule file').setInputFiles({ name: 'schedule.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByRole('heading', { name: 'First 13 rows as they will be read' })).toBeVisible();
  await page.getByRole('button', { name: 'Import this file' }).click();

  const result = page.getByRole('region', { name: 'Import result' });
  await expect(result).toBeVisible();
  await expect(result).toContainText(/\d+\s*created/);
  // Peter Novak's "555-12" is on line 12 of the file: the engine reports that row number.
  const rejects = result.getByRole('table', { name: 'Rejected rows' });
  await expect(rejects).toContainText('555-12');
  const rejectRows = await rejects.locator('tbody tr').allInnerTexts();
  expect(rejectRows.some((r) => /^12\s/.test(r))).toBe(true);
  await snap(page, 'import-result');

  // The long-running engine plans after every change; this one is driven by hand.
  host.engine.services.plan();
  // The engine agrees with what the UI showed.
  const todayFromEngine = host.engine.services.today({});
  expect(todayFromEngine.length).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Today', exact: true }).click();
  const list = page.getByRole('list', { name: 'Appointments' });
  await expect(list.getByRole('button', { name: 'Maria Lopez' })).toBeVisible();
  const names = await list.locator('.patient-name').allInnerTexts();
  const expected = [...todayFromEngine].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt)).map((a) => a.patient);
  expect(names).toEqual(expected);
  await expect(page.getByText(/Thursday, November 26, 2026/).first()).toBeVisible();

  // Reminder chips carry the engine's state; a detail shows the full timeline.
  await list.getByRole('button', { name: 'Ana Diaz' }).click();
  const detail = page.getByRole('region', { name: 'Ana Diaz' });
  await expect(detail).toContainText(/Call\s*planned/);
  await expect(list.locator('.appt-row', { hasText: 'Ana Diaz' }).locator('.chip')).not.toHaveCount(0);
  await snap(page, 'today');

  // Search narrows the list.
  await page.getByLabel('Search').fill('A-1004');
  await expect(list.locator('.patient-name')).toHaveText(['Luis Diaz']);
});
