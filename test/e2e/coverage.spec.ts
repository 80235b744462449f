import { expect, test } from '@playwright/test';
import { startTestHost, type TestHost } from '../helpers/host/start-host';
import { local, phone, scheduleCsv } from '../helpers/engine';
import { DESK_VIEWPORT, snap } from './support';

let host: TestHost;
test.use({ viewport: DESK_VIEWPORT });
test.beforeEach(async () => {
  // Friday 15:00; the desk is on weekdays 07:30-18:00 only.
  host = await startTestHost({ now: '2026-12-04 15:00' });
  await host.engine.services.updateSettings({ settings: { deskHours: 'Mon-Fri 07:30-18:00' }, actor: 'test' });
  const imported = await host.importSchedule(
    scheduleCsv([
      { id: 'MON-0900', name: 'Maria Lopez', phone: phone(1), email: 'maria@example.com', startsAt: '2026-12-07 09:00' },
      { id: 'MON-1000', name: 'James Carter', phone: phone(2), startsAt: '2026-12-07 10:00' },
      { id: 'SAT-1100', name: 'Priya Shah', phone: phone(3), startsAt: '2026-12-05 11:00' },
      { id: 'TUE-1000', name: 'Tom Baker', phone: phone(4), startsAt: '2026-12-08 10:00' },
    ]),
  );
  expect(imported.created).toBe(4);
  await host.runCycle();
});
test.afterEach(async () => {
  await host.close();
});

test('the Coverage panel lists what falls due while the desk is off; the sender-down banner shows within minutes', async ({ page }) => {
  const { services } = host.engine;
  await page.goto(host.url);
  const count = page.getByRole('button', { name: /reminders? at risk while the desk is off/ });
  const expected = services.coverage({ hours: 72 }).items;
  expect(expected.map((i) => `${i.appointment}:${i.channel}`)).toEqual(['SAT-1100:voice', 'MON-0900:sms', 'MON-1000:sms']);
  await expect(count).toHaveText('3 reminders at risk while the desk is off');
  await count.click();
  await expect(page.getByRole('heading', { name: 'Coverage' })).toBeVisible();
  const table = page.getByRole('table');
  for (const name of ['Maria Lopez', 'James Carter', 'Priya Shah']) await expect(table).toContainText(name);
  await expect(table).not.toContainText('Tom Baker');
  await expect(table).toContainText('Calls cannot be sent ahead');
  await expect(page.getByText('Desk hours: Mon-Fri 07:30-18:00 (set in Settings).')).toBeVisible();
  await snap(page, 'coverage-panel');

  // A reminder falls due and no sending cycle runs for 5 minutes: the banner says so on the open window.
  host.engine.clock.set(local('2026-12-04 15:01'));
  await host.importSchedule(scheduleCsv([{ id: 'SAT-1200', name: 'Ana Diaz', phone: phone(5), startsAt: '2026-12-05 12:00' }]));
  services.plan();
  host.engine.clock.set(local('2026-12-04 15:06'));
  expect(services.status().senderDown).toMatchObject({ due: 1 });
  host.engine.events.emit({ type: 'changed', topics: ['status'] });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Reminders are not being sent');
  await expect(alert).toContainText('1 reminder is due');
  await snap(page, 'sender-down-banner');

  // One cycle later it is gone.
  await host.runCycle();
  host.engine.events.emit({ type: 'changed', topics: ['status'] });
  await expect(page.getByRole('alert')).toHaveCount(0);
});
