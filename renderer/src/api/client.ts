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
import type { Result } from '../../../shared/api/result';
import { createHttpTransport } from './http-transport';
import { createIpcTransport } from './ipc-transport';
import type { Api, Transport } from './types';

export type { Api, ReqArgs, Transport } from './types';

/** Wraps a transport in the typed Api; a transport that throws still yields a Result. */
export function createClient(transport: Transport): Api {
  let staffSession: string | null = null;
  return {
    async invoke(call, ...args) {
      try {
        return (await (staffSession === null
          ? transport.invoke(call, args[0] ?? {})
          : transport.invoke(call, args[0] ?? {}, staffSession))) as Result<never>;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { ok: false, error: { code: 'UNAVAILABLE', message: `Cannot reach Frontdesk: ${message}` } };
      }
    },
    on(event, cb) {
      return transport.on(event, cb as (payload: unknown) => void);
    },
    setStaffSession(session) {
      staffSession = session;
    },
  };
}

/** The real API for this page: IPC inside Electron, HTTP when served by the web host. */
export function createApi(win: Window = window): Api {
  return createClient(win.frontdesk ? createIpcTransport(win.frontdesk) : createHttpTransport({ win }));
}
