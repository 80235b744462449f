/** What the watch needs from the process, injected so tests drive it with fakes. */
export interface ProcessProbe {
  /** The current parent's pid (process.ppid: it changes when the parent dies and we are re-parented). */
  currentParent(): number;
  /** Whether a process with this pid exists (process.kill(pid, 0); on Windows a dead parent keeps its number). */
  isAlive(pid: number): boolean;
}

export const realProcessProbe: ProcessProbe = {
  currentParent: () => process.ppid,
  isAlive: (pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      // EPERM: it exists, it is just not ours to signal.
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  },
};

/**
 * Whether the process that launched us is gone (docs/headless.md#parent-watch): the parent we started
 * with no longer exists, or we were handed to another parent (Linux and macOS re-parent orphans).
 */
export function parentGone(probe: ProcessProbe, parentPid: number, watchReparenting: boolean): boolean {
  if (watchReparenting && probe.currentParent() !== parentPid) return true;
  return !probe.isAlive(parentPid);
}

export type ParentWatchOptions = Readonly<{
  /** The pid to watch: `--parent-pid`, else the parent at start. */
  parentPid: number;
  /** Also treat a change of process.ppid as the parent's death (only when watching our own parent). */
  watchReparenting: boolean;
  probe?: ProcessProbe;
  intervalMs?: number;
  onGone: () => void;
}>;

/**
 * Polls until the parent is gone, then calls onGone once. A parent of pid 1 (init, systemd, launchd)
 * never dies: nothing is watched, a service manager stops us with SIGTERM instead.
 */
export function watchParent(opts: ParentWatchOptions): { stop(): void } {
  const probe = opts.probe ?? realProcessProbe;
  if (opts.parentPid <= 1) return { stop: () => {} };
  const timer = setInterval(() => {
    if (!parentGone(probe, opts.parentPid, opts.watchReparenting)) return;
    clearInterval(timer);
    opts.onGone();
  }, opts.intervalMs ?? 1_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
