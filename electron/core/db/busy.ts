import type { ReadableDB, WritableDB } from './types';

/**
 * Living next to a long writer (docs/control.md): an import holds the schedule's write lock for its
 * whole all-or-nothing transaction, possibly a minute. better-sqlite3 waits for a lock synchronously,
 * so a long-running engine never waits long in one go: it tries briefly and yields between tries.
 */

/** Why a dispatch cycle stepped aside. */
export const SCHEDULE_BUSY_REASON = 'the schedule is busy (an import or a planning run is writing it); sending waits for the next cycle';

/** SQLITE_BUSY and its extended codes: another connection holds the lock. */
export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** Runs a synchronous `fn` with this connection's busy timeout set to `ms`, then restores it. */
export function withBusyTimeout<T>(db: ReadableDB, ms: number, fn: () => T): T {
  const before = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(ms))}`);
  try {
    return fn();
  } finally {
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(before))}`);
  }
}

/** Could this connection take the schedule's write lock within `ms`? (Takes and drops it at once.) */
export function canWriteWithin(db: WritableDB, ms: number): boolean {
  if (db.inTransaction) return true;
  try {
    withBusyTimeout(db, ms, () => db.exec('BEGIN IMMEDIATE'));
  } catch (error) {
    if (isBusyError(error)) return false;
    throw error;
  }
  db.exec('ROLLBACK');
  return true;
}

export interface WaitOptions {
  /** How long one try may block the event loop. */
  readonly attemptMs?: number;
  /** Pause between tries (real time: the event loop serves others meanwhile). */
  readonly pauseMs?: number;
  /** Give up (throw the busy error) after about this long. */
  readonly maxWaitMs?: number;
  /** Called between tries (e.g. to renew the sender lease while waiting). */
  readonly onWait?: () => void;
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a synchronous write (its own transaction) as soon as the lock is free, trying for at most
 * `attemptMs` at a time and yielding between tries. For writes that must not be lost, such as a
 * provider's answer: dropped, it would turn a sent message into an `unknown` one.
 */
export async function writeWhenFree<T>(db: WritableDB, write: () => T, options: WaitOptions = {}): Promise<T> {
  const attemptMs = options.attemptMs ?? 50;
  const pauseMs = options.pauseMs ?? 100;
  const tries = Math.max(1, Math.ceil((options.maxWaitMs ?? 30 * 60_000) / (attemptMs + pauseMs)));
  for (let attempt = 1; ; attempt += 1) {
    try {
      return withBusyTimeout(db, attemptMs, write);
    } catch (error) {
      if (!isBusyError(error) || attempt >= tries) throw error;
    }
    options.onWait?.();
    await wait(pauseMs);
  }
}
