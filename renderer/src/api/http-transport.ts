import { AnyResultSchema, type Result } from '../../../shared/api/result';
import type { EventName } from '../../../shared/api/events';
import type { Transport } from './types';

export const TOKEN_STORAGE_KEY = 'frontdesk-token';

/**
 * Reads the access token: from `?token=` once (then stored in sessionStorage and removed from the
 * address bar so it does not linger in history or screenshots), else from sessionStorage.
 */
export function takeToken(win: Window): string | null {
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    win.sessionStorage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    url.searchParams.delete('token');
    win.history.replaceState(win.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return win.sessionStorage.getItem(TOKEN_STORAGE_KEY);
}

/** Transport over the local web host: POST /api/<call name>, pushes via SSE at /api/events. */
export function createHttpTransport(
  opts: Readonly<{ win: Window; fetchFn?: typeof fetch; EventSourceCtor?: typeof EventSource }>,
): Transport {
  const { win } = opts;
  const fetchFn = opts.fetchFn ?? win.fetch.bind(win);
  const token = takeToken(win) ?? '';
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;

  function openSource(): EventSource | null {
    // Looked up lazily: jsdom and Node have no EventSource, and calls must still work there.
    const EventSourceCtor = opts.EventSourceCtor ?? (globalThis as { EventSource?: typeof EventSource }).EventSource;
    if (!EventSourceCtor) return null;
    const es = new EventSourceCtor(new URL(`/api/events?token=${encodeURIComponent(token)}`, win.location.href).href);
    for (const name of listeners.keys()) attach(es, name);
    return es;
  }
  function attach(es: EventSource, name: EventName): void {
    es.addEventListener(name, (msg) => {
      let payload: unknown;
      try {
        payload = JSON.parse((msg as MessageEvent<string>).data);
      } catch {
        return;
      }
      for (const cb of listeners.get(name) ?? []) cb(payload);
    });
  }

  return {
    async invoke(call, req, session): Promise<Result<unknown>> {
      const res = await fetchFn(new URL(`/api/${call}`, win.location.href).href, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          // Who is at this browser (docs/staff.md#sessions).
          ...(session ? { 'x-frontdesk-staff': session } : {}),
        },
        body: JSON.stringify(req),
      });
      const parsed = AnyResultSchema.safeParse(await res.json().catch(() => null));
      if (parsed.success) return parsed.data as Result<unknown>;
      return { ok: false, error: { code: 'UNAVAILABLE', message: `Unexpected answer from Frontdesk (HTTP ${res.status})` } };
    },
    on(event, cb) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
        if (source) attach(source, event);
      }
      set.add(cb);
      source ??= openSource();
      return () => {
        set.delete(cb);
        const total = [...listeners.values()].reduce((n, s) => n + s.size, 0);
        if (total === 0 && source) {
          source.close();
          source = null;
          listeners.clear();
        }
      };
    },
  };
}
