import { describe, expect, it } from 'vitest';
import { appPaths } from '../../../electron/app/paths';

describe('appPaths', () => {
  const facts = {
    userData: '/home/u/.config/Frontdesk',
    mainDir: '/opt/F/app.asar/out/main',
    appPath: '/opt/F/app.asar',
    resourcesPath: '/opt/F',
    isPackaged: true,
  };

  it('keeps the database and secrets in the user-data folder and loads the built renderer over app://', () => {
    const p = appPaths(facts);
    expect(p.dbFile).toBe('/home/u/.config/Frontdesk/frontdesk.db');
    expect(p.secretsFile).toBe('/home/u/.config/Frontdesk/secrets.bin');
    expect(p.preload).toBe('/opt/F/app.asar/out/preload/index.js');
    expect(p.appUrl).toBe('app://frontdesk/index.html');
    expect(p.rendererDir).toBe('/opt/F/app.asar/out/renderer');
    expect(p.trayIconDir).toBe('/opt/F/tray');
  });

  it('uses the dev server only when not packaged', () => {
    expect(appPaths({ ...facts, devServerUrl: 'http://localhost:5173/' }).appUrl).toBe('app://frontdesk/index.html');
    expect(appPaths({ ...facts, isPackaged: false, appPath: '/src' }).appUrl).toBe('app://frontdesk/index.html');
    const dev = appPaths({ ...facts, isPackaged: false, appPath: '/src', devServerUrl: 'http://localhost:5173/' });
    expect(dev.appUrl).toBe('http://localhost:5173/');
    expect(dev.trayIconDir).toBe('/src/build/tray');
  });

  it('points development Electron at its own better-sqlite3 build, packaged apps at node_modules', () => {
    expect(appPaths({ ...facts, electronVersion: '45.5.0' }).devNativeBinding).toBeUndefined();
    const dev = appPaths({ ...facts, isPackaged: false, appPath: '/src', electronVersion: '45.5.0' });
    expect(dev.devNativeBinding).toBe('/src/out/native/electron-v45.5.0/better_sqlite3.node');
  });
});
