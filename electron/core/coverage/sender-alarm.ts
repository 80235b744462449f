import { countPendingDueSince } from '../db/repos/coverage-repo';
import { lastHeartbeatAt } from '../db/repos/heartbeats-repo';
import type { ReadableDB } from '../db/types';
import { MINUTE_MS } from '../platform/clock';

/** No dispatch cycle for this long while reminders are due raises "the sender is down". */
export const SENDER_DOWN_AFTER_MS = 5 * MINUTE_MS;

export interface SenderDown {
  /** The last dispatch cycle any process ran on this schedule. */
  readonly lastCycleAt: number;
  /** Reminders due since then and still not sent. */
  readonly due: number;
}

/**
 * "The sender is down" (docs/coverage.md#the-sender-is-down): no dispatch cycle, in any process, for 5 minutes
 * while reminders are due. Computed from the heartbeats every cycle writes; null when all is well.
 */
export function senderDownAlarm(db: ReadableDB, now: number): SenderDown | null {
  const last = lastHeartbeatAt(db, now);
  // A schedule no engine ever sent from has no sender to be down (a file being set up, a viewer); every engine
  // runs a cycle as it starts, so from then on the alarm holds.
  if (last === undefined || now - last < SENDER_DOWN_AFTER_MS) return null;
  const due = countPendingDueSince(db, last, now);
  return due > 0 ? { lastCycleAt: last, due } : null;
}
