import type { Channel } from '../../../../shared/domain/types';
import type { Transports } from '../../channels/channel';
import type { ControlStore } from '../../control/control-store';
import type { ReadableDB, WritableDB } from '../../db/types';
import type { Clock } from '../../platform/clock';
import type { EngineEventBus } from '../../platform/engine-events';
import type { Logger } from '../../platform/logger';

/**
 * The shapes send-ahead needs from coverage (desk hours and the at-risk list, electron/core/coverage). A leaf of
 * types only: coverage implements them, send-ahead is handed an instance, so neither imports the other.
 */
export interface DeskCalendar {
  /** The start of the next expected off period at or after `nowMs`; null when none is expected. */
  nextOffStartMs(nowMs: number): number | null;
  isDeskTime(ms: number): boolean;
}

/** A planned reminder whose whole send window falls in expected off time (docs/send-ahead.md). */
export interface AtRiskReminder {
  readonly outboxId: number;
  readonly appointmentId: string;
  readonly channel: Channel;
  readonly dueAtMs: number;
  readonly windowEndMs: number;
  readonly reason: string;
}

/** Coverage as send-ahead sees it: today's desk calendar, and the reminders at risk within a horizon. */
export interface CoverageSource {
  deskCalendar(db: ReadableDB, nowMs: number): DeskCalendar;
  /** The calendar when the app quits at `nowMs`: off from now until the desk's next period. */
  quitCalendar(db: ReadableDB, nowMs: number): DeskCalendar;
  listAtRisk(db: ReadableDB, input: { nowMs: number; horizonMs: number; desk: DeskCalendar }): AtRiskReminder[];
}

/** What send-ahead is built with; the dispatcher's own deps plus coverage. */
export interface SendAheadDeps {
  readonly db: WritableDB;
  readonly control: ControlStore;
  readonly clock: Clock;
  readonly transports: Transports;
  readonly events: EngineEventBus;
  readonly logger: Logger;
  /** Absent: nothing is scheduled ahead (cancelling what was scheduled still runs). */
  readonly coverage?: CoverageSource;
}
