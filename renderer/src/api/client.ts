/**
 * Typed client for the Frontdesk API (shared/api/contract.ts). Usage in components:
 *
 *   const api = useApi();                                   // from './ApiContext'
 *   const r = await api.invoke('schedule:get-day', { date: '2026-03-10' });
 *   if (r.ok) setRows(r.value); else showError(r.error.message);   // errors are data: {code, message}
 *   await api.invoke('engine:get-status');                  // calls with no arguments may omit req
 *   useEffect(() => api.on('engine:changed', ({ topics }) => refetch(topics)), [api]);   // returns unsubscribe
 *
 * `createApi()` picks the IPC transport when the Electron preload set `window.frontdesk`, else HTTP
 * (the local web host). Tests use `createFakeApi()` from './fake-api' inside <ApiProvider api={…}>.
 */
import type { Channel, Req, Res, Result } from '../../../shared/api/contract';
import type { EventName, EventPayload } from '../../../shared/api/events';
import { createHttpTransport } from './http-transport';
import { createIpcTransport } from './ipc-transport';

/** Arguments after the channel name: `req` is optional when the channel takes no fields. */
export type ReqArgs<C extends Channel> = Record<string, never> extends Req<C> ? [req?: Req<C>] : [req: Req<C>];

export interface Api {
  invoke<C extends Channel>(channel: C, ...args: ReqArgs<C>): Promise<Result<Res<C>>>;
  on<E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void): () => void;
}

/** Untyped wire: the IPC bridge or HTTP. Never rejects; failures come back as Results. */
export interface Transport {
  invoke(channel: Channel, req: unknown): Promise<Result<unknown>>;
  on(event: EventName, cb: (payload: unknown) => void): () => void;
}

/** Wraps a transport in the typed Api; a transport that throws still yields a Result. */
export function createClient(transport: Transport): Api {
  return {
    async invoke(channel, ...args) {
      try {
        return (await transport.invoke(channel, args[0] ?? {})) as Result<never>;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { ok: false, error: { code: 'UNAVAILABLE', message: `Cannot reach Frontdesk: ${message}` } };
      }
    },
    on(event, cb) {
      return transport.on(event, cb as (payload: unknown) => void);
    },
  };
}

/** The real API for this page: IPC inside Electron, HTTP when served by the web host. */
export function createApi(win: Window = window): Api {
  return createClient(win.frontdesk ? createIpcTransport(win.frontdesk) : createHttpTransport({ win }));
}
