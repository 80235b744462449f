import { expect, test } from '@playwright/test';
import { startTestHost, type TestHost } from '../helpers/host/start-host';
import { DESK_VIEWPORT, snap } from './support';

let host: TestHost;
test.use({ viewport: DESK_VIEWPORT });
test.beforeEach(async () => {
  // 08:00: quiet hours are over and the morning's call steps are due.
  host = await startTestHost({ now: '2026-11-26 08:00' });
  await host.importSchedule();
  host.engine.services.plan();
});
test.afterEach(async () => {
  await host.close();
});

test('who is at the desk: a PIN, then the audit log names the person and the desk', async ({ page }) => {
  const { services } = host.engine;
  await services.addStaff({ name: 'Maria', pin: '4821', actor: 'cli' });
  await services.addStaff({ name: 'Ravi', actor: 'cli', role: 'admin' });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Who is at the desk?' }).click();
  const dialog = page.getByRole('dialog', { name: 'Who is at the desk?' });
  await dialog.getByLabel(/Maria/).check();
  await dialog.getByLabel('This desk').fill('desk 2');
  await dialog.getByLabel('PIN for Maria').fill('1234');
  await dialog.getByRole('button', { name: 'I am Maria' }).click();
  await expect(dialog).toContainText('wrong PIN for Maria');
  await dialog.getByLabel('PIN for Maria').fill('4821');
  await dialog.getByRole('button', { name: 'I am Maria' }).click();
  await expect(page.getByRole('button', { name: /At the desk: Maria \(desk 2\)/ })).toBeVisible();
  await snap(page, 'staff-picker');

  await page.getByRole('button', { name: 'Pause all contact' }).click();
  await expect(page.getByRole('alert')).toContainText('Maria (desk 2)');
  expect(services.status().pausedBy).toBe('Maria (desk 2)');

  // Ravi (a desk user) may not change limits: the engine refuses, whatever the screen shows.
  await page.getByRole('button', { name: /At the desk: Maria/ }).click();
  await page.getByRole('dialog').getByLabel(/Ravi/).check();
  await page.getByRole('dialog').getByRole('button', { name: 'I am Ravi' }).click();
  await expect(page.getByRole('button', { name: /At the desk: Ravi/ })).toBeVisible();
  const session = await page.evaluate(() => window.sessionStorage.getItem('frontdesk-staff-session'));
  const refused = await page.request.post(`${host.origin}/api/settings:update`, {
    headers: { ...host.authHeaders, 'x-frontdesk-staff': session ?? '' },
    data: { settings: { limits: { smsPerMinute: 10 } } },
  });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe('FORBIDDEN');
});

test('undo a confirm from the toast', async ({ page }) => {
  const { services } = host.engine;
  await page.goto(host.url);
  await page.getByRole('list', { name: 'Appointments' }).getByRole('button', { name: 'Ana Diaz' }).click();
  await page.getByRole('region', { name: 'Ana Diaz' }).getByRole('button', { name: 'Confirm' }).click();
  const toast = page.locator('.undo-toast');
  await expect(toast).toContainText('Confirmed Ana Diaz (#A-1003).');
  await snap(page, 'undo-toast');
  expect(services.today({}).find((a) => a.appointment === 'A-1003')?.status).toBe('confirmed');
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(toast).toContainText('Undone: Ana Diaz is booked again.');
  expect(services.today({}).find((a) => a.appointment === 'A-1003')?.status).toBe('booked');
  expect(services.auditLog({ limit: 5 }).map((e) => e.kind)).toContain('appointment_confirm_undone');
});

test('pause one provider, then resume it after leaving one reminder out', async ({ page }) => {
  const { services } = host.engine;
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Pause one provider or channel…' }).click();
  const form = page.getByRole('form', { name: 'Pause one provider or channel' });
  await form.getByRole('textbox', { name: 'Provider' }).fill('Dr. Patel');
  await form.getByRole('textbox', { name: 'Reason' }).fill('out sick');
  await form.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByText('Paused: Dr. Patel')).toBeVisible();
  await snap(page, 'scoped-pause');

  // The engine holds Dr. Patel's reminders; the others go.
  await host.runCycle();
  const sentFor = () => new Set(services.contacts({}).map((c) => c.appointment));
  const patel = services
    .today({})
    .filter((a) => a.provider === 'Dr. Patel')
    .map((a) => a.appointment);
  expect(patel.length).toBeGreaterThan(0);
  for (const id of patel) expect(sentFor().has(id)).toBe(false);

  await page.getByRole('button', { name: 'Review and resume Dr. Patel' }).click();
  const dialog = page.getByRole('dialog', { name: 'Review before resuming Dr. Patel' });
  const boxes = dialog.getByRole('checkbox');
  await expect(boxes.first()).toBeVisible();
  const waiting = await boxes.count();
  expect(waiting).toBeGreaterThan(0);
  await boxes.first().uncheck();
  await snap(page, 'scoped-resume-review');
  await dialog.getByRole('button', { name: /Resume Dr. Patel \(leave 1 out\)/ }).click();
  await expect(page.getByText('Paused: Dr. Patel')).toHaveCount(0);

  host.engine.clock.advance(2 * 60_000);
  await host.runCycle();
  const left = services.auditLog({ limit: 10 }).find((e) => e.kind === 'resume_left_out');
  expect(left?.detail).toMatchObject({ ended: 1 });
  const leftOut = (left!.detail as { items: { appointment: string; rule: string }[] }).items[0]!;
  const contacts = services.contacts({});
  // The left-out reminder never went; Dr. Patel's others did once resumed.
  expect(contacts.some((c) => c.appointment === leftOut.appointment && c.rule === leftOut.rule)).toBe(false);
  expect(patel.some((id) => sentFor().has(id))).toBe(true);
});
