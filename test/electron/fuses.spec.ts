import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { FuseState } from '@electron/fuses/dist/constants';
import { expect, test } from '@playwright/test';
import { ROOT } from './launch';

// The packaged executable `npm run dist` leaves behind, per platform (electron-builder's default output).
const PACKAGED: Readonly<Record<string, string>> = {
  linux: 'dist/linux-unpacked/frontdesk',
  win32: 'dist/win-unpacked/Frontdesk.exe',
  darwin: 'dist/mac/Frontdesk.app',
};
const packaged = PACKAGED[process.platform] ? join(ROOT, PACKAGED[process.platform]!) : null;
const skipReason = !packaged
  ? `no packaged layout known for ${process.platform}`
  : existsSync(packaged)
    ? null
    : `no packaged app at ${packaged} (run \`npm run dist\` where Electron can be downloaded)`;
if (skipReason) console.log(`[electron fuses] skipped: ${skipReason}`);

test.describe('packaged app: Electron fuses are flipped in the binary', () => {
  test.skip(skipReason !== null, skipReason ?? ''); // reason: skipReason

  test('RunAsNode, NODE_OPTIONS and --inspect off; asar integrity and asar-only loading on', async () => {
    const wire = await getCurrentFuseWire(packaged!);
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
  });
});
