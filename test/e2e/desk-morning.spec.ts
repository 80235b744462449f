import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startTestHost, type TestHost } from '../helpers/host/start-host';
import { snap } from './support';

// The receptionist's morning at a 1366×768 desk laptop (docs/desk-ui.md).
const LAPTOP = { width: 1366, height: 768 } as const;
const WIDE = { width: 1920, height: 1080 } as const;
const PROVIDERS = ['Dr. Alexandra Montgomery-Castellanos', 'Dr. Patel', 'Dr. Nguyen'];

/** 24 appointments on 2026-11-27 (every 20 minutes from 08:00), one with no consent for texts or calls. */
function daySchedule(): string {
  const lines = ['external_id,patient_name,phone,email,starts_at,duration_min,provider,status,sms_consent,voice_consent'];
  for (let i = 0; i < 24; i += 1) {
    const minutes = 8 * 60 + i * 20;
    const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
    const mm = String(minutes % 60).padStart(2, '0');
    const consent = i === 5 ? 'no,no' : ',';
    const phone = `(212) 555-${String(1000 + i).padStart(4, '0')}`;
    lines.push(
      `B-${100 + i},Patient ${String.fromCharCode(65 + i)} Example,${phone},p${i}@example.org,2026-11-27 ${hh}:${mm},20,${PROVIDERS[i % 3]},booked,${consent}`,
    );
  }
  // Its call step falls at 05:00, in quiet hours, and its window closes before 08:00: it will never go.
  lines.push('EARLY,Early Bird,(212) 555-0134,,2026-11-27 07:00,20,Dr. Patel,booked,,');
  return `${lines.join('\n')}\n`;
}

let host: TestHost;
test.beforeEach(async () => {
  host = await startTestHost({ now: '2026-11-26 12:00' });
  await host.importSchedule(daySchedule());
  host.engine.services.plan();
});
test.afterEach(async () => {
  await host.close();
});

async function openDay(page: Page): Promise<void> {
  await page.goto(host.url);
  await page.getByLabel('Day', { exact: true }).fill('2026-11-27');
  await expect(page.getByRole('button', { name: 'Patient A Example' })).toBeVisible();
}

/** Every chip in view ends inside its row and shows all its words (nothing clipped or cut). */
async function clippedChips(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const bad: string[] = [];
    const scroller = document.querySelector('.appt-scroll')!.getBoundingClientRect();
    for (const row of document.querySelectorAll<HTMLElement>('.appt-row')) {
      const r = row.getBoundingClientRect();
      if (r.bottom > scroller.bottom || r.top < scroller.top) continue;
      for (const chip of row.querySelectorAll<HTMLElement>('.chip')) {
        const c = chip.getBoundingClientRect();
        if (c.right > r.right - 1 || chip.scrollWidth > chip.clientWidth + 1)
          bad.push(`${row.dataset['appointment']}: ${chip.textContent}`);
      }
      const provider = row.querySelector<HTMLElement>('.col-provider')!;
      if (provider.scrollWidth > provider.clientWidth + 1) bad.push(`${row.dataset['appointment']}: provider cut`);
    }
    return bad;
  });
}

test.describe('fit at 1366×768', () => {
  test.use({ viewport: LAPTOP, locale: 'en-US' });

  test('more rows, every outcome readable with the detail open, provider filter and full provider names', async ({ page }) => {
    await openDay(page);
    const visibleRows = await page.evaluate(() => {
      const s = document.querySelector('.appt-scroll')!.getBoundingClientRect();
      return [...document.querySelectorAll('.appt-row')].filter((r) => r.getBoundingClientRect().bottom <= s.bottom + 1).length;
    });
    expect(visibleRows).toBeGreaterThanOrEqual(12);
    expect(await clippedChips(page)).toEqual([]);
    await snap(page, 'today-1366x768');

    await page.getByRole('button', { name: 'Patient B Example' }).click();
    await expect(page.getByRole('region', { name: 'Patient B Example' })).toBeVisible();
    expect(await clippedChips(page)).toEqual([]);
    await snap(page, 'today-detail-1366x768');

    await page.getByLabel('Provider', { exact: true }).selectOption('Dr. Alexandra Montgomery-Castellanos');
    await expect(page.locator('.appt-row')).toHaveCount(8);
    await expect(page.locator('.appt-row .col-provider').first()).toHaveText('Dr. Alexandra Montgomery-Castellanos');
    expect(await clippedChips(page)).toEqual([]);
  });

  test('the full words of a step show on keyboard focus', async ({ page }) => {
    await openDay(page);
    const chip = page.locator('.appt-row[data-appointment="EARLY"] .chip[data-state="pending"]').last();
    await chip.focus();
    await expect(page.getByRole('tooltip')).toContainText(/Call will expire \(planned .*5:00\sAM\) — quiet hours/);
  });
});

test.describe('fit at 1920×1080', () => {
  test.use({ viewport: WIDE, locale: 'en-US' });
  test('screenshot', async ({ page }) => {
    await openDay(page);
    await page.getByRole('button', { name: 'Patient B Example' }).click();
    expect(await clippedChips(page)).toEqual([]);
    await snap(page, 'today-detail-1920x1080');
  });
});

