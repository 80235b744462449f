import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { createEngine, type Engine } from '../../core/compose';
import { ManualClock, systemClock, type Clock } from '../../core/platform/clock';
import { UserError, badRequest } from '../../core/platform/errors';
import { stderrLogger } from '../../core/platform/logger';
import { USAGE, parseCommandLine, type ParsedCommand } from './args';
import * as commands from './commands';
import { defaultDataFile, ensureParentDir } from './data-file';
import { transportsFromEnv } from './transports-from-env';

const HAS_OFFSET = /(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$/;

/** `--now` freezes the clock for the whole command (DESIGN §8); without an offset it is clinic time. */
function applyNow(engine: Engine, clock: ManualClock, raw: string): void {
  const zone = engine.services.getSettings().timezone;
  const parsed = HAS_OFFSET.test(raw) ? DateTime.fromISO(raw, { setZone: true }) : DateTime.fromISO(raw, { zone });
  if (!parsed.isValid) throw badRequest(`--now must be an ISO 8601 instant such as 2026-11-27T09:00:00-05:00, got "${raw}"`);
  clock.set(parsed.toMillis());
}

function openEngine(cmd: ParsedCommand, longRunning: boolean): Engine {
  const file = cmd.global.db ?? defaultDataFile();
  if (file !== ':memory:') ensureParentDir(file);
  const manual = cmd.global.now !== undefined ? new ManualClock(Date.now()) : undefined;
  const clock: Clock = manual ?? systemClock;
  const engine = createEngine({
    dbFile: file,
    clock,
    transports: (db, c) => transportsFromEnv(process.env, db, c),
    ...(longRunning ? { logger: stderrLogger, planAfterChanges: true, backgroundWorker: true } : {}),
  });
  if (manual && cmd.global.now !== undefined) applyNow(engine, manual, cmd.global.now);
  return engine;
}

async function runOnce(engine: Engine, cmd: ParsedCommand): Promise<commands.CommandOutput> {
  switch (cmd.command) {
    case 'init':
      return commands.initCommand(engine, cmd);
    case 'import':
      return commands.importCommand(engine, cmd);
    case 'plan':
      return commands.planCommand(engine);
    case 'dispatch':
      return commands.dispatchCommand(engine);
    case 'pause':
      return commands.pauseCommand(engine, cmd);
    case 'resume':
      return commands.resumeCommand(engine);
    case 'status':
      return commands.statusCommand(engine);
    case 'contacts':
      return commands.contactsCommand(engine, cmd);
    case 'today':
      return commands.todayCommand(engine, cmd);
    case 'preview':
      return commands.previewCommand(engine, cmd);
    case 'confirm':
      return commands.confirmCommand(engine, cmd);
    case 'cancel':
      return commands.cancelCommand(engine, cmd);
    default:
      throw badRequest(`unknown command "${cmd.command}" (try --help)`);
  }
}

function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

function rendererDir(): string {
  const candidates = [process.env['FRONTDESK_RENDERER_DIR'], join(__dirname, '..', 'renderer'), join(process.cwd(), 'out', 'renderer')];
  return candidates.find((c): c is string => !!c && existsSync(join(c, 'index.html'))) ?? join(process.cwd(), 'out', 'renderer');
}

/** `run` and `serve`: the engine on its cron schedule until SIGINT/SIGTERM. */
async function runLongLived(engine: Engine, cmd: ParsedCommand): Promise<void> {
  void engine.jobs.start();
  process.stderr.write(`Frontdesk engine running (transport: ${engine.transports.description}). Ctrl+C to stop.\n`);
  let closeHost: (() => Promise<void>) | undefined;
  if (cmd.command === 'serve') {
    const portRaw = typeof cmd.values['port'] === 'string' ? cmd.values['port'] : '0';
    const port = Number(portRaw);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw badRequest(`--port must be a port number, got "${portRaw}"`);
    const staticDir = rendererDir();
    if (!existsSync(join(staticDir, 'index.html'))) process.stderr.write(`The UI is not built yet: run "npm run build:renderer" (looked in ${staticDir}).\n`);
    const { startWebHost } = await import('../web/server');
    const host = await startWebHost({ services: engine.services, events: engine.events, staticDir, port, logger: stderrLogger });
    process.stdout.write(cmd.global.json ? `${JSON.stringify({ url: host.url, port: host.port })}\n` : `Open ${host.url}\n`);
    closeHost = () => host.close();
  }
  await waitForSignal();
  await closeHost?.();
  await engine.jobs.stop();
}

/** CLI entry (DESIGN §7): one JSON document with --json; one-line errors and non-zero exit codes. */
export async function main(argv: readonly string[]): Promise<number> {
  let engine: Engine | undefined;
  let json = false;
  try {
    const cmd = parseCommandLine(argv);
    json = cmd.global.json;
    if (cmd.command === 'help') {
      process.stdout.write(USAGE);
      return 0;
    }
    const longRunning = cmd.command === 'run' || cmd.command === 'serve';
    engine = openEngine(cmd, longRunning);
    if (longRunning) {
      await runLongLived(engine, cmd);
      return 0;
    }
    const out = await runOnce(engine, cmd);
    process.stdout.write(json ? `${JSON.stringify(out.json, null, 2)}\n` : `${out.text}\n`);
    return 0;
  } catch (error) {
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
