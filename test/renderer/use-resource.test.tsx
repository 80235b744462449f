// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, renderHook } from '@testing-library/react';
import type { Result } from '../../shared/api/result';
import { useResource } from '../../renderer/src/hooks/useResource';

afterEach(cleanup);

/** A load function whose answers the test releases by hand, in any order. */
function manualLoads<T>() {
  const pending: Array<{ key: string; resolve: (r: Result<T>) => void; reject: (e: unknown) => void }> = [];
  const loaderFor = (key: string) => () =>
    new Promise<Result<T>>((resolve, reject) => {
      pending.push({ key, resolve, reject });
    });
  const answer = async (key: string, r: Result<T>) => {
    const i = pending.findIndex((p) => p.key === key);
    const [p] = pending.splice(i, 1);
    await act(async () => p!.resolve(r));
  };
  const fail = async (key: string, e: unknown) => {
    const i = pending.findIndex((p) => p.key === key);
    const [p] = pending.splice(i, 1);
    await act(async () => p!.reject(e));
  };
  return { pending, loaderFor, answer, fail };
}

describe('useResource', () => {
  it('is loading until the first answer, then holds it', async () => {
    const loads = manualLoads<string>();
    const { result } = renderHook(() => useResource(loads.loaderFor('a'), 'a'));
    expect(result.current).toMatchObject({ data: undefined, error: undefined, loading: true });
    await loads.answer('a', { ok: true, value: 'A' });
    expect(result.current).toMatchObject({ data: 'A', error: undefined, loading: false });
  });

  it('keeps the previous data while a new key loads, and drops a late answer to the old key', async () => {
    const loads = manualLoads<string>();
    const { result, rerender } = renderHook(({ k }) => useResource(loads.loaderFor(k), k), { initialProps: { k: 'a' } });
    await loads.answer('a', { ok: true, value: 'A' });
    rerender({ k: 'b' });
    expect(result.current).toMatchObject({ data: 'A', loading: true });
    rerender({ k: 'c' });
    await loads.answer('c', { ok: true, value: 'C' });
    expect(result.current).toMatchObject({ data: 'C', loading: false });
    await loads.answer('b', { ok: true, value: 'B (late)' });
    expect(result.current).toMatchObject({ data: 'C', loading: false });
  });

  it('keeps the data on an error answer or a rejected load, and shows the error', async () => {
    const loads = manualLoads<string>();
    const { result, rerender } = renderHook(({ k }) => useResource(loads.loaderFor(k), k), { initialProps: { k: 'a' } });
    await loads.answer('a', { ok: true, value: 'A' });
    rerender({ k: 'b' });
    await loads.answer('b', { ok: false, error: { code: 'UNAVAILABLE', message: 'offline' } });
    expect(result.current).toMatchObject({ data: 'A', error: { code: 'UNAVAILABLE', message: 'offline' }, loading: false });
    rerender({ k: 'c' });
    await loads.fail('c', new Error('boom'));
    expect(result.current).toMatchObject({ data: 'A', error: { code: 'INTERNAL', message: 'Error: boom' }, loading: false });
  });

  it('reloads with the latest load function, and replace() shows fresher data at once', async () => {
    const loads = manualLoads<string>();
    const { result, rerender } = renderHook(({ fn }) => useResource(loads.loaderFor(fn), 'same key'), { initialProps: { fn: 'first' } });
    await loads.answer('first', { ok: true, value: 'one' });
    rerender({ fn: 'second' });
    expect(loads.pending).toHaveLength(0); // same key: no new load
    act(() => result.current.reload());
    expect(result.current.loading).toBe(true);
    expect(loads.pending.map((p) => p.key)).toEqual(['second']);
    act(() => result.current.replace('fresh'));
    expect(result.current).toMatchObject({ data: 'fresh', loading: false });
    await loads.answer('second', { ok: true, value: 'two' });
    expect(result.current).toMatchObject({ data: 'two', loading: false });
  });
});
