import { type FSWatcher, watch as fsWatch } from 'node:fs';
import type { SourceRow } from '../../db/repos/sources-repo';
import type { Logger } from '../../platform/logger';
import { FileStability, listFolderFiles } from './folder-files';
import type { ImportSourceFile } from './folder-sync';
import type { SourceFileResult } from './process-file';

export interface FolderWatcherDeps {
  listSources: () => SourceRow[];
  importFile: ImportSourceFile;
  /** After each file (events, re-planning). */
  onResult: (result: SourceFileResult) => void;
  /** Called at most once a minute: raises the stale-schedule alarms. */
  checkStale: () => void;
  logger: Logger;
  /** Real time, for file stability (file times are real whatever the engine's clock says). */
  realNow: () => number;
  /** A file's size and time must hold still this long. Default 1 s. */
  stableMs?: number;
  /** The safety-net scan when fs.watch says nothing (network drives, some editors). Default 5 s. */
  pollMs?: number;
  /** fs.watch, replaceable in tests; a folder it cannot watch is polled only. */
  watch?: (dir: string, onChange: () => void) => { close(): void };
}

/** A failed import (database busy, disk full) is retried after this, not in a loop. */
const RETRY_AFTER_MS = 60_000;
const STALE_CHECK_MS = 60_000;

function watchFolder(dir: string, onChange: () => void): FSWatcher {
  const watcher = fsWatch(dir, { persistent: false }, () => onChange());
  // A folder removed or unmounted: the scan reports it; an unhandled 'error' event would end the engine.
  watcher.on('error', () => watcher.close());
  return watcher;
}

/**
 * The watch folders of a long-running engine (run, serve, the desktop app): new or changed files are imported
 * once complete (FileStability), one at a time, through the engine's worker thread. fs.watch makes the pick-up
 * quick; a scan every few seconds catches what it misses. Every minute the stale-schedule alarm is checked.
 */
export class FolderWatcher {
  private readonly stability: FileStability;
  private readonly stableMs: number;
  private readonly pollMs: number;
  private readonly watchers = new Map<string, { close(): void }>();
  private readonly retryAt = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private lastStaleCheck = -Infinity;

  constructor(private readonly deps: FolderWatcherDeps) {
    this.stableMs = deps.stableMs ?? 1_000;
    this.pollMs = deps.pollMs ?? 5_000;
    this.stability = new FileStability(this.stableMs);
  }

  start(): void {
    this.stopped = false;
    this.kick(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
    await this.running;
  }

  /** One scan of every folder, now (tests; `sources sync` uses pullFolderSources instead). */
  scan(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.cycle().finally(() => {
      this.running = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        this.kick(0);
      }
    });
    return this.running;
  }

  private kick(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.scan(), Math.max(0, delayMs));
    this.timer.unref();
  }

  private async cycle(): Promise<void> {
    let next = this.pollMs;
    try {
      const sources = this.deps.listSources().filter((s) => s.kind === 'folder');
      this.syncWatchers(sources);
      for (const source of sources) next = Math.min(next, await this.scanFolder(source));
      if (this.deps.realNow() - this.lastStaleCheck >= STALE_CHECK_MS) {
        this.lastStaleCheck = this.deps.realNow();
        this.deps.checkStale();
      }
    } catch (error) {
      this.deps.logger.error('watch folders: scan failed', { error: (error as Error).message });
    }
    this.kick(next);
  }

  /** Imports the folder's complete files; returns when to look again for the ones still being written. */
  private async scanFolder(source: SourceRow): Promise<number> {
    let next = this.pollMs;
    let files;
    try {
      files = listFolderFiles(source.target);
    } catch (error) {
      this.deps.logger.warn(`watch folder ${source.target}: ${(error as Error).message}`);
      return next;
    }
    for (const file of files) {
      const now = this.deps.realNow();
      if ((this.retryAt.get(file.path) ?? 0) > now) continue;
      if (!this.stability.ready(file, now)) {
        next = Math.min(next, (this.stability.readyAt(file.path) ?? now + this.pollMs) - now + 20);
        continue;
      }
      const result = await this.deps.importFile(source.id, file.path);
      this.stability.forget(file.path);
      if (result.outcome === 'failed') this.retryAt.set(file.path, this.deps.realNow() + RETRY_AFTER_MS);
      else this.retryAt.delete(file.path);
      this.deps.onResult(result);
    }
    return next;
  }

  private syncWatchers(sources: readonly SourceRow[]): void {
    const wanted = new Set(sources.map((s) => s.target));
    for (const [dir, w] of this.watchers) {
      if (wanted.has(dir)) continue;
      w.close();
      this.watchers.delete(dir);
    }
    for (const dir of wanted) {
      if (this.watchers.has(dir)) continue;
      try {
        const onChange = () => this.kick(50);
        this.watchers.set(dir, (this.deps.watch ?? watchFolder)(dir, onChange));
      } catch (error) {
        // Polling still covers this folder.
        this.deps.logger.warn(`watch folder ${dir}: cannot watch (${(error as Error).message}); scanning every ${this.pollMs / 1000} s`);
      }
    }
  }
}
