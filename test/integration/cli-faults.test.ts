import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { latestVersion } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';
import { corruptAfterFirstPage, snapshot } from '../helpers/db-files';
import { phone, scheduleCsv } from '../helpers/engine';
import { holdLease, releaseLease } from '../helpers/lease-holder-process';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'bin', 'frontdesk.cjs');
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'frontdesk-cli-faults-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  // Where the files would land if relative paths were resolved in the package root (a failing run).
  for (const name of ['rel.db', 'rel-copy.db', 'a.db', 'rel.db-control', 'a.db-control']) rmSync(join(ROOT, name), { force: true });
});

/** The environment of a CLI started by hand: no npm variables inherited from the test runner. */
function plainEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, FRONTDESK_TRANSPORT: 'simulate', ...extra };
  for (const key of Object.keys(env)) if (key.startsWith('npm_') || key === 'INIT_CWD') delete env[key];
  return { ...env, ...extra };
}

function cli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd ?? dir, encoding: 'utf8', env: options.env ?? plainEnv() });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the CLI and resolves when it exits by itself; a process still running after `limitMs` is killed and reported. */
function cliUntilExit(
  args: readonly string[],
  limitMs: number,
): Promise<{ code: number | null; stdout: string; stderr: string; killed: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: dir, env: plainEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    let killed = false;
    const timer = setTimeout(() => {
      killed = child.kill('SIGKILL');
    }, limitMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, killed });
    });
  });
}

describe('serve on a port it cannot use exits with code 2 at once, leaving nothing running', () => {
  let blocker: Server;
  let takenPort: number;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    takenPort = (blocker.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it('a port another program listens on: one clear line, database closed, no jobs left', async () => {
    const db = join(dir, 'clinic.db');
    // Generous limit for a loaded machine; before the fix the process never exited at all.
    const r = await cliUntilExit(['serve', '--port', String(takenPort), '--db', db], 30_000);
    expect(r.killed, `still running: ${r.stderr}`).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([
      `error: port ${takenPort} on 127.0.0.1 is already in use (another Frontdesk or another program is listening there); stop it or choose another port with --port`,
    ]);
    expect(r.stdout).toBe('');
    // Closed cleanly: SQLite removes -wal and -shm when the last connection closes.
    expect(readdirSync(dir).sort()).toEqual(['clinic.db', 'clinic.db-control']);
  });

  it.each([['abc'], ['70000'], ['-1'], ['8080x']])('--port %s is refused before anything is opened', async (port) => {
    const r = await cliUntilExit(['serve', `--port=${port}`, '--db', join(dir, 'clinic.db')], 30_000);
    expect(r.killed).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`error: --port must be a whole number from 0 to 65535 (0 = any free port), got "${port}"\n`);
    expect(existsSync(join(dir, 'clinic.db'))).toBe(false);
  });
});

