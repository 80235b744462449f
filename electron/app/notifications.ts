import { Notification } from 'electron';
import type { EngineEvent } from '../core/api/engine-events';
import { assertNever } from '../core/platform/errors';

export type NotificationSpec = Readonly<{ title: string; body: string; urgency: 'normal' | 'critical' }>;

/**
 * Whether an engine event deserves an OS notification. Only things a human must act on: the engine
 * stopping itself (breaker, bad configuration), an invalid number, a call whose outcome is unknown,
 * failed credentials. A pause the user clicked, routine changes and opt-outs stay quiet.
 */
export function notificationFor(event: EngineEvent): NotificationSpec | null {
  switch (event.type) {
    case 'changed':
    case 'resumed':
      return null;
    case 'paused':
      if (event.kind === 'manual') return null;
      return {
        title: event.kind === 'breaker' ? 'Sending paused: safety breaker tripped' : 'Sending paused itself',
        body: `${event.reason} Nothing will be sent until someone reviews and resumes.`,
        urgency: 'critical',
      };
    case 'attention': {
      const { kind, message } = event;
      switch (kind) {
        case 'invalid_number':
          return { title: 'Invalid phone number', body: message, urgency: 'normal' };
        case 'call_unknown':
          return { title: 'Call outcome unknown', body: `${message} It will not be retried automatically.`, urgency: 'normal' };
        case 'auth_failed':
          return { title: 'Messaging provider rejected our credentials', body: message, urgency: 'critical' };
        case 'breaker':
          return { title: 'Safety breaker tripped', body: message, urgency: 'critical' };
        case 'opted_out':
          return null;
        default:
          return assertNever(kind);
      }
    }
    default:
      return assertNever(event);
  }
}

/** Drops a notification identical to one shown within `quietMs` (a burst of the same problem is one alert). */
export function createNotifier(show: (spec: NotificationSpec) => void, now: () => number, quietMs = 60_000) {
  const lastShown = new Map<string, number>();
  return (event: EngineEvent): void => {
    const spec = notificationFor(event);
    if (!spec) return;
    const key = `${spec.title}\n${spec.body}`;
    const last = lastShown.get(key);
    if (last !== undefined && now() - last < quietMs) return;
    lastShown.set(key, now());
    show(spec);
  };
}

/** Shows OS notifications for engine events; clicking one opens the window. Returns unsubscribe. */
export function setupNotifications(
  events: Readonly<{ on(listener: (event: EngineEvent) => void): () => void }>,
  deps: Readonly<{ now: () => number; onClick: () => void }>,
): () => void {
  if (!Notification.isSupported()) return () => {};
  const notify = createNotifier((spec) => {
    const n = new Notification({ title: spec.title, body: spec.body, urgency: spec.urgency });
    n.on('click', deps.onClick);
    n.show();
  }, deps.now);
  return events.on(notify);
}
