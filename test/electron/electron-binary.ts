import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ELECTRON_DIR = resolve(__dirname, '../../node_modules/electron');

/**
 * Finds the Electron executable WITHOUT require('electron'): that call tries to download the binary
 * and, offline, Playwright's launch then dies with an uncatchable error.
 */
export function findElectronBinary(): { path: string } | { skip: string } {
  const override = process.env['ELECTRON_OVERRIDE_DIST_PATH'];
  const pathFile = join(ELECTRON_DIR, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (override) {
    const candidate = join(override, relative ?? 'electron');
    return existsSync(candidate) ? { path: candidate } : { skip: `ELECTRON_OVERRIDE_DIST_PATH set but ${candidate} does not exist` };
  }
  if (!relative) return { skip: `no Electron binary: ${pathFile} is missing (the binary was never downloaded; offline machine?)` };
  const candidate = join(ELECTRON_DIR, 'dist', relative);
  return existsSync(candidate) ? { path: candidate } : { skip: `no Electron binary at ${candidate}` };
}
