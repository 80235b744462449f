import { expect, test } from '@playwright/test';
import { DEFAULT_TEMPLATES } from '../../electron/core/channels/templates';
import { startTestHost, type TestHost } from '../helpers/host/start-host';
import { DESK_VIEWPORT, snap } from './support';

let host: TestHost;
test.use({ viewport: DESK_VIEWPORT });
test.beforeEach(async () => {
  host = await startTestHost({ now: '2026-11-26 09:00' });
});
test.afterEach(async () => {
  await host.close();
});

test('edit the SMS template with a live preview, save it, and send a test SMS', async ({ page }) => {
  const { services } = host.engine;
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('button', { name: 'Messages' }).click();

  const sms = page.getByRole('textbox', { name: 'SMS template' });
  const preview = page.getByRole('group', { name: 'SMS preview' });
  // Nothing stored yet: each editor starts from the engine's own default wording. (The renderer keeps
  // a copy, as it cannot import engine files; this keeps the two in step.)
  await expect(sms).toHaveValue(DEFAULT_TEMPLATES.sms);
  await expect(page.getByRole('textbox', { name: 'Call script template' })).toHaveValue(DEFAULT_TEMPLATES.voice);
  await expect(page.getByRole('textbox', { name: 'Email subject template' })).toHaveValue(DEFAULT_TEMPLATES.emailSubject);
  await expect(page.getByRole('textbox', { name: 'Email text template' })).toHaveValue(DEFAULT_TEMPLATES.emailText);
  // Rendered by the engine with the clinic's own name and phone.
  await expect(preview).toContainText('Riverside Clinic: appointment');
  await expect(preview).toContainText('(212) 555-0100');
  await expect(preview).toContainText(/\d+\/160 characters/);
  await expect(preview.getByRole('alert')).toHaveCount(0);

  // An unknown merge field: the preview names it, and the engine refuses to save it.
  await sms.fill('{clinic}: {doctor} will see you {weekday} {date} at {time}. Questions: {phone}. Reply STOP to opt out.');
  await expect(preview.getByRole('alert')).toContainText('Unknown field {doctor}');
  await expect(preview).toContainText('Riverside Clinic: {doctor} will see you');
  await page.getByRole('button', { name: 'Save templates' }).click();
  const form = page.getByRole('form', { name: 'Message templates' });
  await expect(form.locator('.action-bar').getByRole('alert')).toHaveText(/^sms template: Unknown field \{doctor\}/);
  expect(services.getSettings().templates).toEqual({});
  await snap(page, 'settings-messages-refused');

  // Fixed: the field buttons put {phone} where the cursor is.
  const fixed = '{clinic}: see you {weekday} {date} at {time}. Reply C to confirm. Questions: . Reply STOP to opt out.';
  await sms.fill(fixed);
  await sms.focus();
  await sms.evaluate((el: HTMLTextAreaElement, at) => el.setSelectionRange(at, at), fixed.indexOf(' . Reply STOP') + 1);
  await page.getByRole('group', { name: 'Insert a field into the sms' }).getByRole('button', { name: '{phone}' }).click();
  const saved = fixed.replace('Questions: .', 'Questions: {phone}.');
  await expect(sms).toHaveValue(saved);
  await expect(preview.getByRole('alert')).toHaveCount(0);
  await expect(preview).toContainText('No problems found.');
  await expect(preview).toContainText('Riverside Clinic: see you');
  await page.getByRole('button', { name: 'Save templates' }).click();
  await expect(form.getByRole('status')).toHaveText('Templates saved.');
  await expect(form.locator('.action-bar').getByRole('alert')).toHaveCount(0);
  expect(services.getSettings().templates).toEqual({ sms: saved });
  await expect(page.getByRole('group', { name: 'SMS', exact: true })).toContainText('Custom wording');
  await page.evaluate(() => window.scrollTo(0, 0));
  await snap(page, 'settings-messages');

  // Connections: simulate mode, credentials only in the desktop app, a test SMS.
  await page.getByRole('navigation', { name: 'Settings sections' }).getByRole('button', { name: 'Connections' }).click();
  await expect(page.getByText('Credentials can be set only in the desktop app, on the computer at the front desk.')).toBeVisible();
  await expect(page.getByRole('group', { name: 'In use' })).toContainText('Simulate — no one is contacted');
  const test = page.getByRole('form', { name: 'Send a test message' });
  await test.getByLabel('Channel').selectOption('sms');
  await test.getByLabel('Your mobile number').fill('(212) 555-0199');
  await test.getByRole('button', { name: 'Send test message' }).click();
  await expect(test.getByRole('status')).toContainText('Simulated');
  await expect(test.getByRole('status')).toContainText('+12125550199');
  const events = services.auditLog({ limit: 10 }).filter((e) => e.kind === 'test_message');
  expect(events[0]?.detail).toMatchObject({ channel: 'sms', to: '+12125550199', outcome: 'simulated' });
  await snap(page, 'settings-connections');

  // Paused: the engine refuses, and the screen says what to do.
  await page.getByRole('button', { name: 'Pause all contact' }).click();
  await test.getByRole('button', { name: 'Send test message' }).click();
  await expect(test.getByRole('alert')).toHaveText('Sending is paused — resume first.');
});
