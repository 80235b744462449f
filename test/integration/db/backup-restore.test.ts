import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupDatabaseFile, backupToFolder } from '../../../electron/core/db/backup';
import { listBackups } from '../../../electron/core/db/backup-files';
import { openDatabase } from '../../../electron/core/db/connection';
import { latestVersion } from '../../../electron/core/db/migrate';
import { migrations } from '../../../electron/core/db/migrations';
import { restoreDatabase } from '../../../electron/core/db/restore';
import { processIsAlive } from '../../../electron/core/outbox/sender-lease';
import { HOUR_MS } from '../../../electron/core/platform/clock';
import { corruptAfterFirstPage, snapshot } from '../../helpers/db-files';
import { createTestEngine, importRows, local, type TestEngine } from '../../helpers/engine';
import { holdLease, releaseLease } from '../../helpers/lease-holder-process';

const NOW = local('2026-11-26 07:00');
let dir: string;
let file: string;
const engines: TestEngine[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'frontdesk-restore-'));
  file = join(dir, 'clinic.db');
});
afterEach(() => {
  while (engines.length > 0) engines.pop()!.close();
  rmSync(dir, { recursive: true, force: true });
});

function engine(): TestEngine {
  const e = createTestEngine({ file, now: NOW });
  engines.push(e);
  return e;
}

function closeAll(): void {
  while (engines.length > 0) engines.pop()!.close();
}

function appointments(path: string = file): { external_id: string; status: string }[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(`SELECT external_id, status FROM appointments ORDER BY external_id`).all() as {
      external_id: string;
      status: string;
    }[];
  } finally {
    db.close();
  }
}

const restoreOptions = { now: NOW, isAlive: processIsAlive };

describe('backup and restore (SQLite online backup, atomic replace)', () => {
  it('backup → change → restore gives the old content back, and keeps the changed one as a safety copy', async () => {
    importRows(engine(), [{ id: 'A1', name: 'Maria Lopez', email: 'maria@example.com', startsAt: '2026-11-28 10:00' }]);
    const backup = await backupDatabaseFile(file, undefined, NOW);
    expect(backup).toBe(join(dir, 'backups', 'clinic-20261126-120000-000-manual.db'));

    importRows(engines[0]!, [
      { id: 'A1', name: 'Maria Lopez', email: 'maria@example.com', startsAt: '2026-11-28 10:00', status: 'cancelled' },
      { id: 'A2', name: 'James Carter', email: 'james@example.com', startsAt: '2026-11-28 11:00' },
    ]);
    closeAll();
    expect(appointments()).toEqual([
      { external_id: 'A1', status: 'cancelled' },
      { external_id: 'A2', status: 'booked' },
    ]);

    const result = await restoreDatabase(file, backup, { ...restoreOptions, now: NOW + 1000 });
    expect(result).toMatchObject({ file: backup, database: file, version: latestVersion(migrations) });
    expect(appointments()).toEqual([{ external_id: 'A1', status: 'booked' }]);
    expect(appointments(result.safetyCopy!)).toHaveLength(2);
    expect(readdirSync(dir).sort()).toEqual(['backups', 'clinic.db', 'clinic.db-control']);
    const reopened = openDatabase(file);
    expect(reopened.pragma('quick_check', { simple: true })).toBe('ok');
    reopened.close();
  });

  it('a backup with FILE goes exactly there; the backups folder is not used', async () => {
    engine();
    const dest = join(dir, 'elsewhere', 'copy.db');
    mkdirSync(join(dir, 'elsewhere'));
    expect(await backupDatabaseFile(file, dest, NOW)).toBe(dest);
    expect(existsSync(join(dir, 'backups'))).toBe(false);
    expect(readdirSync(join(dir, 'elsewhere'))).toEqual(['copy.db']);
  });

  it.each([
    [
      'a damaged',
      (path: string) => corruptAfterFirstPage(path),
      /cannot restore from .*bad\.db: it is damaged \(.*\); .*clinic\.db was not changed/,
    ],
    [
      'a newer',
      (path: string) => {
        const raw = new Database(path);
        raw.pragma(`user_version = ${latestVersion(migrations) + 1}`);
        raw.close();
      },
      /it was written by a newer Frontdesk \(schema version \d+, newer than this Frontdesk \(\d+\)\)/,
    ],
    [
      'a non-SQLite',
      (path: string) => writeFileSync(path, 'external_id,patient_name\nA1,Maria\n'.repeat(10)),
      /it is not a SQLite database/,
    ],
    [
      "another program's",
      (path: string) => {
        rmSync(path);
        const raw = new Database(path);
        raw.exec(`CREATE TABLE notes (x TEXT)`);
        raw.close();
      },
      /it is not a Frontdesk schedule/,
    ],
  ])('%s backup is refused; the schedule and the backup are not touched', async (_label, spoil, message) => {
    importRows(engine(), [{ id: 'A1', name: 'Maria Lopez', email: 'maria@example.com', startsAt: '2026-11-28 10:00' }]);
    closeAll();
    const sources = join(dir, 'sources');
    mkdirSync(sources);
    const bad = join(sources, 'bad.db');
    copyFileSync(file, bad);
    spoil(bad);
    const before = { schedule: snapshot(dir), source: snapshot(sources) };
    await expect(restoreDatabase(file, bad, restoreOptions)).rejects.toThrow(message);
    expect({ schedule: snapshot(dir), source: snapshot(sources) }).toEqual(before);
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });

  it('restore is refused while another process holds the sender lease, and allowed once it stops', async () => {
    importRows(engine(), [{ id: 'A1', name: 'Maria Lopez', email: 'maria@example.com', startsAt: '2026-11-28 10:00' }]);
    const backup = await backupDatabaseFile(file, join(dir, 'copy.db'), NOW);
    closeAll();
    const holder = await holdLease(file);
    try {
      const before = snapshot(dir)['clinic.db'];
      await expect(restoreDatabase(file, backup, { ...restoreOptions, now: Date.now() })).rejects.toThrow(
        new RegExp(`an engine is running on .*clinic\\.db \\(process ${holder.pid} on .*\\); stop it .* nothing was changed`),
      );
      expect(snapshot(dir)['clinic.db']).toBe(before);
      expect(readdirSync(dir).filter((n) => n.includes('restoring'))).toEqual([]);
    } finally {
      await releaseLease(holder);
    }
    await expect(restoreDatabase(file, backup, { ...restoreOptions, now: Date.now() })).resolves.toMatchObject({ file: backup });
  });

  it('restoring over a damaged schedule works (that is what backups are for), without a safety copy of the damage', async () => {
    importRows(engine(), [{ id: 'A1', name: 'Maria Lopez', email: 'maria@example.com', startsAt: '2026-11-28 10:00' }]);
    const backup = await backupDatabaseFile(file, join(dir, 'copy.db'), NOW);
    closeAll();
    corruptAfterFirstPage(file);
    const result = await restoreDatabase(file, backup, restoreOptions);
    expect(result.safetyCopy).toBeUndefined();
    expect(appointments()).toEqual([{ external_id: 'A1', status: 'booked' }]);
  });
});

