import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication, type Page } from '@playwright/test';
import { findElectronBinary } from './electron-binary';

export const ROOT = resolve(__dirname, '../..');

/** Why the Electron tests cannot run here (printed by each spec), or null when a binary exists. */
export function electronSkipReason(): string | null {
  const binary = findElectronBinary();
  return 'skip' in binary ? binary.skip : null;
}

let built = false;
/** Builds main, preload and renderer once per run, so the app under test is the current source. */
function buildOnce(): void {
  if (built) return;
  const result = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
  built = true;
}

export type LaunchedApp = Readonly<{ app: ElectronApplication; page: Page; userData: string; close(): Promise<void> }>;

/** Starts the unpackaged app (`electron .`) on a fresh user-data folder; `prepare` may put files in it first. */
export async function launchApp(prepare?: (userData: string) => void): Promise<LaunchedApp> {
  const binary = findElectronBinary();
  if (!('path' in binary)) throw new Error(binary.skip);
  buildOnce();
  const userData = mkdtempSync(join(tmpdir(), 'frontdesk-electron-'));
  prepare?.(userData);
  const app = await _electron.launch({
    executablePath: binary.path,
    args: [ROOT, '--no-sandbox'],
    env: { ...process.env, FRONTDESK_USER_DATA: userData, NODE_ENV: 'test' },
  });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return {
    app,
    page,
    userData,
    close: async () => {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    },
  };
}
