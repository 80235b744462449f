import { mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { ParsedCommand } from './args';

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

function isFrontdeskPackageRoot(dir: string): boolean {
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown }).name === 'frontdesk';
  } catch {
    return false;
  }
}

/**
 * The folder the user ran the command in, against which relative paths (--db, import FILE, backup FILE,
 * restore FILE) are resolved. `npm run cli` runs us in the package root and says where the user was in
 * INIT_CWD; that is used only when npm started this CLI as the package's own script (so a test run by
 * `npm test` that spawns the CLI in another folder keeps its own folder).
 */
export function userFolder(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const init = env['INIT_CWD'];
  if (!init || resolve(init) === resolve(cwd)) return cwd;
  const script = env['npm_lifecycle_script'];
  if (script !== undefined && !script.includes('frontdesk')) return cwd;
  return isFrontdeskPackageRoot(cwd) ? resolve(init) : cwd;
}

/** The schedule file: --db, else $FRONTDESK_DB, else the app's data file; relative to the user's folder. */
export function scheduleFile(dbOption: string | undefined, folder: string, env: NodeJS.ProcessEnv = process.env): string {
  const file = dbOption ?? defaultDataFile(env);
  return file === ':memory:' ? file : resolve(folder, file);
}

/** Commands whose first argument is a file path. */
const FILE_ARGUMENT_COMMANDS = new Set(['import', 'backup', 'restore']);

/** Makes a command's file argument absolute in the user's folder, when that is not the process's own. */
export function withUserPaths(cmd: ParsedCommand, folder: string, cwd: string = process.cwd()): ParsedCommand {
  const [first, ...rest] = cmd.positionals;
  if (resolve(folder) === resolve(cwd) || !FILE_ARGUMENT_COMMANDS.has(cmd.command) || !first) return cmd;
  return { ...cmd, positionals: [resolve(folder, first), ...rest] };
}