describe('relative paths are relative to the folder the user ran the command in', () => {
  it('`npm run cli` from another folder: --db, import FILE and backup FILE land there, not in the package', () => {
    writeFileSync(
      join(dir, 'schedule.csv'),
      scheduleCsv([{ id: 'A1', name: 'Maria Lopez', phone: phone(1), startsAt: '2026-11-28 10:00' }]),
    );
    const npm = (args: string[]) =>
      spawnSync('npm', ['run', '--silent', '--prefix', ROOT, 'cli', '--', ...args], { cwd: dir, encoding: 'utf8', env: plainEnv() });
    expect(npm(['init', '--timezone', 'America/New_York', '--db', 'rel.db']).status).toBe(0);
    const imported = npm(['import', 'schedule.csv', '--db', 'rel.db', '--json', '--now', '2026-11-26T07:00:00-05:00']);
    expect(imported.stderr).toBe('');
    expect(JSON.parse(imported.stdout)).toMatchObject({ created: 1 });
    const backup = npm(['backup', 'rel-copy.db', '--db', 'rel.db', '--json']);
    expect(JSON.parse(backup.stdout)).toEqual({ file: join(dir, 'rel-copy.db'), database: join(dir, 'rel.db') });
    expect(readdirSync(dir).sort()).toEqual(['rel-copy.db', 'rel.db', 'rel.db-control', 'schedule.csv']);
    expect(existsSync(join(ROOT, 'rel.db'))).toBe(false);
  });

  it('a process in the package root with INIT_CWD elsewhere uses INIT_CWD; a process elsewhere keeps its own folder', () => {
    const other = mkdtempSync(join(tmpdir(), 'frontdesk-cli-other-'));
    try {
      expect(cli(['init', '--timezone', 'America/New_York', '--db', 'a.db'], { cwd: ROOT, env: plainEnv({ INIT_CWD: dir }) }).code).toBe(0);
      expect(existsSync(join(dir, 'a.db'))).toBe(true);
      expect(existsSync(join(ROOT, 'a.db'))).toBe(false);
      // e.g. a test run by `npm test` (INIT_CWD = where npm ran) spawning the CLI in its own temp folder.
      expect(cli(['init', '--timezone', 'America/New_York', '--db', 'b.db'], { cwd: dir, env: plainEnv({ INIT_CWD: other }) }).code).toBe(
        0,
      );
      expect(existsSync(join(dir, 'b.db'))).toBe(true);
      expect(readdirSync(other)).toEqual([]);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('database faults through the CLI', () => {
  it('a damaged schedule: exit 2, one line naming the file and the newest backup to restore; restore brings it back paused', () => {
    const db = join(dir, 'clinic.db');
    expect(cli(['init', '--timezone', 'America/New_York', '--db', db]).code).toBe(0);
    const backup = JSON.parse(cli(['backup', '--db', db, '--json']).stdout) as { file: string };
    expect(backup.file).toMatch(new RegExp(`^${dir}/backups/clinic-\\d{8}-\\d{6}-\\d{3}-manual\\.db$`));
    corruptAfterFirstPage(db);

    const status = cli(['status', '--db', db]);
    expect(status.code).toBe(2);
    expect(status.stderr.trim().split('\n')).toHaveLength(1);
    expect(status.stderr).toContain(`the schedule file ${db} is damaged`);
    expect(status.stderr).toContain(`frontdesk restore "${backup.file}"`);

    const restored = cli(['restore', backup.file, '--db', db, '--json']);
    expect(restored.stderr).toBe('');
    expect(JSON.parse(restored.stdout)).toMatchObject({ file: backup.file, database: db, paused: true, safetyCopy: null });
    const after = cli(['status', '--db', db, '--json']);
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout)).toMatchObject({
      paused: true,
      reason: expect.stringMatching(/^restored from backup clinic-.*-manual\.db/),
    });
  });

  it('a schedule from a newer Frontdesk: exit 2, names the file and both versions, file untouched', () => {
    const db = join(dir, 'clinic.db');
    expect(cli(['init', '--timezone', 'America/New_York', '--db', db]).code).toBe(0);
    const raw = new Database(db);
    raw.pragma(`user_version = ${latestVersion(migrations) + 1}`);
    raw.close();
    const before = snapshot(dir);
    const r = cli(['today', '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${db} was written by a newer Frontdesk (schema version ${latestVersion(migrations) + 1}, newer than this Frontdesk (${latestVersion(migrations)}))`,
    );
    expect(snapshot(dir)).toEqual(before);
  });

  it('restore while an engine holds the lease: exit 2 naming the process; nothing changed', async () => {
    const db = join(dir, 'clinic.db');
    expect(cli(['init', '--timezone', 'America/New_York', '--db', db]).code).toBe(0);
    const copy = join(dir, 'copy.db');
    expect(cli(['backup', copy, '--db', db]).code).toBe(0);
    const holder = await holdLease(db);
    try {
      const r = cli(['restore', copy, '--db', db]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^error: an engine is running on ${db} \\(process ${holder.pid} on .*\\); stop it`));
    } finally {
      await releaseLease(holder);
    }
    expect(cli(['restore', copy, '--db', db]).code).toBe(0);
  });

  it('backup and restore need sensible arguments', () => {
    const db = join(dir, 'clinic.db');
    expect(cli(['backup', '--db', db]).stderr).toBe(`error: there is no schedule at ${db} to back up (check --db)\n`);
    expect(cli(['init', '--timezone', 'America/New_York', '--db', db]).code).toBe(0);
    expect(cli(['restore', '--db', db]).stderr).toMatch(/^error: restore needs a backup file/);
    expect(cli(['restore', 'nope.db', '--db', db]).stderr).toBe(
      `error: cannot restore from ${join(dir, 'nope.db')}: no such file; ${db} was not changed\n`,
    );
    expect(cli(['backup', db, '--db', db]).code).toBe(2);
  });
});
