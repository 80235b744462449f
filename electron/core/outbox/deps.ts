import type { Transports } from '../channels/channel';
import type { ControlStore } from '../control/control-store';
import type { WritableDB } from '../db/types';
import type { Clock } from '../platform/clock';
import type { EngineEventBus } from '../platform/engine-events';
import type { Logger } from '../platform/logger';

/**
 * What the dispatcher is built with. A leaf of types only: the dispatcher's steps (claim, record-result,
 * reconcile) pick the fields they use from here, never from dispatcher.ts, so no outbox module imports
 * the module that calls it.
 */
export interface DispatcherDeps {
  readonly db: WritableDB;
  /** The kill switch, breaker review and sender lease (docs/control.md). */
  readonly control: ControlStore;
  readonly clock: Clock;
  readonly transports: Transports;
  readonly events: EngineEventBus;
  readonly logger: Logger;
  /** Real pacing between provider calls (Twilio 1 call/s); tests pass a no-op. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1) for retry jitter; default platform/ids `randomUnit`, tests pass a fixed one. */
  readonly random?: () => number;
}
