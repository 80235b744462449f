import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, Result } from '../../../shared/api/result';

export type Resource<T> = Readonly<{
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
  /** Replaces the data with a fresher copy the caller already has (e.g. a command's answer). */
  replace: (data: T) => void;
}>;

/** The latest answer, and which request (key and reload count) it answers. */
type Loaded<T> = { data?: T; error?: ApiError; request?: string };

/**
 * Loads data with `load` whenever `key` changes (include topic versions in it for live updates).
 * Keeps the previous data while reloading, so the screen does not flash; late answers to an old
 * key are dropped. `loading` is derived (the answer held is not for the current request), so no
 * state is set while an effect starts.
 */
export function useResource<T>(load: () => Promise<Result<T>>, key: string): Resource<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({});
  const [nonce, setNonce] = useState(0);
  const request = `${nonce}|${key}`;
  // Read by the effect and by replace(), never during render: updated after each commit, before the load starts.
  const latest = useRef({ load, request });
  useEffect(() => {
    latest.current = { load, request };
  });
  useEffect(() => {
    let live = true;
    latest.current.load().then(
      (r) => {
        if (!live) return;
        setLoaded((s) => (r.ok ? { data: r.value, request } : { data: s.data, error: r.error, request }));
      },
      (e: unknown) => {
        if (!live) return;
        setLoaded((s) => ({ data: s.data, error: { code: 'INTERNAL', message: String(e) }, request }));
      },
    );
    return () => {
      live = false;
    };
  }, [request]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const replace = useCallback((data: T) => setLoaded({ data, request: latest.current.request }), []);
  return { data: loaded.data, error: loaded.error, loading: loaded.request !== request, reload, replace };
}
