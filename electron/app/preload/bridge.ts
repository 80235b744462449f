import type { FrontdeskBridge } from '../../../shared/api/bridge';
import { isCallName } from '../../../shared/api/contract';
import { isEventName } from '../../../shared/api/events';

/** The part of ipcRenderer the bridge needs (a fake in tests). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * Builds `window.frontdesk`: invoke and on for contract names only (checked at runtime, since the page
 * is untrusted), never the IPC event object, never ipcRenderer itself. No other logic.
 */
export function createBridge(ipc: IpcRendererLike): FrontdeskBridge {
  const bridge = {
    invoke(call: string, req: unknown, session?: unknown) {
      if (!isCallName(call)) {
        return Promise.resolve({ ok: false, error: { code: 'NOT_FOUND', message: `Unknown call ${String(call)}` } });
      }
      // The desk session (docs/staff.md#sessions) is a plain string or nothing; anything else is dropped.
      return typeof session === 'string' ? ipc.invoke(call, req, session) : ipc.invoke(call, req);
    },
    on(event: string, cb: (payload: unknown) => void) {
      if (!isEventName(event)) throw new Error(`Unknown event ${String(event)}`);
      if (typeof cb !== 'function') throw new Error('on() needs a callback');
      const listener = (_event: unknown, payload: unknown) => cb(payload);
      ipc.on(event, listener);
      return () => {
        ipc.removeListener(event, listener);
      };
    },
  };
  return bridge as FrontdeskBridge;
}
