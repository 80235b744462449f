import { readFileSync, renameSync, writeFileSync } from 'node:fs';

/** Settings of this desk PC only (not the clinic's): kept beside the schedule in the app's data folder. */
export type DesktopSettings = Readonly<{ openAtLogin: boolean }>;

/** Open at login is on by default: a desk PC that restarts must come back sending (docs/desktop-power.md). */
export const DEFAULT_DESKTOP_SETTINGS: DesktopSettings = { openAtLogin: true };

/** Reads the settings; a missing or unreadable file gives the defaults (never blocks the start). */
export function readDesktopSettings(file: string): DesktopSettings {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return DEFAULT_DESKTOP_SETTINGS;
  }
  const openAtLogin = (parsed as { openAtLogin?: unknown } | null)?.openAtLogin;
  return { openAtLogin: typeof openAtLogin === 'boolean' ? openAtLogin : DEFAULT_DESKTOP_SETTINGS.openAtLogin };
}

export function writeDesktopSettings(file: string, settings: DesktopSettings): void {
  const temp = `${file}.tmp`;
  writeFileSync(temp, `${JSON.stringify(settings, null, 2)}\n`);
  renameSync(temp, file);
}
