import type { PauseKind } from '../../../shared/domain/types';

export type ChangeTopic = 'status' | 'outbox' | 'schedule' | 'settings' | 'contacts' | 'inbox';

/** Pushes from the engine to whoever shows it (tray, renderer via IPC or SSE). */
export type EngineEvent =
  | { readonly type: 'changed'; readonly topics: readonly ChangeTopic[] }
  | { readonly type: 'paused'; readonly kind: PauseKind; readonly reason: string }
  | { readonly type: 'resumed' }
  | {
      readonly type: 'attention';
      readonly kind:
        | 'invalid_number'
        | 'call_unknown'
        | 'auth_failed'
        | 'breaker'
        | 'opted_out'
        // Schedule sources (docs/schedule-sources.md): no export for longer than usual, a full export held
        // for review, a file that could not be read.
        | 'schedule_stale'
        | 'schedule_held'
        | 'schedule_refused'
        // Send-ahead (docs/send-ahead.md): a text scheduled at Twilio that a stop path could not cancel.
        | 'send_ahead_not_cancelled'
        // Desk off (docs/coverage.md): no dispatch cycle for 5 minutes while reminders are due; reminders at risk
        // an hour before the desk's usual end of day.
        | 'sender_down'
        | 'coverage_at_risk';
      readonly message: string;
    };

type Listener = (event: EngineEvent) => void;

/**
 * A tiny typed bus; one per engine (built in compose.ts, never a module singleton).
 * A plain set rather than an EventEmitter: every browser tab on the web host holds one listener,
 * and EventEmitter's "possible memory leak" warning at 11 listeners is noise here. Leaks are
 * guarded instead by every subscriber unsubscribing (tested with 50 SSE clients).
 */
export class EngineEventBus {
  private readonly listeners = new Set<Listener>();

  /** Delivers to every listener; one that throws does not keep the event from the others. */
  emit(event: EngineEvent): void {
    let firstError: unknown;
    let failed = false;
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        if (!failed) firstError = error;
        failed = true;
      }
    }
    if (failed) throw firstError;
  }

  /** Subscribes; returns the unsubscribe function (safe to call twice). */
  on(listener: Listener): () => void {
    // Wrapped so the same function subscribed twice gets two independent subscriptions.
    const entry: Listener = (event) => listener(event);
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  /** How many subscribers there are (for leak checks). */
  listenerCount(): number {
    return this.listeners.size;
  }
}
