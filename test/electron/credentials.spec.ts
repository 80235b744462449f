import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { electronSkipReason, launchApp, type LaunchedApp } from './launch';

const skipReason = electronSkipReason();
if (skipReason) console.log(`[electron credentials] skipped: ${skipReason}`);

test.describe('Electron shell: a credentials file this computer cannot decrypt', () => {
  test.skip(skipReason !== null, skipReason ?? ''); // reason: skipReason

  let launched: LaunchedApp;
  test.beforeAll(async () => {
    // Bytes no keychain on this machine produced (as after moving the data folder to another user).
    launched = await launchApp((userData) => writeFileSync(join(userData, 'secrets.bin'), Buffer.from('v10 not ours at all')));
  });
  test.afterAll(async () => {
    await launched?.close();
  });

  test('the engine starts paused with the reason, never in simulate mode, and the renderer is told', async () => {
    const { page } = launched;
    const status = await page.evaluate(() => window.frontdesk?.invoke('engine:get-status', {}));
    expect(status).toMatchObject({ ok: true, value: { paused: true, reason: expect.stringContaining('could not be read') } });
    expect((status as { value: { transport: string } }).value.transport).not.toMatch(/^simulate/);
    const secrets = await page.evaluate(() => window.frontdesk?.invoke('secrets:get-status', {}));
    expect(secrets).toMatchObject({ ok: true, value: { unreadable: true } });
    const partial = await page.evaluate(() => window.frontdesk?.invoke('secrets:set', { smtpUrl: 'smtp://x@h' }));
    expect(partial).toMatchObject({ ok: false });
  });
});
