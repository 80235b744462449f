import { z } from 'zod';
import { PauseKindSchema } from '../domain/types';

export const ChangeTopicSchema = z.enum(['status', 'outbox', 'schedule', 'settings', 'contacts', 'inbox']);
export type ChangeTopic = z.infer<typeof ChangeTopicSchema>;

export const AttentionKindSchema = z.enum([
  'invalid_number',
  'call_unknown',
  'auth_failed',
  'breaker',
  'opted_out',
  'schedule_stale',
  'schedule_held',
  'schedule_refused',
  'send_ahead_not_cancelled',
  'sender_down',
  'coverage_at_risk',
]);
export type AttentionKind = z.infer<typeof AttentionKindSchema>;

/**
 * Pushes from the engine to the renderer (IPC webContents.send or SSE). Payloads are data only;
 * on `engine:changed` the renderer refetches the topics it shows.
 */
export const events = {
  'engine:changed': z.object({ topics: z.array(ChangeTopicSchema) }),
  'engine:paused': z.object({ kind: PauseKindSchema, reason: z.string() }),
  'engine:resumed': z.object({}),
  'engine:attention': z.object({ kind: AttentionKindSchema, message: z.string() }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
/** One push as it travels over a transport. */
export type PushEvent = { [E in EventName]: { name: E; payload: EventPayload<E> } }[EventName];

export const eventNames = Object.keys(events) as EventName[];

/** Runtime check of an untrusted event name. */
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
