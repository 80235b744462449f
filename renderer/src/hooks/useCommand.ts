import { useCallback, useState } from 'react';
import type { ApiError, Result } from '../../../shared/api/result';

export type Command<A extends unknown[], T> = Readonly<{
  run: (...args: A) => Promise<Result<T>>;
  busy: boolean;
  error: ApiError | undefined;
  clearError: () => void;
}>;

/** Wraps a call that changes something: tracks busy state and keeps the engine's error message to show. */
export function useCommand<A extends unknown[], T>(call: (...args: A) => Promise<Result<T>>): Command<A, T> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const run = useCallback(
    async (...args: A): Promise<Result<T>> => {
      setBusy(true);
      setError(undefined);
      try {
        const r = await call(...args);
        if (!r.ok) setError(r.error);
        return r;
      } catch (e) {
        const error: ApiError = { code: 'INTERNAL', message: String(e) };
        setError(error);
        return { ok: false, error };
      } finally {
        setBusy(false);
      }
    },
    [call],
  );
  const clearError = useCallback(() => setError(undefined), []);
  return { run, busy, error, clearError };
}
