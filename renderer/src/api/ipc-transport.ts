import type { FrontdeskBridge } from '../../../shared/api/bridge';
import type { Transport } from './types';

/** Transport over the Electron preload bridge (`window.frontdesk`); the client already checked the types. */
export function createIpcTransport(bridge: FrontdeskBridge): Transport {
  const untyped = bridge as unknown as Transport;
  return {
    invoke: (call, req, session) => (session === undefined ? untyped.invoke(call, req) : untyped.invoke(call, req, session)),
    on: (event, cb) => untyped.on(event, cb),
  };
}
