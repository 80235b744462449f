import { expect, test } from '@playwright/test';
import { local } from '../helpers/engine';
import { startTestHost, type TestHost } from '../helpers/host/start-host';
import { DESK_VIEWPORT, snap } from './support';

let host: TestHost;
test.use({ viewport: DESK_VIEWPORT });
test.beforeEach(async () => {
  host = await startTestHost({ now: '2026-11-26 07:00' });
  await host.importSchedule();
  host.engine.services.plan();
});
test.afterEach(async () => {
  await host.close();
});

test('confirming at the desk stops the call step', async ({ page }) => {
  const { services } = host.engine;
  const voiceOf = (ref: string) =>
    services
      .today({})
      .find((a) => a.appointment === ref)
      ?.contacts.find((c) => c.channel === 'voice');
  expect(voiceOf('A-1003')?.state).toBe('pending');

  await page.goto(host.url);
  const list = page.getByRole('list', { name: 'Appointments' });
  await list.getByRole('button', { name: 'Ana Diaz' }).click();
  const detail = page.getByRole('region', { name: 'Ana Diaz' });
  await expect(detail).toContainText(/Call\s*planned/);
  await detail.getByRole('button', { name: 'Confirm' }).click();
  await expect(detail.getByText('Confirmed', { exact: true }).first()).toBeVisible();
  await expect(detail).toContainText(/Call\s*cancelled/);
  await snap(page, 'confirmed');

  // The engine stopped the call: at call time, the dispatcher places no call for A-1003.
  expect(voiceOf('A-1003')?.state).toBe('cancelled');
  host.engine.clock.set(local('2026-11-26 08:05'));
  await host.runCycle();
  const calls = services.contacts({}).filter((c) => c.appointment === 'A-1003' && c.channel === 'voice');
  expect(calls).toEqual([]);
});

test('fix phone shows the engine error for a bad number', async ({ page }) => {
  await page.goto(host.url);
  await page.getByRole('list', { name: 'Appointments' }).getByRole('button', { name: 'Maria Lopez' }).click();
  await page.getByRole('button', { name: 'Fix phone number' }).click();
  const input = page.getByLabel('New phone number for Maria Lopez');
  await input.fill('12');
  await page.getByRole('button', { name: 'Save number' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await snap(page, 'fix-phone-error');
});
