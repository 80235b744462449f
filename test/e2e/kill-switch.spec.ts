import { expect, test } from '@playwright/test';
import { startTestHost, type TestHost } from '../helpers/host/start-host';
import { DESK_VIEWPORT, snap } from './support';

let host: TestHost;
test.use({ viewport: DESK_VIEWPORT });
test.beforeEach(async () => {
  // 08:00: quiet hours are over and the morning's call steps are due.
  host = await startTestHost({ now: '2026-11-26 08:00' });
  const imported = await host.importSchedule();
  expect(imported.created).toBeGreaterThan(0);
  host.engine.services.plan();
});
test.afterEach(async () => {
  await host.close();
});

test('pause from the UI stops all sending; resume shows the review first', async ({ page }) => {
  const { services } = host.engine;
  await page.goto(host.url);
  await expect(page.getByRole('list', { name: 'Appointments' }).getByRole('button', { name: 'Maria Lopez' })).toBeVisible();

  // One click.
  await page.getByRole('button', { name: 'Pause all contact' }).click();
  const banner = page.getByRole('alert');
  await expect(banner).toContainText('All outbound contact is paused');
  await expect(banner).toContainText('since');
  await snap(page, 'paused');

  // The engine, not just the screen, is paused: a dispatch cycle sends nothing.
  expect(services.status().paused).toBe(true);
  const due = services.preview({ hours: 1 });
  expect(due.length).toBeGreaterThan(0);
  const dispatched = await services.dispatch();
  expect(dispatched.sent).toBe(0);
  expect(dispatched.paused).toBe(true);
  expect(services.contacts({})).toEqual([]);

  // The banner is on every screen.
  await page.getByRole('button', { name: 'Next contacts' }).click();
  await expect(page.getByRole('alert')).toContainText('All outbound contact is paused');

  // Review before resuming: grouped by patient, nothing sent yet.
  await page.getByRole('alert').getByRole('button', { name: 'Review and resume' }).click();
  const dialog = page.getByRole('dialog', { name: 'Review before resuming' });
  await expect(dialog).toBeVisible();
  const review = services.resumeReview();
  for (const group of review.waiting) await expect(dialog).toContainText(group.patient);
  await snap(page, 'resume-review');
  expect(services.status().paused).toBe(true);
  expect(services.contacts({})).toEqual([]);

  await dialog.getByRole('button', { name: 'Resume sending' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(services.status().paused).toBe(false);
  const after = await services.dispatch();
  expect(after.paused).toBe(false);
  expect(after.sent).toBeGreaterThan(0);
  await snap(page, 'resumed');
});

test('pausing with a reason records who and why', async ({ page }) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Pause with a reason' }).click();
  await page.getByLabel('Reason (optional)').fill('Phones down at the clinic');
  await page.getByRole('button', { name: 'Pause now' }).click();
  await expect(page.getByRole('alert')).toContainText('Phones down at the clinic');
  const status = host.engine.services.status();
  expect(status.paused).toBe(true);
  expect(status.reason).toBe('Phones down at the clinic');
  await page.getByRole('button', { name: 'Audit log' }).click();
  await expect(page.getByRole('table')).toContainText('Phones down at the clinic');
});
