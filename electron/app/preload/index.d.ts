import type { FrontdeskBridge } from '../../../shared/api/bridge';

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the renderer is served by the local web host. */
    frontdesk?: FrontdeskBridge;
  }
}

export {};
