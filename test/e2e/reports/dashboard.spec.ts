import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startWebHost, type WebHost } from '../../../electron/host/web/server';
import { local } from '../../helpers/engine';
import { RENDERER_DIR } from '../../helpers/host/start-host';
import { seedMonth, type SeededMonth } from '../../helpers/reports/seed-month';
import { ARTIFACTS } from '../support';

/**
 * The Reports screen in Chromium against the web host and a month the real engine made (seed-month.ts):
 * screenshots at the desk's 1366×768 and at 1920×1080, the app's CSP holding (no inline style refused), the
 * day sheet and a patient's history downloaded as real PDFs, rendered to PNG for review.
 */

let month: SeededMonth;
let web: WebHost;
test.describe.configure({ mode: 'serial', timeout: 240_000 });
test.beforeAll(async () => {
  month = await seedMonth();
  // The evening of the month's last day: "today" is 17 Nov, the dashboard's default 30 days are the month.
  month.engine.clock.set(local('2026-11-17 18:00'));
  web = await startWebHost({ services: month.engine.services, events: month.engine.events, staticDir: RENDERER_DIR, port: 0 });
});
test.afterAll(async () => {
  await web?.close();
  month?.engine.cleanup();
});

/**
 * Collects every CSP violation the page reports (an inline style or script the policy refused). One is known
 * and not the reports': zod 4 probes once whether it may compile validators (`Function('')` in a try/catch, in
 * the main bundle's HTTP client) and falls back when refused; it is left out here.
 */
async function watchCsp(page: Page): Promise<string[]> {
  const refused: string[] = [];
  page.on('console', (msg) => {
    const text = msg.text();
    const zodProbe = /violation: script-src eval at \S*\/assets\/index-[^/]*\.js:/.test(text);
    if (/Content Security Policy/i.test(text) && !zodProbe) refused.push(text);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(
        `Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`,
      ),
    );
  });
  return refused;
}

async function openReports(page: Page): Promise<void> {
  const response = await page.goto(web.url);
  expect(response?.headers()['content-security-policy']).toContain("style-src 'self'");
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Reports' }).click();
  await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
  // Every chart drawn (recharts renders SVG once it has measured its container).
  await expect(page.locator('.chart-card')).toHaveCount(5);
  await expect(page.locator('.chart-area .recharts-wrapper > svg')).toHaveCount(6);
}

function pdfToPng(pdf: string, png: string): void {
  const r = spawnSync('pdftoppm', ['-png', '-r', '80', '-singlefile', pdf, png.replace(/\.png$/, '')], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`pdftoppm failed (install poppler-utils): ${r.stderr ?? r.error?.message}`);
}

for (const viewport of [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
]) {
  test(`dashboard at ${viewport.width}×${viewport.height}: charts and tables, no CSP violation`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const refused = await watchCsp(page);
    await openReports(page);
    const summary = page.getByRole('region', { name: /^Today/ });
    await expect(summary).toContainText('At risk tomorrow');
    // The numbers behind the charts match the engine's own answer.
    const dashboard = month.engine.services.reports.dashboard({});
    expect([dashboard.from, dashboard.to]).toEqual(['2026-10-19', '2026-11-17']);
    const sms = dashboard.reminders.byChannel.find((c) => c.channel === 'sms')!;
    const row = page.getByRole('table', { name: 'Reminders by channel and outcome' }).getByRole('row').filter({ hasText: 'SMS' });
    await expect(row.getByRole('cell').last()).toHaveText(String(sms.total));
    // Charts fit the window: nothing wider than the screen.
    const overflow = await page.locator('.chart-grid').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    mkdirSync(ARTIFACTS, { recursive: true });
    // What a receptionist sees: the top of the screen, then the dashboard scrolled to, screen by screen.
    const size = `${viewport.width}x${viewport.height}`;
    const main = page.locator('.main');
    await main.evaluate((el) => el.scrollTo(0, 0));
    await page.screenshot({ path: resolve(ARTIFACTS, `reports-top-${size}.png`) });
    const top = await page.locator('#dashboard-title').evaluate((el) => el.getBoundingClientRect().top);
    const mainTop = await main.evaluate((el) => el.getBoundingClientRect().top);
    const pageHeight = await main.evaluate((el) => el.clientHeight);
    const scrollHeight = await main.evaluate((el) => el.scrollHeight);
    for (let shot = 1, y = top - mainTop - 8; y < scrollHeight && shot <= 4; shot += 1, y += pageHeight - 40) {
      await main.evaluate((el, to) => el.scrollTo(0, to), y);
      await page.screenshot({ path: resolve(ARTIFACTS, `reports-dashboard-${size}-${shot}.png`) });
    }
    if (viewport.width === 1366) {
      const cards = page.locator('.chart-card');
      for (let i = 0; i < (await cards.count()); i += 1) {
        const title = (await cards.nth(i).locator('h3').innerText())
          .toLowerCase()
          .replace(/[^a-z]+/g, '-')
          .replace(/-$/, '');
        await cards.nth(i).screenshot({ path: resolve(ARTIFACTS, `chart-${title}.png`) });
      }
    }
    expect(refused).toEqual([]);
  });
}

test('"Print today" downloads the day sheet; a STOP dispute exports as PDF', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const refused = await watchCsp(page);
  await openReports(page);
  const [sheet] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Print today' }).click()]);
  expect(sheet.suggestedFilename()).toBe('day-sheet-2026-11-17.pdf');
  const sheetFile = resolve(ARTIFACTS, 'day-sheet-2026-11-17.pdf');
  await sheet.saveAs(sheetFile);
  expect(readFileSync(sheetFile).subarray(0, 5).toString()).toBe('%PDF-');
  pdfToPng(sheetFile, resolve(ARTIFACTS, 'day-sheet-2026-11-17.png'));

  await page.getByRole('textbox', { name: 'Phone number' }).fill('(212) 555-0113');
  await page.getByRole('button', { name: 'Show history' }).click();
  const history = page.getByRole('table', { name: 'History of +12125550113' });
  await expect(history).toContainText('reply "STOP"');
  await expect(history).toContainText('opted back in');
  await history.scrollIntoViewIfNeeded();
  await page.screenshot({ path: resolve(ARTIFACTS, 'reports-history.png') });
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PDF' }).click()]);
  expect(pdf.suggestedFilename()).toBe('history-+12125550113.pdf');
  const historyFile = resolve(ARTIFACTS, 'history-stop-dispute.pdf');
  await pdf.saveAs(historyFile);
  pdfToPng(historyFile, resolve(ARTIFACTS, 'history-stop-dispute.png'));
  expect(refused).toEqual([]);
});
