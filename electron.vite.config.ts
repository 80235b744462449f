import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// Native and Node-only packages stay outside the main bundle (loaded from node_modules at run time;
// better-sqlite3's .node file is asar-unpacked by electron-builder).
const NODE_EXTERNALS = ['better-sqlite3', 'twilio', 'nodemailer', 'node-cron'];

export default defineConfig({
  main: {
    build: {
      outDir: resolve(__dirname, 'out/main'),
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/app/main.ts'),
          // The engine's worker thread (import, bulk planning), started from beside index.js (docs/control.md).
          'engine-worker': resolve(__dirname, 'electron/core/worker/engine-worker.ts'),
        },
        external: NODE_EXTERNALS,
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(__dirname, 'out/preload'),
      // A sandboxed preload cannot require() node_modules: bundle zod and shared/ into one CJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/app/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
