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

/**
 * Loads data with `load` whenever `key` changes (include topic versions in it for live updates).
 * Keeps the previous data while reloading, so the screen does not flash; late answers to an old
 * key are dropped.
 */
export function useResource<T>(load: () => Promise<Result<T>>, key: string): Resource<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({ loading: true });
  const [nonce, setNonce] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    loadRef.current().then(
      (r) => {
        if (!live) return;
        setState((s) => (r.ok ? { data: r.value, loading: false } : { data: s.data, error: r.error, loading: false }));
      },
      (e: unknown) => {
        if (!live) return;
        setState((s) => ({ data: s.data, error: { code: 'INTERNAL', message: String(e) }, loading: false }));
      },
    );
    return () => {
      live = false;
    };
  }, [key, nonce]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const replace = useCallback((data: T) => setState({ data, loading: false }), []);
  return { data: state.data, error: state.error, loading: state.loading, reload, replace };
}
