import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { createEngine, type Engine } from '../../core/compose';
import { ManualClock, systemClock, type Clock } from '../../core/platform/clock';
import { UserError, badRequest } from '../../core/platform/errors';
import { stderrLogger } from '../../core/platform/logger';
import { newestBackup } from '../../core/db/backup-files';
import { isSqliteError, toDatabaseFault } from '../../core/db/errors';
import { USAGE, parseCommandLine, type ParsedCommand } from './args';
import { backupCommand, restoreCommand } from './backup-commands';
import { reportCommand } from './report-commands';
import * as commands from './commands';
import { coverageCommand } from './coverage-commands';
import { importFileCommand, sourcesCommand } from './sources-commands';
import { pauseScopeCommand, resumeScopeCommand, scopeFromFlags, usersCommand } from './staff-commands';
import { ensureParentDir, scheduleFile, userFolder, withUserPaths } from './data-file';
import { listenFailure, servePort } from './serve-port';
import { parentPidOption, waitUntilStopped } from './long-running';
import { transportsFromEnv } from './transports-from-env';

const HAS_OFFSET = /(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$/;

/** `--now` freezes the clock for the whole command (docs/cli.md#global-options); without an offset it is clinic time. */
function applyNow(engine: Engine, clock: ManualClock, raw: string): void {
  const zone = engine.services.getSettings().timezone;
  const parsed = HAS_OFFSET.test(raw) ? DateTime.fromISO(raw, { setZone: true }) : DateTime.fromISO(raw, { zone });
  if (!parsed.isValid) throw badRequest(`--now must be an ISO 8601 instant such as 2026-11-27T09:00:00-05:00, got "${raw}"`);
  clock.set(parsed.toMillis());
}

function openEngine(cmd: ParsedCommand, file: string, longRunning: boolean, initialTimezone?: string): Engine {
  const manual = cmd.global.now !== undefined ? new ManualClock(Date.now()) : undefined;
  const clock: Clock = manual ?? systemClock;
  const engine = createEngine({
    dbFile: file,
    clock,
    // Long-running engines check the whole file once; one-shot commands only check small files (docs/database.md).
    integrityCheck: longRunning ? 'full' : 'auto',
    transports: (db, c) => transportsFromEnv(process.env, db, c),
    ...(longRunning ? { logger: stderrLogger, planAfterChanges: true, backgroundWorker: true } : {}),
    initialTimezone,
  });
  if (manual && cmd.global.now !== undefined) applyNow(engine, manual, cmd.global.now);
  return engine;
}

async function runOnce(engine: Engine, cmd: ParsedCommand): Promise<commands.CommandOutput> {
  switch (cmd.command) {
    case 'init':
      return commands.initCommand(engine, cmd);
    case 'import':
      return importFileCommand(engine, cmd);
    case 'sources':
      return sourcesCommand(engine, cmd);
    case 'plan':
      return commands.planCommand(engine);
    case 'dispatch':
      return commands.dispatchCommand(engine);
    case 'pause': {
      const scope = scopeFromFlags(cmd);
      return scope ? pauseScopeCommand(engine, cmd, scope) : commands.pauseCommand(engine, cmd);
    }
    case 'resume': {
      const scope = scopeFromFlags(cmd);
      return scope ? resumeScopeCommand(engine, scope) : commands.resumeCommand(engine);
    }
    case 'users':
      return usersCommand(engine, cmd);
    case 'status':
      return commands.statusCommand(engine);
    case 'contacts':
      return commands.contactsCommand(engine, cmd);
    case 'today':
      return commands.todayCommand(engine, cmd);
    case 'preview':
      return commands.previewCommand(engine, cmd);
    case 'coverage':
      return coverageCommand(engine, cmd);
    case 'confirm':
      return commands.confirmCommand(engine, cmd);
    case 'cancel':
      return commands.cancelCommand(engine, cmd);
    case 'report':
      return reportCommand(engine, cmd);
    default:
      throw badRequest(`unknown command "${cmd.command}" (try --help)`);
  }
}

function ensureScheduleFolder(file: string): void {
  try {
    ensureParentDir(file);
  } catch (error) {
    throw toDatabaseFault(error, file) ?? error;
  }
}

function rendererDir(): string {
  const candidates = [process.env['FRONTDESK_RENDERER_DIR'], join(__dirname, '..', 'renderer'), join(process.cwd(), 'out', 'renderer')];
  return candidates.find((c): c is string => !!c && existsSync(join(c, 'index.html'))) ?? join(process.cwd(), 'out', 'renderer');
}

/** `serve`: the web host on 127.0.0.1:port; a port that cannot be listened on is a one-line error (exit 2). */
async function startHost(engine: Engine, cmd: ParsedCommand, port: number): Promise<() => Promise<void>> {
  const staticDir = rendererDir();
  const { startWebHost } = await import('../web/server');
  let host;
  try {
    host = await startWebHost({ services: engine.services, events: engine.events, staticDir, port, logger: stderrLogger });
  } catch (error) {
    throw listenFailure(error, port);
  }
  // The port is ours; now a fresh clone's missing (or a stale) out/renderer is built before the
  // address is printed, so a port error is never delayed by a build.
  try {
    await (await import('../web/renderer-build')).ensureRendererBuilt();
  } catch (error) {
    await host.close();
    throw error;
  }
  if (!existsSync(join(staticDir, 'index.html')))
    process.stderr.write(`The UI is not built yet: run "npm run build:renderer" (looked in ${staticDir}).\n`);
  process.stdout.write(cmd.global.json ? `${JSON.stringify({ url: host.url, port: host.port })}\n` : `Open ${host.url}\n`);
  return () => host.close();
}

/**
 * `run` and `serve`: the engine on its cron schedule until SIGINT/SIGTERM. The web host listens before
 * any job starts, and whatever fails, the host and the jobs are stopped before the database closes
 * (a job left running on a closed database would log errors every minute and keep the process alive).
 */
async function runLongLived(engine: Engine, cmd: ParsedCommand, port: number | undefined, notice?: string): Promise<void> {
  let closeHost: (() => Promise<void>) | undefined;
  try {
    if (port !== undefined) closeHost = await startHost(engine, cmd, port);
    // The stop signals are heard before "running" is said: a SIGTERM right after it must stop cleanly, not kill.
    const stopped = waitUntilStopped(cmd);
    void engine.jobs.start();
    process.stderr.write(`Frontdesk engine running (transport: ${engine.transports.description}). Ctrl+C to stop.\n`);
    // After a successful start only: a failing start keeps its one-line error.
    if (notice) process.stderr.write(`${notice}\n`);
    await stopped;
  } finally {
    await closeHost?.();
    await engine.jobs.stop();
  }
}

/** CLI entry (docs/cli.md): one JSON document with --json; one-line errors and non-zero exit codes. */
export async function main(argv: readonly string[]): Promise<number> {
  let engine: Engine | undefined;
  let json = false;
  let file: string | undefined;
  try {
    // Relative paths are the user's: npm runs us in the package root (docs/database.md).
    const folder = userFolder();
    const cmd = withUserPaths(parseCommandLine(argv), folder);
    json = cmd.global.json;
    if (cmd.command === 'help') {
      process.stdout.write(USAGE);
      return 0;
    }
    // init's zone is checked before the database is opened, and a new clinic is created in it.
    const initZone = cmd.command === 'init' ? commands.initSettingsFrom(cmd).timezone : undefined;
    // Checked before the database is opened, so a bad port leaves nothing behind.
    const port = cmd.command === 'serve' ? servePort(cmd) : undefined;
    if (cmd.command === 'run' || cmd.command === 'serve') parentPidOption(cmd);
    file = scheduleFile(cmd.global.db, folder);
    if (file !== ':memory:') ensureScheduleFolder(file);
    const longRunning = cmd.command === 'run' || cmd.command === 'serve';
    let out: commands.CommandOutput;
    let machineZone: string | undefined;
    if (cmd.command === 'backup' || cmd.command === 'restore') {
      // Neither opens the engine first: restore must work on a damaged schedule, backup must not migrate it.
      out = cmd.command === 'backup' ? await backupCommand(file, cmd) : await restoreCommand(file, cmd);
    } else {
      engine = openEngine(cmd, file, longRunning, initZone);
      machineZone = engine.machineZoneUsed;
      if (longRunning) {
        await runLongLived(engine, cmd, port, machineZone ? commands.machineZoneNotice(machineZone) : undefined);
        return 0;
      }
      out = await runOnce(engine, cmd);
    }
    process.stdout.write(json ? `${JSON.stringify(out.json, null, 2)}\n` : `${out.text}\n`);
    // After success only: a failing command keeps its one-line error.
    if (machineZone) process.stderr.write(`${commands.machineZoneNotice(machineZone)}\n`);
    return 0;
  } catch (caught) {
    const dbFile = file;
    // A SQLite error met while a command ran (disk full, locked too long, a damaged page…) names the file too.
    const error =
      (dbFile !== undefined && isSqliteError(caught) ? toDatabaseFault(caught, dbFile, () => newestBackup(dbFile)) : undefined) ?? caught;
    if (error instanceof UserError) {
      process.stderr.write(`error: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message.split('\n')[0]}\n`);
    if (process.env['FRONTDESK_DEBUG']) process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
    return 1;
  } finally {
    engine?.close();
  }
}
