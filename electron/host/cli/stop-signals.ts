/** Why a long-running command stops. */
export type StopReason = 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'parent-gone';

/** What the stop wait needs from the process (tests pass a fake emitter). */
export interface SignalSource {
  once(signal: 'SIGINT' | 'SIGTERM' | 'SIGHUP', listener: () => void): unknown;
  removeListener(signal: 'SIGINT' | 'SIGTERM' | 'SIGHUP', listener: () => void): unknown;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Resolves on the first stop signal (or `other`), then listens on: a second signal while the engine is
 * still stopping calls `force` (the user or service manager insists; the database is crash-safe).
 */
export function waitForStop(
  source: SignalSource,
  other: Promise<StopReason>,
  force: (reason: StopReason) => void,
): { stopped: Promise<StopReason>; done(): void } {
  const listeners = new Map<(typeof SIGNALS)[number], () => void>();
  let first = true;
  let resolveStop!: (reason: StopReason) => void;
  const stopped = new Promise<StopReason>((resolve) => (resolveStop = resolve));
  const arm = (signal: (typeof SIGNALS)[number]): void => {
    const listener = (): void => {
      if (first) {
        first = false;
        resolveStop(signal);
        arm(signal); // listen for a second one
      } else {
        force(signal);
      }
    };
    listeners.set(signal, listener);
    source.once(signal, listener);
  };
  for (const signal of SIGNALS) arm(signal);
  void other.then((reason) => {
    if (!first) return;
    first = false;
    resolveStop(reason);
  });
  return {
    stopped,
    done: () => {
      for (const [signal, listener] of listeners) source.removeListener(signal, listener);
    },
  };
}
