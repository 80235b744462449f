import { badRequest } from '../../core/platform/errors';
import type { ParsedCommand } from './args';
import { watchParent } from './parent-watch';
import { type StopReason, waitForStop } from './stop-signals';

/** How long a stop may take (the provider call in flight, the jobs, the worker) before the process just exits. */
const STOP_GRACE_MS = 25_000;

/** `--parent-pid PID`: a positive integer, checked before anything starts. */
export function parentPidOption(cmd: ParsedCommand): number | undefined {
  const raw = cmd.values['parent-pid'];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^[1-9]\d*$/.test(raw))
    throw badRequest(`--parent-pid must be a process id (a positive whole number), got "${String(raw)}"`);
  return Number(raw);
}

function parentGone(cmd: ParsedCommand): { gone: Promise<StopReason>; stop(): void } {
  if (cmd.values['no-parent-watch'] === true) return { gone: new Promise(() => {}), stop: () => {} };
  const explicit = parentPidOption(cmd);
  let resolveGone!: (reason: StopReason) => void;
  const gone = new Promise<StopReason>((resolve) => (resolveGone = resolve));
  const watch = watchParent({
    parentPid: explicit ?? process.ppid,
    watchReparenting: explicit === undefined,
    onGone: () => resolveGone('parent-gone'),
  });
  return { gone, stop: () => watch.stop() };
}

const WHY: Record<StopReason, string> = {
  SIGINT: 'interrupted (SIGINT)',
  SIGTERM: 'asked to stop (SIGTERM)',
  SIGHUP: 'its terminal closed (SIGHUP)',
  'parent-gone': 'the process that started it has ended',
};

/**
 * Waits until `run`/`serve` should stop (docs/headless.md#stopping): a signal, or the parent's end.
 * From then on a second signal, or a stop that takes too long, exits at once: the schedule is
 * crash-safe (a reminder interrupted mid-send is reconciled at the next start, never sent twice).
 */
export async function waitUntilStopped(cmd: ParsedCommand): Promise<void> {
  const parent = parentGone(cmd);
  const force = (reason: StopReason): void => {
    process.stderr.write(`Frontdesk engine: ${WHY[reason]} again while stopping; exiting now.\n`);
    process.exit(1);
  };
  const wait = waitForStop(process, parent.gone, force);
  const reason = await wait.stopped;
  parent.stop();
  process.stderr.write(`Frontdesk engine stopping: ${WHY[reason]}. Finishing the message in flight…\n`);
  setTimeout(() => {
    process.stderr.write(`Frontdesk engine: stopping took over ${STOP_GRACE_MS / 1000} s; exiting now.\n`);
    process.exit(1);
  }, STOP_GRACE_MS).unref();
}
