import { describe, expect, it } from 'vitest';
import { callNames } from '../../../../shared/api/contract';
import { createHandlers } from '../../../../electron/core/api/handlers';
import { registerIpc, type IpcEventLike, type IpcMainLike } from '../../../../electron/app/ipc/register';
import { isTrustedSender } from '../../../../electron/app/security';
import { createFakeServices } from '../../../helpers/host/fake-services';

const APP = 'app://frontdesk/index.html';

function fakeIpcMain() {
  const handlers = new Map<string, Parameters<IpcMainLike['handle']>[1]>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => void handlers.delete(channel),
  };
  const invoke = (channel: string, event: IpcEventLike, req: unknown) => {
    const h = handlers.get(channel);
    if (!h) throw new Error(`no handler for ${channel}`);
    return h(event, req);
  };
  return { ipcMain, handlers, invoke };
}

function setup() {
  const services = createFakeServices();
  const logs: string[] = [];
  const logger = { info() {}, warn: (m: string) => void logs.push(m), error: (m: string) => void logs.push(m) };
  const fake = fakeIpcMain();
  const unregister = registerIpc({
    ipcMain: fake.ipcMain,
    handlers: createHandlers(services, { actor: 'desk' }),
    logger,
    isTrustedSender: (frame) => isTrustedSender(frame, APP),
  });
  return { ...fake, services, logs, unregister };
}

const fromApp: IpcEventLike = { senderFrame: { url: APP, parent: null } };

describe('registerIpc', () => {
  it('registers exactly one handler per contract call and removes them all', () => {
    const { handlers, unregister } = setup();
    expect([...handlers.keys()].sort()).toEqual([...callNames].sort());
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('answers the app frame with a Result and records the desk as actor', async () => {
    const { invoke, services } = setup();
    expect(await invoke('engine:pause', fromApp, { reason: 'lunch' })).toMatchObject({ ok: true, value: { paused: true } });
    expect(services.calls).toContainEqual({ method: 'pause', input: { reason: 'lunch', actor: 'desk' } });
  });

  it('refuses frames that are not the app page, without calling the service', async () => {
    const { invoke, services, logs } = setup();
    for (const event of [
      { senderFrame: { url: 'https://evil.example/' } },
      { senderFrame: { url: APP, parent: { url: APP } } },
      { senderFrame: { url: 'file:///app/out/renderer/index.html', parent: null } },
      { senderFrame: null },
    ]) {
      expect(await invoke('engine:pause', event, {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    expect(services.calls).toEqual([]);
    expect(logs.length).toBe(4);
  });

  it('validates requests with zod and wraps failures as data', async () => {
    const { invoke } = setup();
    expect(await invoke('patients:fix-phone', fromApp, { patientId: 'x', phone: '1' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await invoke('appointments:confirm', fromApp, { appointment: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await invoke('appointments:cancel', fromApp, { appointment: 'A-1' })).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'Something went wrong. The details are in the log.' },
    });
    expect(await invoke('engine:get-status', fromApp, undefined)).toMatchObject({ ok: true });
  });
});
