import { join } from 'node:path';
import { APP_PAGE_URL } from './app-protocol';

export type AppPaths = Readonly<{
  dbFile: string;
  secretsFile: string;
  /** This desk PC's own settings (open at login): docs/desktop-power.md. */
  desktopSettingsFile: string;
  preload: string;
  /** The built renderer folder (out/renderer), served on app://frontdesk/ (app-protocol.ts). */
  rendererDir: string;
  /** What the window loads: the dev server URL in development, else app://frontdesk/index.html. */
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
  return {
    dbFile: join(facts.userData, 'frontdesk.db'),
    secretsFile: join(facts.userData, 'secrets.bin'),
    desktopSettingsFile: join(facts.userData, 'desktop-settings.json'),
    preload: join(facts.mainDir, '..', 'preload', 'index.js'),
    rendererDir: join(facts.mainDir, '..', 'renderer'),
    // The dev server (electron-vite dev, hot reload) is trusted only in an unpackaged app.
    appUrl: !facts.isPackaged && facts.devServerUrl ? facts.devServerUrl : APP_PAGE_URL,
    trayIconDir: facts.isPackaged ? join(facts.resourcesPath, 'tray') : join(facts.appPath, 'build', 'tray'),
    windowIcon: facts.isPackaged ? undefined : join(facts.appPath, 'build', 'icon.png'),
    devNativeBinding:
      facts.isPackaged || !facts.electronVersion
        ? undefined
        : join(facts.appPath, 'out', 'native', `electron-v${facts.electronVersion}`, 'better_sqlite3.node'),
  };
}
