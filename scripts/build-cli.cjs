#!/usr/bin/env node
// Bundles the CLI (electron/host/cli) into out/cli/frontdesk.cjs with esbuild, so `npm run cli`
// starts in a few tens of milliseconds (no TypeScript compiler at run time), and the engine's worker
// thread (electron/core/worker/engine-worker.ts) beside it as out/cli/engine-worker.cjs, where the
// bundled CLI looks for it (docs/control.md). Runs on `npm install` (prepare) and again
// automatically from bin/frontdesk.cjs whenever a source file is newer.
'use strict';
const { join } = require('node:path');

const root = join(__dirname, '..');
const outdir = join(root, 'out', 'cli');
const outfile = join(outdir, 'frontdesk.cjs');
const workerOutfile = join(outdir, 'engine-worker.cjs');

// Native and heavy modules stay external: loaded from node_modules only by the commands that
// need them (import, settings, run), so status/today/dispatch start fast.
const external = [
  'better-sqlite3',
  'twilio',
  'nodemailer',
  'electron',
  'zod',
  'libphonenumber-js',
  'countries-and-timezones',
  'csv-parse',
  'node-cron',
  // Reads its font metrics and our embedded fonts from node_modules at run time.
  'pdfkit',
];

function buildCli() {
  require('esbuild').buildSync({
    entryPoints: {
      frontdesk: join(root, 'electron', 'host', 'cli', 'entry.ts'),
      'engine-worker': join(root, 'electron', 'core', 'worker', 'engine-worker.ts'),
    },
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'linked',
    external,
    logLevel: 'warning',
  });
  return outfile;
}

module.exports = { buildCli, outfile, workerOutfile, external };
if (require.main === module) buildCli();
