import { contextBridge, ipcRenderer } from 'electron';
import type { FrontdeskBridge } from '../../../shared/api/bridge';
import { createBridge } from './bridge';

// Sandboxed preload: exposes only the allowlisted bridge (see bridge.ts), never ipcRenderer.
contextBridge.exposeInMainWorld('frontdesk', createBridge(ipcRenderer) satisfies FrontdeskBridge);
