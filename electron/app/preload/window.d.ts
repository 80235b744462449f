import type { FrontdeskBridge } from '../../../shared/api/bridge';

// `window.frontdesk` for the renderer (tsconfig.web.json lists this file) and for the Electron tests
// (tsconfig.node.json includes electron/**). Not named index.d.ts: beside index.ts, that name would be ignored.

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the renderer is served by the local web host. */
    frontdesk?: FrontdeskBridge;
  }
}

export {};
