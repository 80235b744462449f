#!/usr/bin/env node
// Builds the web UI (renderer/) into out/renderer with Vite, which is what `serve` hands to the
// browser. Runs on `npm install` / `npm ci` (prepare) and again from `serve` whenever out/renderer
// is missing or older than its sources, so a fresh clone serves the app instead of a 404.
//
//   node scripts/build-renderer.cjs              build now
//   node scripts/build-renderer.cjs --if-stale   build only when missing or out of date
//   node scripts/build-renderer.cjs --soft       on failure warn and exit 0 (prepare: `serve` retries)
//
// Vite's output goes to stderr, so `serve --json` keeps one JSON document on stdout.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { dirname, join } = require('node:path');

const root = join(__dirname, '..');
const outIndex = join(root, 'out', 'renderer', 'index.html');
const SOURCES = ['renderer', 'shared', 'vite.renderer.config.mts'].map((p) => join(root, p));

/** Newest modification time under a file or folder (0 when it does not exist). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), st.mtimeMs);
}

/** True when out/renderer is missing or older than any renderer source. */
function rendererIsStale() {
  const built = existsSync(outIndex) ? statSync(outIndex).mtimeMs : 0;
  return built === 0 || Math.max(...SOURCES.map(newest)) > built;
}

/** Runs `vite build` with this Node; returns null on success, else why it failed. */
function buildRenderer() {
  let viteBin;
  try {
    viteBin = join(dirname(require.resolve('vite/package.json', { paths: [root] })), 'bin', 'vite.js');
  } catch {
    return 'Vite is not installed (run `npm install` with dev dependencies)';
  }
  const result = spawnSync(process.execPath, [viteBin, 'build', '--config', 'vite.renderer.config.mts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (result.error) return result.error.message;
  return result.status === 0 ? null : `vite build exited with ${result.status ?? result.signal}`;
}

module.exports = { buildRenderer, rendererIsStale, outIndex };

if (require.main === module) {
  const args = new Set(process.argv.slice(2));
  if (args.has('--if-stale') && !rendererIsStale()) process.exit(0);
  process.stderr.write('Building the web UI (out/renderer)…\n');
  const failure = buildRenderer();
  if (failure === null) process.exit(0);
  process.stderr.write(`Could not build the web UI: ${failure}.\n`);
  if (args.has('--soft')) {
    process.stderr.write('`serve` will try again; `npm run build:renderer` shows the full error.\n');
    process.exit(0);
  }
  process.exit(1);
}
