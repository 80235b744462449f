import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/** What the watch needs from the process table, injected so tests drive it with fakes. */
export interface ProcessProbe {
  /** The current parent's pid (process.ppid: it changes when the parent dies and we are re-parented). */
  currentParent(): number;
  /** Whether a process with this pid exists (process.kill(pid, 0); on Windows a dead parent keeps its number). */
  isAlive(pid: number): boolean;
  /** Another process's parent and command line, where the OS tells (Linux /proc); null elsewhere. */
  parentOf(pid: number): number | null;
  commandOf(pid: number): readonly string[] | null;
}

function readProc(pid: number, file: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return null;
  }
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
  parentOf: (pid) => {
    // /proc/PID/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses.
    const stat = readProc(pid, 'stat');
    const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields && fields[1] ? Number(fields[1]) : null;
  },
  commandOf: (pid) => readProc(pid, 'cmdline')?.split('\0').filter(Boolean) ?? null,
};

/** Programs that only pass a command on: when one of them is our parent, the process that started it is watched too. */
const WRAPPERS = new Set(['sh', 'bash', 'dash', 'zsh', 'npm', 'npx', 'pnpm', 'yarn', 'cmd.exe']);

function isWrapper(command: readonly string[] | null): boolean {
  if (!command || command.length === 0) return false;
  // npm renames its process ("npm run cli …"), so the first word may carry the arguments.
  const program = basename(command[0]!.split(' ')[0]!);
  if (WRAPPERS.has(program)) return true;
  return /^node(\.exe)?$/.test(program) && /(npm|npx)-cli\.js$|\/(npm|npx)$/.test(command[1] ?? '');
}

/**
 * The chain of processes to watch, from our parent up: `npm run` starts us through `sh -c`, and when npm
 * dies the shell lives on, waiting for us. So while a link is a wrapper, its own parent is watched too
 * (at most three links; never pid 1, which does not die).
 */
export function launchChain(probe: ProcessProbe, parentPid: number): number[] {
  const chain = [parentPid];
  while (chain.length < 3 && isWrapper(probe.commandOf(chain[chain.length - 1]!))) {
    const up = probe.parentOf(chain[chain.length - 1]!);
    if (up === null || up <= 1) break;
    chain.push(up);
  }
  return chain;
}

/**
 * Whether the process that launched us is gone (docs/headless.md#parent-watch): the parent we started
 * with no longer exists, or we were handed to another parent (Linux and macOS re-parent orphans).
 */
export function parentGone(
  probe: ProcessProbe,
  parentPid: number,
  watchReparenting: boolean,
  chain: readonly number[] = [parentPid],
): boolean {
  if (watchReparenting && probe.currentParent() !== parentPid) return true;
  if (!probe.isAlive(parentPid)) return true;
  // Up the chain: each link still alive and still the child of the next (else the one above it died).
  for (let i = 1; i < chain.length; i += 1) {
    if (!probe.isAlive(chain[i]!)) return true;
    const up = probe.parentOf(chain[i - 1]!);
    if (up !== null && up !== chain[i]) return true;
  }
  return false;
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
  const chain = opts.watchReparenting ? launchChain(probe, opts.parentPid) : [opts.parentPid];
  const timer = setInterval(() => {
    if (!parentGone(probe, opts.parentPid, opts.watchReparenting, chain)) return;
    clearInterval(timer);
    opts.onGone();
  }, opts.intervalMs ?? 1_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