describe('automatic backups: 7 kept, daily in long-running engines', () => {
  it('keeps only the newest 7 copies of this schedule; other files in the folder are left alone', async () => {
    const e = engine();
    mkdirSync(join(dir, 'backups'));
    writeFileSync(join(dir, 'backups', 'other-20200101-000000-000-daily.db'), 'not ours');
    writeFileSync(join(dir, 'backups', 'notes.txt'), 'keep');
    for (let day = 0; day < 9; day += 1) await backupToFolder(e.db, file, NOW + day * 24 * HOUR_MS, 'daily');
    const kept = listBackups(file);
    expect(kept).toHaveLength(7);
    expect(kept[0]!.at).toBe(NOW + 8 * 24 * HOUR_MS);
    expect(kept[6]!.at).toBe(NOW + 2 * 24 * HOUR_MS);
    expect(readdirSync(join(dir, 'backups'))).toEqual(expect.arrayContaining(['other-20200101-000000-000-daily.db', 'notes.txt']));
  });

  it('the daily job takes one backup per 24 h of clock time, whenever it is checked', async () => {
    const e = engine();
    e.jobs.start();
    expect(e.scheduler.has('daily-backup')).toBe(true);
    await e.scheduler.tick('daily-backup');
    await e.scheduler.tick('daily-backup');
    expect(listBackups(file).map((b) => [b.reason, b.at])).toEqual([['daily', NOW]]);
    e.clock.advance(23 * HOUR_MS);
    await e.scheduler.tick('daily-backup');
    expect(listBackups(file)).toHaveLength(1);
    e.clock.advance(2 * HOUR_MS);
    await e.scheduler.tick('daily-backup');
    expect(listBackups(file).map((b) => b.at)).toEqual([NOW + 25 * HOUR_MS, NOW]);
    for (let day = 0; day < 10; day += 1) {
      e.clock.advance(24 * HOUR_MS);
      await e.scheduler.tick('daily-backup');
    }
    expect(listBackups(file)).toHaveLength(7);
    await e.jobs.stop();
  });
});
