import type { CallName, Req, Res } from '../../../shared/api/contract';
import type { EventName, EventPayload } from '../../../shared/api/events';
import type { Result } from '../../../shared/api/result';

/** Arguments after the call name: `req` is optional when the call takes no fields. */
export type ReqArgs<C extends CallName> = Record<string, never> extends Req<C> ? [req?: Req<C>] : [req: Req<C>];

/** The typed API components use (client.ts builds it over a Transport; fake-api.ts fakes it). */
export interface Api {
  invoke<C extends CallName>(call: C, ...args: ReqArgs<C>): Promise<Result<Res<C>>>;
  on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void;
  /** Who is at this desk: the session from `staff:sign-in`, sent with every later call (null: nobody). */
  setStaffSession?(session: string | null): void;
}

/** Untyped wire: the IPC bridge or HTTP. Never rejects; failures come back as Results. */
export interface Transport {
  invoke(call: CallName, req: unknown, session?: string): Promise<Result<unknown>>;
  on(event: EventName, cb: (payload: unknown) => void): () => void;
}
