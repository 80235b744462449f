import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ApiError } from '../../../../shared/api/result';
import type { EventPayload } from '../../../../shared/api/events';
import { ApiProvider, useApi } from '../../api/ApiContext';
import type { Api } from '../../api/client';

/** How often a connected desk checks the engine is still there, and a lost one retries (ms). */
export const HEARTBEAT_MS = 5_000;
export const RETRY_MS = 3_000;

export type Connection =
  | { readonly kind: 'connected' }
  | { readonly kind: 'lost'; readonly why: 'unauthorized' | 'unreachable'; readonly message: string; readonly retryAt: number };

type ConnectionValue = Readonly<{ connection: Connection; retryNow: () => void }>;
const ConnectionContext = createContext<ConnectionValue>({ connection: { kind: 'connected' }, retryNow: () => {} });

/** A failure that says the engine cannot be reached (or refuses this page), not that one call was refused. */
function isConnectionError(e: ApiError): boolean {
  return (
    e.code === 'UNAUTHORIZED' || (e.code === 'UNAVAILABLE' && /^(Cannot reach Frontdesk|Unexpected answer from Frontdesk)/.test(e.message))
  );
}

function lost(e: ApiError, now: number): Connection {
  return { kind: 'lost', why: e.code === 'UNAUTHORIZED' ? 'unauthorized' : 'unreachable', message: e.message, retryAt: now + RETRY_MS };
}

/**
 * Watches the link to the engine (docs/desk-ui.md#connection): every call's answer, plus a status check every
 * few seconds. A wrong token or a stopped engine shows at once and is retried; when the link comes back every
 * screen reloads (a synthetic `engine:changed` for all topics). Screens below get the watched Api.
 */
export function ConnectionProvider({ children }: Readonly<{ children: ReactNode }>) {
  const api = useApi();
  const [connection, setConnection] = useState<Connection>({ kind: 'connected' });
  const changedListeners = useRef(new Set<(p: EventPayload<'engine:changed'>) => void>());
  const note = useCallback((r: { ok: boolean; error?: ApiError }) => {
    if (r.ok) {
      setConnection((c) => {
        if (c.kind === 'connected') return c;
        // Back: everything on screen may be stale.
        queueMicrotask(() => {
          for (const cb of changedListeners.current) cb({ topics: ['status', 'outbox', 'schedule', 'settings', 'contacts'] });
        });
        return { kind: 'connected' };
      });
    } else if (r.error && isConnectionError(r.error)) {
      const e = r.error;
      setConnection(() => lost(e, Date.now()));
    }
  }, []);
  const watched = useMemo<Api>(
    () => ({
      async invoke(call, ...args) {
        const r = await api.invoke(call, ...args);
        note(r);
        return r;
      },
      on(event, cb) {
        const off = api.on(event, cb);
        if (event !== 'engine:changed') return off;
        const listener = cb as (p: EventPayload<'engine:changed'>) => void;
        changedListeners.current.add(listener);
        return () => {
          changedListeners.current.delete(listener);
          off();
        };
      },
      // The desk's staff session goes with every call (docs/staff.md): passed through to the transport.
      setStaffSession(session) {
        api.setStaffSession?.(session);
      },
    }),
    [api, note],
  );
  const probe = useCallback(() => void watched.invoke('engine:get-status', {}), [watched]);
  useEffect(() => {
    const id = setTimeout(probe, connection.kind === 'connected' ? HEARTBEAT_MS : Math.max(0, connection.retryAt - Date.now()));
    return () => clearTimeout(id);
  }, [connection, probe]);
  const value = useMemo(() => ({ connection, retryNow: probe }), [connection, probe]);
  return (
    <ConnectionContext.Provider value={value}>
      <ApiProvider api={watched}>{children}</ApiProvider>
    </ConnectionContext.Provider>
  );
}

/** The link to the engine, and a way to retry at once. */
export function useConnection(): ConnectionValue {
  return useContext(ConnectionContext);
}

/** Why controls that talk to the engine cannot work now, or null when they can (shown beside them). */
export function useOfflineReason(): string | null {
  const { connection } = useConnection();
  if (connection.kind === 'connected') return null;
  return connection.why === 'unauthorized' ? 'Not signed in to Frontdesk (wrong access token)' : 'Frontdesk is not answering';
}

/** The banner that says the screen is not live, with a countdown to the next retry. */
export function ConnectionBanner() {
  const { connection, retryNow } = useConnection();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (connection.kind === 'connected') return;
    const id = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(id);
  }, [connection]);
  if (connection.kind === 'connected') return null;
  const seconds = Math.max(0, Math.ceil((connection.retryAt - now) / 1_000));
  return (
    <div id="connection-banner" className="banner banner-offline" role="alert">
      <strong>
        {connection.why === 'unauthorized'
          ? 'Not connected: this page’s access token was refused.'
          : 'Not connected: Frontdesk’s engine is not answering.'}
      </strong>{' '}
      <span>
        {connection.why === 'unauthorized'
          ? 'Open the address printed by `frontdesk serve` again. '
          : 'What you see may be out of date and nothing can be changed. '}
        Retrying {seconds > 0 ? `in ${seconds} s` : 'now'}.
      </span>{' '}
      <button type="button" className="btn" onClick={retryNow}>
        Retry now
      </button>
    </div>
  );
}
