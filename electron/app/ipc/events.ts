import { isEventName } from '../../../shared/api/events';
import type { EngineEvent } from '../../core/platform/engine-events';
import { toPushEvent } from '../../core/api/handlers';

export type PushTarget = Readonly<{ isDestroyed(): boolean; send(channel: string, payload: unknown): void }>;
export type EventSourceLike = Readonly<{ on(listener: (event: EngineEvent) => void): () => void }>;

/**
 * Forwards engine events to a window's webContents on allowlisted names only (shared/api/events.ts).
 * A push sent before the page loaded is lost on purpose: the page fetches fresh state when it mounts.
 */
export function forwardEvents(events: EventSourceLike, target: () => PushTarget | null): () => void {
  return events.on((event) => {
    const push = toPushEvent(event);
    const contents = target();
    if (!contents || contents.isDestroyed() || !isEventName(push.name)) return;
    contents.send(push.name, push.payload);
  });
}
