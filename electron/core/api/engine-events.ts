import { EventEmitter } from 'node:events';
import type { PauseKind } from '../../../shared/domain/types';

export type ChangeTopic = 'status' | 'outbox' | 'schedule' | 'settings' | 'contacts';

/** Pushes from the engine to whoever shows it (tray, renderer via IPC or SSE). */
export type EngineEvent =
  | { readonly type: 'changed'; readonly topics: readonly ChangeTopic[] }
  | { readonly type: 'paused'; readonly kind: PauseKind; readonly reason: string }
  | { readonly type: 'resumed' }
  | {
      readonly type: 'attention';
      readonly kind: 'invalid_number' | 'call_unknown' | 'auth_failed' | 'breaker' | 'opted_out';
      readonly message: string;
    };

/** A tiny typed bus; one per engine (built in compose.ts, never a module singleton). */
export class EngineEventBus {
  private readonly emitter = new EventEmitter();
  emit(event: EngineEvent): void {
    this.emitter.emit('event', event);
  }
  /** Subscribes; returns the unsubscribe function. */
  on(listener: (event: EngineEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
