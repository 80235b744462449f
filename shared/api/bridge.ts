import type { CallName, Req, Res } from './contract';
import type { EventName, EventPayload } from './events';
import type { Result } from './result';

/**
 * What the preload exposes as `window.frontdesk` (contextBridge). Holds no logic: unknown call or
 * event names are rejected at runtime, everything else is forwarded to the main process.
 */
export interface FrontdeskBridge {
  invoke<C extends CallName>(call: C, req: Req<C>): Promise<Result<Res<C>>>;
  on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void;
}
