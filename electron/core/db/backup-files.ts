import { existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';

/** Automatic backups live in a `backups` folder beside the schedule file (docs/database.md). */
export const BACKUP_FOLDER = 'backups';
/** How many automatic backups are kept per schedule file; older ones are deleted after each new one. */
export const KEEP_AUTOMATIC_BACKUPS = 7;

/** Why a backup was taken; it is the last part of the file name. */
export type BackupReason = 'daily' | 'manual' | 'pre-restore' | `pre-migration-v${number}`;

export interface BackupEntry {
  readonly file: string;
  /** When it was taken (the clock's ms, from the file name). */
  readonly at: number;
  readonly reason: string;
}

export function backupFolder(dbFile: string): string {
  return join(dirname(dbFile), BACKUP_FOLDER);
}

function stemOf(dbFile: string): string {
  const name = basename(dbFile);
  return extname(name) ? name.slice(0, -extname(name).length) : name;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * `<stem>-YYYYMMDD-HHMMSS-mmm[.n]-<reason>.db` in UTC, e.g. `frontdesk-20261126-120000-000-daily.db`:
 * names sort by time, and the time comes from the engine's clock (so `--now` runs stay consistent).
 */
export function backupFileName(dbFile: string, at: number, reason: BackupReason, sequence = 0): string {
  const d = new Date(at);
  const date = `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}`;
  const time = `${pad(d.getUTCHours(), 2)}${pad(d.getUTCMinutes(), 2)}${pad(d.getUTCSeconds(), 2)}-${pad(d.getUTCMilliseconds(), 3)}`;
  return `${stemOf(dbFile)}-${date}-${time}${sequence > 0 ? `.${sequence}` : ''}-${reason}.db`;
}

/** A path in the backups folder not taken yet (a frozen clock can ask twice for the same instant). */
export function nextBackupPath(dbFile: string, at: number, reason: BackupReason): string {
  const folder = backupFolder(dbFile);
  for (let sequence = 0; ; sequence += 1) {
    const candidate = join(folder, backupFileName(dbFile, at, reason, sequence));
    if (!existsSync(candidate)) return candidate;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The automatic backups of `dbFile`, newest first. Files of other schedules in the folder are ignored. */
export function listBackups(dbFile: string): BackupEntry[] {
  const folder = backupFolder(dbFile);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const pattern = new RegExp(
    `^${escapeRegExp(stemOf(dbFile))}-(\\d{4})(\\d{2})(\\d{2})-(\\d{2})(\\d{2})(\\d{2})-(\\d{3})(?:\\.(\\d+))?-([a-z][a-z0-9-]*)\\.db$`,
  );
  const entries: (BackupEntry & { sequence: number })[] = [];
  for (const name of names) {
    const m = pattern.exec(name);
    if (!m) continue;
    const [y, mo, d, h, mi, s, ms] = m.slice(1, 8).map(Number) as [number, number, number, number, number, number, number];
    entries.push({ file: join(folder, name), at: Date.UTC(y, mo - 1, d, h, mi, s, ms), reason: m[9]!, sequence: Number(m[8] ?? 0) });
  }
  entries.sort((a, b) => b.at - a.at || b.sequence - a.sequence);
  return entries.map(({ file, at, reason }) => ({ file, at, reason }));
}

export function newestBackup(dbFile: string): string | undefined {
  return listBackups(dbFile)[0]?.file;
}

/**
 * Deletes all but the newest `keep` automatic backups of `dbFile`; returns the deleted paths. `spare`
 * (the backup a restore just read from) is never deleted.
 */
export function pruneBackups(dbFile: string, keep: number = KEEP_AUTOMATIC_BACKUPS, spare?: string): string[] {
  const old = listBackups(dbFile)
    .slice(keep)
    .filter((e) => spare === undefined || resolve(e.file) !== resolve(spare));
  for (const entry of old) rmSync(entry.file, { force: true });
  return old.map((e) => e.file);
}
