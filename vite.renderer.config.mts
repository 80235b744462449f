// Renderer only (no Electron): what the web host serves and the browser e2e tests load.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  base: './', // relative asset URLs: work from file:// (Electron) and from the web host
  plugins: [react()],
  build: { outDir: resolve(import.meta.dirname, 'out/renderer'), emptyOutDir: true },
});
