import { mkdtempSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HIDDEN_ARG, loginItemPlan, startsHidden } from '../../../electron/app/login-item';
import { AUTOSTART_FILE, applyXdgAutostart, autostartDir, autostartEntry, execArgument } from '../../../electron/app/xdg-autostart';
import { DEFAULT_DESKTOP_SETTINGS, readDesktopSettings, writeDesktopSettings } from '../../../electron/app/desktop-settings';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('open at login', () => {
  it('Windows and macOS: the login item with --hidden (openAsHidden is gone since Electron 44)', () => {
    for (const platform of ['win32', 'darwin'] as const) {
      expect(loginItemPlan({ packaged: true, platform, openAtLogin: true, execPath: '/x/Frontdesk', appImage: undefined })).toEqual({
        kind: 'login-item',
        settings: { openAtLogin: true, args: ['--hidden'] },
      });
    }
    expect(
      loginItemPlan({ packaged: true, platform: 'win32', openAtLogin: false, execPath: 'C:\\F.exe', appImage: undefined }),
    ).toMatchObject({
      settings: { openAtLogin: false },
    });
  });

  it('Linux: an XDG autostart entry that starts the AppImage file itself (its mount path changes every run)', () => {
    expect(
      loginItemPlan({ packaged: true, platform: 'linux', openAtLogin: true, execPath: '/opt/Frontdesk/frontdesk', appImage: undefined }),
    ).toEqual({
      kind: 'xdg-autostart',
      enabled: true,
      command: ['/opt/Frontdesk/frontdesk', HIDDEN_ARG],
    });
    expect(
      loginItemPlan({
        packaged: true,
        platform: 'linux',
        openAtLogin: true,
        execPath: '/tmp/.mount_Fr1/frontdesk',
        appImage: '/home/d/Frontdesk.AppImage',
      }),
    ).toMatchObject({ command: ['/home/d/Frontdesk.AppImage', HIDDEN_ARG] });
  });

  it('an unpackaged app (development) registers nothing: its binary is Electron itself', () => {
    expect(
      loginItemPlan({
        packaged: false,
        platform: 'linux',
        openAtLogin: true,
        execPath: '/repo/node_modules/electron/dist/electron',
        appImage: undefined,
      }),
    ).toEqual({ kind: 'none' });
  });

  it('a login start opens hidden in the tray; a normal start shows the window', () => {
    expect(startsHidden(['/opt/Frontdesk/frontdesk', '--hidden'])).toBe(true);
    expect(startsHidden(['/opt/Frontdesk/frontdesk'])).toBe(false);
  });
});

describe('XDG autostart entry', () => {
  it('lives in $XDG_CONFIG_HOME/autostart, else ~/.config/autostart (a relative XDG_CONFIG_HOME is ignored)', () => {
    expect(autostartDir({ XDG_CONFIG_HOME: '/cfg' }, '/home/d')).toBe('/cfg/autostart');
    expect(autostartDir({}, '/home/d')).toBe('/home/d/.config/autostart');
    expect(autostartDir({ XDG_CONFIG_HOME: '' }, '/home/d')).toBe('/home/d/.config/autostart');
    expect(autostartDir({ XDG_CONFIG_HOME: 'rel' }, '/home/d')).toBe('/home/d/.config/autostart');
  });

  it('quotes the Exec line as the Desktop Entry spec asks', () => {
    expect(execArgument('/opt/Frontdesk/frontdesk')).toBe('/opt/Frontdesk/frontdesk');
    expect(execArgument('/home/Dr Lee/Frontdesk.AppImage')).toBe('"/home/Dr Lee/Frontdesk.AppImage"');
    expect(execArgument('/a/$HOME/"x"')).toBe('"/a/\\\\$HOME/\\\\"x\\\\""');
    expect(execArgument('/a/100%')).toBe('"/a/100%%"');
    expect(autostartEntry(['/home/Dr Lee/F.AppImage', '--hidden'])).toContain('\nExec="/home/Dr Lee/F.AppImage" --hidden\n');
  });

  it('is written when on, replaced when the path changes, and removed when off', () => {
    dir = mkdtempSync(join(tmpdir(), 'frontdesk-xdg-'));
    const auto = autostartDir({ XDG_CONFIG_HOME: dir }, '/nowhere');
    applyXdgAutostart(auto, true, ['/opt/Frontdesk/frontdesk', '--hidden']);
    const file = join(auto, AUTOSTART_FILE);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('[Desktop Entry]\n')).toBe(true);
    expect(text).toContain('\nType=Application\n');
    expect(text).toContain('\nExec=/opt/Frontdesk/frontdesk --hidden\n');
    applyXdgAutostart(auto, true, ['/home/d/Frontdesk.AppImage', '--hidden']);
    expect(readFileSync(file, 'utf8')).toContain('\nExec=/home/d/Frontdesk.AppImage --hidden\n');
    expect(existsSync(`${file}.tmp`)).toBe(false);
    applyXdgAutostart(auto, false, ['/home/d/Frontdesk.AppImage', '--hidden']);
    expect(existsSync(file)).toBe(false);
    // Turning it off twice is fine.
    applyXdgAutostart(auto, false, []);
  });
});

describe('desktop settings', () => {
  it('open at login is on by default, and a missing or damaged file gives the defaults', () => {
    dir = mkdtempSync(join(tmpdir(), 'frontdesk-desktop-settings-'));
    const file = join(dir, 'desktop-settings.json');
    expect(readDesktopSettings(file)).toEqual({ openAtLogin: true });
    writeFileSync(file, '{not json');
    expect(readDesktopSettings(file)).toEqual(DEFAULT_DESKTOP_SETTINGS);
    writeFileSync(file, '{"openAtLogin":"no"}');
    expect(readDesktopSettings(file)).toEqual({ openAtLogin: true });
    writeDesktopSettings(file, { openAtLogin: false });
    expect(readDesktopSettings(file)).toEqual({ openAtLogin: false });
  });
});
