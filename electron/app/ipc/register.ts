import { callNames } from '../../../shared/api/contract';
import type { Result } from '../../../shared/api/result';
import { invokeChannel, type Handlers } from '../../core/api/handlers';
import type { Logger } from '../../core/platform/logger';

/** The part of an IpcMainInvokeEvent we look at (a fake in tests). */
export type IpcEventLike = Readonly<{ senderFrame: { url: string; parent?: unknown } | null | undefined }>;

/** The part of ipcMain we use (a fake in tests). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => Promise<Result<unknown>>): void;
  removeHandler(channel: string): void;
}

export type RegisterIpcOptions = Readonly<{
  ipcMain: IpcMainLike;
  /** Fixed handlers, or built per call from the desk session the window sent (docs/staff.md#sessions). */
  handlers: Handlers | ((session: string | undefined) => Handlers);
  logger: Logger;
  /** Checklist 17: is this frame the app's own page? (security.isTrustedSender bound to the app URL) */
  isTrustedSender: (frame: IpcEventLike['senderFrame']) => boolean;
}>;

/**
 * One ipcMain.handle per contract call (its IPC channel is the call name): sender-frame check, then the shared funnel (zod
 * validation, handler call, Result wrap). Returns a function that removes them all.
 */
export function registerIpc(opts: RegisterIpcOptions): () => void {
  const { ipcMain, handlers, logger, isTrustedSender } = opts;
  for (const call of callNames) {
    ipcMain.handle(call, async (event, req, session) => {
      if (!isTrustedSender(event.senderFrame)) {
        logger.warn('ipc call from an untrusted frame refused', { call, url: event.senderFrame?.url ?? null });
        return { ok: false, error: { code: 'UNAUTHORIZED', message: 'This page may not use the Frontdesk API.' } };
      }
      const forCall = typeof handlers === 'function' ? handlers(typeof session === 'string' ? session : undefined) : handlers;
      return invokeChannel(forCall, call, req, logger);
    });
  }
  return () => {
    for (const call of callNames) ipcMain.removeHandler(call);
  };
}
