import type { CallName, Req, Res } from './contract';
import type { EventName, EventPayload } from './events';
import type { Result } from './result';

/**
 * What the preload exposes as `window.frontdesk` (contextBridge). Holds no logic: unknown call or
 * event names are rejected at runtime, everything else is forwarded to the main process.
 */
export interface FrontdeskBridge {
  /** `session`: the desk session from `staff:sign-in`, so the engine knows who is at this window. */
  invoke<C extends CallName>(call: C, req: Req<C>, session?: string): Promise<Result<Res<C>>>;
  on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void;
}
