import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The desktop app's data file (Electron's userData folder for the product name "Frontdesk"), so the
 * CLI and the app work on the same schedule by default. FRONTDESK_DB overrides it.
 */
export function defaultDataFile(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env['FRONTDESK_DB']) return env['FRONTDESK_DB'];
  const home = homedir();
  const base =
    platform === 'win32'
      ? (env['APPDATA'] ?? join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : (env['XDG_CONFIG_HOME'] ?? join(home, '.config'));
  return join(base, 'Frontdesk', 'frontdesk.db');
}

export function ensureParentDir(file: string): void {
  mkdirSync(dirname(file), { recursive: true });
}
