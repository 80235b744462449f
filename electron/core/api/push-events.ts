import type { PushEvent } from '../../../shared/api/events';
import { assertNever } from '../platform/errors';
import type { EngineEvent } from '../platform/engine-events';

/**
 * Where the shells subscribe to engine events (the engine's EngineEventBus, a fake in tests): the IPC
 * forwarder and the web host's Server-Sent Events both take one. Returns the unsubscribe function.
 */
export type EngineEventSource = Readonly<{ on(listener: (event: EngineEvent) => void): () => void }>;

/** Translates an engine event into the push the renderer receives (shared/api/events.ts). */
export function toPushEvent(event: EngineEvent): PushEvent {
  switch (event.type) {
    case 'changed':
      return { name: 'engine:changed', payload: { topics: [...event.topics] } };
    case 'paused':
      return { name: 'engine:paused', payload: { kind: event.kind, reason: event.reason } };
    case 'resumed':
      return { name: 'engine:resumed', payload: {} };
    case 'attention':
      return { name: 'engine:attention', payload: { kind: event.kind, message: event.message } };
    default:
      return assertNever(event);
  }
}
