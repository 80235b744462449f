import type { FrontdeskBridge } from '../../../shared/api/bridge';
import type { Transport } from './client';

/** Transport over the Electron preload bridge (`window.frontdesk`); the client already checked the types. */
export function createIpcTransport(bridge: FrontdeskBridge): Transport {
  const untyped = bridge as unknown as Transport;
  return {
    invoke: (channel, req) => untyped.invoke(channel, req),
    on: (event, cb) => untyped.on(event, cb),
  };
}
