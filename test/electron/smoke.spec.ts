/// <reference path="../../electron/app/preload/index.d.ts" />
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { findElectronBinary } from './electron-binary';

const ROOT = resolve(__dirname, '../..');
const binary = findElectronBinary();
const skipReason = 'skip' in binary ? binary.skip : null;
if (skipReason) console.log(`[electron smoke] skipped: ${skipReason}`);

test.describe('Electron shell smoke', () => {
  // The reason (no Electron binary on this machine) is printed above and given to Playwright.
  test.skip(skipReason !== null, skipReason ?? ''); // reason: skipReason

  let app: ElectronApplication;
  let page: Page;
  let userData: string;

  test.beforeAll(async () => {
    if (!existsSync(join(ROOT, 'out/main/index.js'))) {
      const built = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
      if (built.status !== 0) throw new Error('npm run build failed');
    }
    userData = mkdtempSync(join(tmpdir(), 'frontdesk-electron-'));
    app = await _electron.launch({
      executablePath: 'path' in binary ? binary.path : '',
      args: [ROOT, '--no-sandbox'],
      env: { ...process.env, FRONTDESK_USER_DATA: userData, NODE_ENV: 'test' },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  test('the window opens on the app with the bridge and without Node', async () => {
    await expect(page).toHaveTitle('Frontdesk');
    expect(await page.evaluate(() => typeof window.frontdesk)).toBe('object');
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
  });

  test('the data file lives in the user-data folder', async () => {
    await expect.poll(() => existsSync(join(userData, 'frontdesk.db'))).toBe(true);
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
