import { basename, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { createEngine } from '../../core/compose';
import { backupDatabaseFile } from '../../core/db/backup';
import { backupFolder } from '../../core/db/backup-files';
import { restoreDatabase } from '../../core/db/restore';
import { processIsAlive } from '../../core/outbox/sender-lease';
import { fixedClock, systemClock } from '../../core/platform/clock';
import { badRequest } from '../../core/platform/errors';
import type { ParsedCommand } from './args';
import type { CommandOutput } from './commands';

const ACTOR = 'cli';

/** `--now` for backup and restore (which never open the engine first): an ISO instant, machine zone without offset. */
function nowOf(cmd: ParsedCommand): number {
  const raw = cmd.global.now;
  if (raw === undefined) return systemClock.now();
  const parsed = DateTime.fromISO(raw, { setZone: true });
  if (!parsed.isValid) throw badRequest(`--now must be an ISO 8601 instant such as 2026-11-27T09:00:00-05:00, got "${raw}"`);
  return parsed.toMillis();
}

/** `backup [FILE]`: an online copy of the schedule; without FILE, a dated copy in the backups folder. */
export async function backupCommand(dbFile: string, cmd: ParsedCommand): Promise<CommandOutput> {
  if (dbFile === ':memory:') throw badRequest('an in-memory database cannot be backed up; name the schedule file with --db');
  const dest = cmd.positionals[0];
  const file = await backupDatabaseFile(dbFile, dest === undefined ? undefined : resolve(dest), nowOf(cmd));
  return { json: { file, database: dbFile }, text: `Backed up ${dbFile} to ${file}.` };
}

/**
 * `restore FILE`: replaces the schedule with a checked backup, then pauses sending. Reminders sent
 * after the backup was taken are not in its ledger, so they could go out twice: a person looks at
 * Today and resumes.
 */
export async function restoreCommand(dbFile: string, cmd: ParsedCommand): Promise<CommandOutput> {
  const source = cmd.positionals[0];
  if (!source) throw badRequest(`restore needs a backup file, e.g. "restore ${backupFolder(dbFile)}/…-daily.db"`);
  if (dbFile === ':memory:') throw badRequest('cannot restore into an in-memory database; name the schedule file with --db');
  const now = nowOf(cmd);
  const result = await restoreDatabase(dbFile, resolve(source), { now, isAlive: processIsAlive });
  const engine = createEngine({ dbFile, clock: fixedClock(now) });
  try {
    engine.services.pause({
      reason: `restored from backup ${basename(source)}: reminders sent after it was taken are not in its ledger; check Today, then resume`,
      actor: ACTOR,
    });
  } finally {
    engine.close();
  }
  const json = {
    file: result.file,
    database: result.database,
    version: result.version,
    safetyCopy: result.safetyCopy ?? null,
    paused: true,
  };
  const kept = result.safetyCopy ? ` The schedule as it was is kept in ${result.safetyCopy}.` : '';
  return { json, text: `Restored ${dbFile} from ${result.file}.${kept} Sending is PAUSED: check Today, then resume.` };
}
