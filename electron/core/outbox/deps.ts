import type { ClinicSettings, DispatchResult } from '../../../shared/domain/dto';
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
  /** Send-ahead through Twilio Message Scheduling (docs/send-ahead.md); absent: none. */
  readonly sendAhead?: SendAheadStep;
}

/** What the dispatcher asks of send-ahead in each cycle (coverage/send-ahead/send-ahead.ts implements it). */
export interface SendAheadStep {
  /** Every cycle, paused or not: look up interrupted claims, cancel unwanted scheduled texts, follow the rest. */
  tidy(settings: ClinicSettings): Promise<void>;
  /** After the cycle's sends, not paused: schedule at-risk texts in the last hour before the desk goes off. */
  schedule(settings: ClinicSettings, result: DispatchResult): Promise<void>;
}
