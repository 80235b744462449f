import { describe, expect, it, vi } from 'vitest';
import { createBridge, type IpcRendererLike } from '../../../../electron/app/preload/bridge';

function fakeIpcRenderer() {
  const listeners = new Map<string, Set<(e: unknown, ...a: unknown[]) => void>>();
  const ipc: IpcRendererLike = {
    invoke: vi.fn(async (channel: string, req: unknown) => ({ ok: true, value: { channel, req } })),
    on: (c, l) => listeners.set(c, (listeners.get(c) ?? new Set()).add(l)),
    removeListener: (c, l) => listeners.get(c)?.delete(l),
  };
  const emit = (c: string, payload: unknown) => listeners.get(c)?.forEach((l) => l({ sender: 'secret ipc event' }, payload));
  return { ipc, emit, listeners };
}

describe('preload bridge', () => {
  it('forwards contract channels to ipcRenderer.invoke', async () => {
    const { ipc } = fakeIpcRenderer();
    const bridge = createBridge(ipc);
    expect(await bridge.invoke('engine:pause', { reason: 'x' })).toEqual({
      ok: true,
      value: { channel: 'engine:pause', req: { reason: 'x' } },
    });
  });

  it('refuses unknown channel names at runtime without touching IPC', async () => {
    const { ipc } = fakeIpcRenderer();
    const bridge = createBridge(ipc) as unknown as {
      invoke(c: string, r: unknown): Promise<unknown>;
      on(e: string, cb: () => void): unknown;
    };
    expect(await bridge.invoke('ELECTRON_BROWSER_REQUIRE', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await bridge.invoke('__proto__', {})).toMatchObject({ ok: false });
    expect(ipc.invoke).not.toHaveBeenCalled();
    expect(() => bridge.on('ipc-secret', () => {})).toThrow('Unknown event');
  });

  it('delivers only the payload of allowlisted events and unsubscribes', () => {
    const { ipc, emit, listeners } = fakeIpcRenderer();
    const cb = vi.fn();
    const off = createBridge(ipc).on('engine:changed', cb);
    emit('engine:changed', { topics: ['status'] });
    expect(cb).toHaveBeenCalledWith({ topics: ['status'] });
    expect(cb.mock.calls[0]).toHaveLength(1);
    off();
    expect(listeners.get('engine:changed')?.size).toBe(0);
  });
});
