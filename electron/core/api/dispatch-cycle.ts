import type { DispatchResult } from '../../../shared/domain/dto';
import { canWriteWithin, isBusyError, SCHEDULE_BUSY_REASON } from '../db/busy';
import { pollDeliveryStatuses } from '../outbox/delivery';
import { emptyDispatchResult } from '../outbox/dispatcher';
import { pollReplies } from '../outbox/replies';
import type { ServiceDeps } from './services';

/** How long a cycle may block its thread to find out whether the schedule is free. */
const SCHEDULE_PROBE_MS = 250;

/**
 * One full dispatcher cycle (docs/architecture.md#the-dispatch-cycle): poll replies and delivery statuses, plan, then expire,
 * reconcile and send. Replies come first so a "C" that arrived during downtime stops the call.
 * While an import holds the schedule's write lock nothing can be claimed: the cycle steps aside
 * at once instead of blocking the thread that answers the kill switch (docs/control.md).
 */
export async function runDispatchCycle(deps: ServiceDeps): Promise<DispatchResult> {
  const busy = (): DispatchResult => {
    const pause = deps.control.pauseState();
    return { ...emptyDispatchResult(), paused: pause.paused, reason: pause.paused ? pause.reason : SCHEDULE_BUSY_REASON };
  };
  if (deps.heavy.importing() || !canWriteWithin(deps.db, SCHEDULE_PROBE_MS)) return busy();
  try {
    const pollDeps = {
      db: deps.db,
      control: deps.control,
      clock: deps.clock,
      transports: deps.transports,
      events: deps.events,
      logger: deps.logger,
    };
    await pollReplies(pollDeps);
    await pollDeliveryStatuses(pollDeps);
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
