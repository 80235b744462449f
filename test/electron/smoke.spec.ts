import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { APP_CSP } from '../../shared/util/csp';
import { electronSkipReason, launchApp, type LaunchedApp } from './launch';

const skipReason = electronSkipReason();
if (skipReason) console.log(`[electron smoke] skipped: ${skipReason}`);

test.describe('Electron shell smoke', () => {
  // The reason (no Electron binary on this machine) is printed above and given to Playwright.
  test.skip(skipReason !== null, skipReason ?? ''); // reason: skipReason

  let launched: LaunchedApp;
  let app: ElectronApplication;
  let page: Page;

  test.beforeAll(async () => {
    launched = await launchApp();
    ({ app, page } = launched);
  });

  test.afterAll(async () => {
    await launched?.close();
  });

  test('the window opens on the app with the bridge and without Node', async () => {
    await expect(page).toHaveTitle('Frontdesk');
    expect(await page.evaluate(() => typeof window.frontdesk)).toBe('object');
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
  });

  test('the renderer is served from app://frontdesk (not file://), scripts run, and the page has the CSP header', async () => {
    expect(page.url()).toBe('app://frontdesk/index.html');
    await expect.poll(() => page.evaluate(() => document.getElementById('root')?.childElementCount ?? 0)).toBeGreaterThan(0);
    const response = await page.reload();
    expect(response?.headers()['content-security-policy']).toBe(APP_CSP);
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
  });

  test('app:// serves nothing outside the renderer folder', async () => {
    const statusOf = (url: string) =>
      page.evaluate(
        (u) =>
          new Promise<number>((done) => {
            const xhr = new XMLHttpRequest();
            xhr.onloadend = () => done(xhr.status);
            xhr.open('GET', u);
            xhr.send();
          }),
        url,
      );
    expect(await statusOf('app://frontdesk/index.html')).toBe(200);
    for (const url of [
      'app://frontdesk/..%2f..%2fpackage.json',
      'app://frontdesk/..%2fmain%2findex.js',
      'app://frontdesk/%2Fetc%2Fpasswd',
    ]) {
      expect(await statusOf(url), url).not.toBe(200);
    }
  });

  test('the data file lives in the user-data folder', async () => {
    await expect.poll(() => existsSync(join(launched.userData, 'frontdesk.db'))).toBe(true);
  });

  test('navigation away and new windows are blocked', async () => {
    const before = page.url();
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    expect(app.windows().length).toBe(1);
  });

  test('pause works through the bridge, and unknown channels are refused', async () => {
    const paused = await page.evaluate(() => window.frontdesk?.invoke('engine:pause', { reason: 'smoke test' }));
    expect(paused).toMatchObject({ ok: true, value: { paused: true, reason: 'smoke test' } });
    const status = await page.evaluate(() => window.frontdesk?.invoke('engine:get-status', {}));
    expect(status).toMatchObject({ ok: true, value: { paused: true } });
    const bogus = await page.evaluate(() =>
      (window.frontdesk as unknown as { invoke(c: string, r: unknown): Promise<unknown> }).invoke('fs:read', {}),
    );
    expect(bogus).toMatchObject({ ok: false });
  });

  test('closing the window keeps the app in the tray', async () => {
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
    const state = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.isVisible()));
    expect(state).toEqual([false]);
  });
});
