import { backupIfDue } from '../db/backup';
import type { ReadableDB } from '../db/types';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import type { JobSpec } from './scheduler';

/** Checked every 10 minutes; a backup is taken only when the newest one is a day old (docs/database.md). */
export const DAILY_BACKUP_CHECK_CRON = '*/10 * * * *';

/**
 * The daily backup job of long-running engines, for a schedule file on disk (none for an in-memory
 * database or one passed in open by a test).
 */
export function dailyBackupJobs(dbFile: string | undefined, db: ReadableDB, clock: Clock, logger: Logger): JobSpec[] {
  if (dbFile === undefined || dbFile === ':memory:' || db.memory) return [];
  return [
    {
      name: 'daily-backup',
      cron: DAILY_BACKUP_CHECK_CRON,
      run: async () => {
        const file = await backupIfDue(db, dbFile, clock.now());
        if (file) logger.info('daily backup written', { file });
      },
    },
  ];
}
