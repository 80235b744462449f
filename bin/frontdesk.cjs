#!/usr/bin/env node
// Launches the bundled CLI, rebuilding it first when any source file is newer than the bundle
// (a fresh clone, or a developer's edit), so `npm run cli` never runs stale code.
'use strict';
const { statSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const { buildCli, outfile, workerOutfile } = require(join(root, 'scripts', 'build-cli.cjs'));

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'app') newest = Math.max(newest, newestSource(path));
    } else if (entry.name.endsWith('.ts')) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

let built = 0;
try {
  // Both bundles: the CLI starts the engine worker from out/cli in run and serve.
  built = Math.min(statSync(outfile).mtimeMs, statSync(workerOutfile).mtimeMs);
} catch {
  built = 0;
}
const sources = Math.max(newestSource(join(root, 'electron')), newestSource(join(root, 'shared')));
if (sources > built) buildCli();
require(outfile);