test.describe('who will not be reached', () => {
  test.use({ viewport: LAPTOP, locale: 'en-US' });
  test('listed under Needs attention with the engine reason; the quiet-hours call says it will expire', async ({ page }) => {
    await openDay(page);
    // Early Bird's call will expire, but the text goes (its window is open now): reached. Patient F gave no consent.
    await expect(page.locator('.summary')).toContainText('1 will not be reached by text or call');
    await page.getByLabel('Show').selectOption('attention');
    await expect(page.locator('.appt-row')).toHaveCount(1);
    await page.getByLabel('Show').selectOption('not-reached');
    await expect(page.locator('.appt-row')).toHaveCount(1);
    await page.getByRole('button', { name: 'Patient F Example' }).click();
    await expect(page.getByTestId('not-reached')).toContainText('SMS: no consent for sms; Call: no consent for voice');
    await page.getByLabel('Show').selectOption('all');
    const early = page.locator('.appt-row[data-appointment="EARLY"]');
    await expect(early).toContainText(/Call\s*will expire/);
    await snap(page, 'not-reached-1366x768');
  });
});

test.describe('clinic conventions follow the browser locale', () => {
  test.use({ viewport: LAPTOP });
  test('en-US: 12-hour times and (212) 555-0134', async ({ browser }) => {
    const page = await (await browser.newContext({ locale: 'en-US', viewport: LAPTOP })).newPage();
    await openDay(page);
    const row = page.locator('.appt-row[data-appointment="EARLY"]');
    await expect(row.locator('.col-time')).toHaveText(/^7:00\sAM$/);
    await expect(row).toContainText('(212) 555-0134');
    await expect(page.locator('.summary')).toContainText('Friday, November 27, 2026');
    await page.close();
  });
  test('en-GB: 24-hour times and day-first dates', async ({ browser }) => {
    const page = await (await browser.newContext({ locale: 'en-GB', viewport: LAPTOP })).newPage();
    await openDay(page);
    await expect(page.locator('.appt-row[data-appointment="EARLY"] .col-time')).toHaveText('07:00');
    await expect(page.locator('.summary')).toContainText('Friday, 27 November 2026');
    await page.close();
  });
});

test.describe('live connection state', () => {
  test.use({ viewport: LAPTOP, locale: 'en-US' });
  test('a wrong token says so at once instead of "0 appointments"', async ({ page }) => {
    await page.goto(host.url.replace(/token=[^&]+/, 'token=wrong'));
    await expect(page.getByRole('alert')).toContainText('access token was refused');
    await expect(page.getByText(/0 appointments/)).toHaveCount(0);
    await expect(page.getByText(/Retrying in \d+ s/)).toBeVisible();
    await snap(page, 'wrong-token-1366x768');
  });
  test('a stopped engine shows at once, and the actions are disabled with the reason', async ({ page }) => {
    await openDay(page);
    await page.getByRole('button', { name: 'Patient B Example' }).click();
    const detail = page.getByRole('region', { name: 'Patient B Example' });
    await expect(detail.getByRole('button', { name: 'Confirm' })).toBeEnabled();
    await host.web.close();
    await expect(page.getByRole('alert')).toContainText('engine is not answering', { timeout: 15_000 });
    await expect(detail.getByRole('button', { name: 'Confirm' })).toBeDisabled();
    await expect(detail).toContainText('Frontdesk is not answering');
    await snap(page, 'engine-stopped-1366x768');
  });
});

test.describe('keyboard', () => {
  test.use({ viewport: LAPTOP, locale: 'en-US' });
  test('open moves focus to the detail, Escape returns it to the row; focus kept after confirm, pause and resume', async ({ page }) => {
    await openDay(page);
    const name = page.getByRole('button', { name: 'Patient C Example' });
    await name.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Patient C Example' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('region', { name: 'Patient C Example' })).toHaveCount(0);
    await expect(name).toBeFocused();

    await page.keyboard.press('Enter');
    const confirm = page.getByRole('region', { name: 'Patient C Example' }).getByRole('button', { name: 'Confirm' });
    await confirm.focus();
    await page.keyboard.press('Enter');
    const confirmed = page.getByRole('region', { name: 'Patient C Example' }).getByRole('button', { name: 'Confirmed' });
    await expect(confirmed).toBeFocused();

    const pause = page.getByRole('button', { name: 'Pause all contact' });
    await pause.focus();
    await page.keyboard.press('Enter');
    const review = page.locator('.app-header').getByRole('button', { name: 'Review and resume' });
    await expect(review).toBeFocused();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Resume sending' }).click();
    await expect(page.getByRole('button', { name: 'Pause all contact' })).toBeFocused();
  });
});

test.describe('axe', () => {
  test.use({ viewport: LAPTOP, locale: 'en-US' });
  for (const screen of ['Today', 'Settings', 'Reports'] as const) {
    test(`${screen}: no violations`, async ({ page }) => {
      await openDay(page);
      if (screen !== 'Today') {
        await page.getByRole('button', { name: screen, exact: true }).click();
        await expect(page.getByRole('heading', { name: screen }).first()).toBeVisible();
      }
      const result = await new AxeBuilder({ page }).analyze();
      const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(summary).toEqual([]);
    });
  }
});
