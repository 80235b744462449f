import { expect, test } from '@playwright/test';
import { applyReply } from '../../../electron/core/outbox/replies';
import { local } from '../../helpers/engine';
import { startTestHost, type TestHost } from '../../helpers/host/start-host';
import { DESK_VIEWPORT, snap } from '../support';

let host: TestHost;
test.use({ viewport: DESK_VIEWPORT });
test.beforeEach(async () => {
  host = await startTestHost({ now: '2026-11-26 08:30' });
  await host.importSchedule();
  host.engine.services.plan();
});
test.afterEach(async () => {
  await host.close();
});

/** A patient's text as the reply poller would apply it. */
function patientTexts(id: string, from: string, body: string): void {
  const { db, clock } = host.engine;
  const now = clock.now();
  db.transaction(() => applyReply(db, { providerId: id, from, body, receivedAt: now }, now)).immediate();
  host.engine.events.emit({ type: 'changed', topics: ['inbox'] });
}

test('read a reply, answer it, and resolve a C from a shared number', async ({ page }) => {
  patientTexts('SM1', '+12125550101', 'Running 10 minutes late, sorry');
  // Ana and Luis Diaz share (718) 555-0134: their C cannot be placed by the engine.
  patientTexts('SM2', '+17185550134', 'C');
  await page.goto(host.url);
  await expect(page.getByText('2 unread replies, 1 to resolve')).toBeVisible();
  await page.getByRole('button', { name: 'Inbox', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Inbox' })).toBeVisible();

  await page.getByRole('button', { name: /Maria Lopez/ }).click();
  const maria = page.getByRole('region', { name: 'Conversation with +12125550101' });
  await expect(maria).toContainText('Running 10 minutes late, sorry');
  await maria.getByRole('textbox', { name: 'Answer by text' }).fill('No problem, see you soon.');
  await expect(maria).toContainText('GSM-7, 1 segment.');
  await maria.getByRole('button', { name: 'Send' }).click();
  await expect(maria.getByRole('status')).toHaveText('Sent (simulated).');
  await expect(maria.getByRole('list', { name: 'Messages' })).toContainText('No problem, see you soon.');
  const ledger = host.engine.services.contacts({}).filter((c) => c.kind === 'conversation');
  expect(ledger).toEqual([expect.objectContaining({ appointment: 'A-1001', channel: 'sms', to: '+12125550101' })]);

  await page.getByRole('button', { name: /Ana Diaz, Luis Diaz/ }).click();
  const diaz = page.getByRole('region', { name: 'Conversation with +17185550134' });
  const resolve = diaz.getByRole('form', { name: 'Which appointment does this C confirm?' });
  await resolve.getByRole('radio', { name: /Luis Diaz/ }).check();
  await snap(page, 'inbox-resolve-c');
  await resolve.getByRole('button', { name: 'Confirm this appointment' }).click();
  await expect(diaz).toContainText('resolved by web');
  const status = (ref: string) => host.engine.services.today({}).find((a) => a.appointment === ref)?.status;
  expect([status('A-1003'), status('A-1004')]).toEqual(['booked', 'confirmed']);
  await expect(page.getByText(/unread repl/)).toHaveCount(0);
});

test('an answer after 24 h is refused with the reason', async ({ page }) => {
  patientTexts('SM1', '+12125550101', 'Do I need to fast?');
  host.engine.clock.set(local('2026-11-27 09:00'));
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Inbox', exact: true }).click();
  const maria = page.getByRole('region', { name: 'Conversation with +12125550101' });
  await expect(maria).toContainText('More than 24 hours have passed');
  await expect(maria.getByRole('button', { name: 'Send' })).toBeDisabled();
});

test('the template editor shows encoding, segments and cost', async ({ page }) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('button', { name: 'Messages' }).click();
  const preview = page.getByRole('group', { name: 'SMS preview' });
  await expect(preview.getByLabel('Text encoding and cost')).toHaveText(/^GSM-7 1 segment · about \$0\.\d+ per text$/);
  const box = page.getByRole('textbox', { name: 'SMS template' });
  await box.fill(`Clínica ${await box.inputValue()}`);
  await expect(preview.getByLabel('Text encoding and cost')).toContainText(/^UCS-2 \d segments/);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('es');
  await expect(page.getByRole('group', { name: 'SMS preview' })).toContainText('cita');
  await snap(page, 'template-editor-segments');
});
