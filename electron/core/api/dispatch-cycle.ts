import type { DispatchResult } from '../../../shared/domain/dto';
import { canWriteWithin, isBusyError, SCHEDULE_BUSY_REASON } from '../db/busy';
import type { Transports } from '../channels/channel';
import type { ControlStore } from '../control/control-store';
import type { WritableDB } from '../db/types';
import { pollDeliveryStatuses } from '../outbox/delivery';
import { type Dispatcher, emptyDispatchResult } from '../outbox/dispatcher';
import { pollReplies } from '../outbox/replies';
import type { Clock } from '../platform/clock';
import type { EngineEventBus } from '../platform/engine-events';
import type { Logger } from '../platform/logger';
import type { HeavyWork } from '../worker/heavy-work';

/** What one cycle uses; services pass their own deps (a leaf type, so services.ts and this file form no cycle). */
export interface DispatchCycleDeps {
  readonly db: WritableDB;
  readonly control: ControlStore;
  readonly heavy: Pick<HeavyWork, 'importing' | 'plan'>;
  readonly clock: Clock;
  readonly transports: Transports;
  readonly events: EngineEventBus;
  readonly dispatcher: Pick<Dispatcher, 'run'>;
  readonly logger: Logger;
}

/** How long a cycle may block its thread to find out whether the schedule is free. */
const SCHEDULE_PROBE_MS = 250;

/**
 * One full dispatcher cycle (docs/architecture.md#the-dispatch-cycle): poll replies and delivery statuses, plan, then expire,
 * reconcile and send. Replies come first so a "C" that arrived during downtime stops the call.
 * While an import holds the schedule's write lock nothing can be claimed: the cycle steps aside
 * at once instead of blocking the thread that answers the kill switch (docs/control.md).
 */
export async function runDispatchCycle(deps: DispatchCycleDeps): Promise<DispatchResult> {
  const busy = (): DispatchResult => {
    const pause = deps.control.pauseState();
    return { ...emptyDispatchResult(), paused: pause.paused, reason: pause.paused ? pause.reason : SCHEDULE_BUSY_REASON };
  };
  if (deps.heavy.importing() || !canWriteWithin(deps.db, SCHEDULE_PROBE_MS)) return busy();
  try {
    await pollReplies(deps);
    await pollDeliveryStatuses(deps);
    await deps.heavy.plan(deps.clock.now());
    const result = await deps.dispatcher.run();
    deps.events.emit({ type: 'changed', topics: ['outbox', 'contacts', 'status'] });
    return result;
  } catch (error) {
    // Nothing was lost: whatever could not be written is polled, planned or claimed again next cycle.
    if (isBusyError(error)) return busy();
    throw error;
  }
}
