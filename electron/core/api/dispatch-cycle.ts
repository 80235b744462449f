import type { DispatchResult } from '../../../shared/domain/dto';
import { pollDeliveryStatuses } from '../outbox/delivery';
import { runPlanner } from '../outbox/planner';
import { pollReplies } from '../outbox/replies';
import type { ServiceDeps } from './services';

/**
 * One full dispatcher cycle (DESIGN §8): poll replies and delivery statuses, plan, then expire,
 * reconcile and send. Replies come first so a "C" that arrived during downtime stops the call.
 */
export async function runDispatchCycle(deps: ServiceDeps): Promise<DispatchResult> {
  const pollDeps = { db: deps.db, clock: deps.clock, transports: deps.transports, events: deps.events, logger: deps.logger };
  await pollReplies(pollDeps);
  await pollDeliveryStatuses(pollDeps);
  runPlanner(deps.db, deps.clock.now());
  const result = await deps.dispatcher.run();
  deps.events.emit({ type: 'changed', topics: ['outbox', 'contacts', 'status'] });
  return result;
}
