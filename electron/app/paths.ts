import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export type AppPaths = Readonly<{
  dbFile: string;
  secretsFile: string;
  preload: string;
  /** What the window loads: the dev server URL, or out/renderer/index.html as a file URL. */
  appUrl: string;
  trayIconDir: string;
  windowIcon: string | undefined;
  /**
   * In development, better-sqlite3 built for this Electron (scripts/electron-native.cjs) while
   * node_modules keeps the Node build for tests; packaged apps are rebuilt by electron-builder.
   */
  devNativeBinding: string | undefined;
}>;

/** Where everything lives, from the few facts Electron gives us (pure: tested without Electron). */
export function appPaths(
  facts: Readonly<{
    userData: string;
    mainDir: string;
    appPath: string;
    resourcesPath: string;
    isPackaged: boolean;
    devServerUrl?: string | undefined;
    electronVersion?: string | undefined;
  }>,
): AppPaths {
  const rendererFile = join(facts.mainDir, '..', 'renderer', 'index.html');
  return {
    dbFile: join(facts.userData, 'frontdesk.db'),
    secretsFile: join(facts.userData, 'secrets.bin'),
    preload: join(facts.mainDir, '..', 'preload', 'index.js'),
    appUrl: !facts.isPackaged && facts.devServerUrl ? facts.devServerUrl : pathToFileURL(rendererFile).href,
    trayIconDir: facts.isPackaged ? join(facts.resourcesPath, 'tray') : join(facts.appPath, 'build', 'tray'),
    windowIcon: facts.isPackaged ? undefined : join(facts.appPath, 'build', 'icon.png'),
    devNativeBinding:
      facts.isPackaged || !facts.electronVersion
        ? undefined
        : join(facts.appPath, 'out', 'native', `electron-v${facts.electronVersion}`, 'better_sqlite3.node'),
  };
}
