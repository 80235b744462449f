import { existsSync } from 'node:fs';
import { chromium, defineConfig } from '@playwright/test';

// Browser downloads can fail on build machines (README.md, "Run the tests"): prefer Debian's Chromium, else Playwright's own.
const SYSTEM_CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

function chromiumExecutable(): string | undefined {
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  if (existsSync(chromium.executablePath())) return undefined; // Playwright's bundled browser
  console.warn(
    `[playwright] No Chromium found: neither ${SYSTEM_CHROMIUM} nor Playwright's browser at ${chromium.executablePath()}.\n` +
      '  Install one: `apt-get install -y chromium` (or set CHROMIUM_PATH), or `npx playwright install chromium` where downloads work.',
  );
  return undefined;
}

const executablePath = chromiumExecutable();

export default defineConfig({
  testDir: './test',
  outputDir: './test/artifacts/results',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env['CI'],
  retries: 0,
  timeout: 60_000,
  globalSetup: './test/helpers/host/global-setup.ts',
  reporter: process.env['PLAYWRIGHT_JSON_OUTPUT_NAME'] ? [['list'], ['json']] : [['list']],
  projects: [
    {
      name: 'browser',
      testDir: './test/e2e',
      use: {
        browserName: 'chromium',
        headless: true,
        screenshot: 'only-on-failure',
        trace: 'retain-on-failure',
        launchOptions: {
          ...(executablePath ? { executablePath } : {}),
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
    // The Electron shell (test/electron): skips itself with a reason where no Electron binary exists.
    { name: 'electron', testDir: './test/electron' },
  ],
});
