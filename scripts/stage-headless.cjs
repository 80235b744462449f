#!/usr/bin/env node
// Stages the headless engine for packaging (docs/headless.md): out/headless/ with the CLI bundle
// (cli/frontdesk.cjs + cli/engine-worker.cjs), the built renderer for `serve` (renderer/), and the
// runtime packages the bundle leaves external, with their dependencies (node_modules/). electron-builder
// copies it to resources/headless, where the systemd unit runs `node …/cli/frontdesk.cjs run`.
// Run it before electron-builder: packaging rebuilds better-sqlite3 for Electron in node_modules, and
// the headless engine needs the Node build (recorded in NODE_ABI; the machine's Node must match it).
'use strict';
const { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { basename, dirname, join, relative } = require('node:path');

const root = join(__dirname, '..');
const { buildCli, outfile, workerOutfile, external } = require('./build-cli.cjs');

/** Types, source maps, docs, and better-sqlite3's C sources and build leftovers: never loaded by the engine. */
const NOT_AT_RUN_TIME =
  /(\.d\.[cm]?ts|\.map|\.md|\.a)$|\/better-sqlite3\/(deps|src|build\/(deps|Release\/(obj|obj\.target|\.deps|test_extension\.node)))(\/|$)/;

/** The folder of an installed package, looked up from `fromDir` as Node's resolver would. */
function packageDir(name, fromDir) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

/** Copies `name` and everything it depends on into `target` (a node_modules folder), once each. */
function copyWithDependencies(name, fromDir, target, copied) {
  const dir = packageDir(name, fromDir);
  if (!dir) throw new Error(`stage-headless: package ${name} is not installed (npm ci first)`);
  if (copied.has(dir)) return;
  copied.add(dir);
  const nodeModules = join(root, 'node_modules');
  const dest = join(target, relative(nodeModules, dir));
  if (!dir.startsWith(nodeModules)) throw new Error(`stage-headless: ${name} resolved outside node_modules (${dir})`);
  // A package nested inside another one's node_modules comes along with its parent's folder.
  if (![...copied].some((other) => other !== dir && dir.startsWith(`${other}/node_modules/`))) {
    cpSync(dir, dest, { recursive: true, dereference: true, filter: (path) => !NOT_AT_RUN_TIME.test(path) });
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
    if (packageDir(dep, dir)) copyWithDependencies(dep, dir, target, copied);
  }
}

function stageHeadless(outDir = join(root, 'out', 'headless')) {
  buildCli();
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'cli'), { recursive: true });
  for (const file of [outfile, workerOutfile]) cpSync(file, join(outDir, 'cli', basename(file)));
  const renderer = join(root, 'out', 'renderer');
  if (existsSync(join(renderer, 'index.html'))) cpSync(renderer, join(outDir, 'renderer'), { recursive: true });
  else process.stderr.write('stage-headless: out/renderer is not built; `serve` will have no UI (npm run build:renderer)\n');
  const copied = new Set();
  // Read at run time rather than bundled: the external packages, and the fonts the PDF reports embed.
  const runtime = [...external.filter((n) => n !== 'electron'), 'dejavu-fonts-ttf'];
  for (const name of runtime) copyWithDependencies(name, root, join(outDir, 'node_modules'), copied);
  writeFileSync(join(outDir, 'NODE_ABI'), `${process.versions.modules} (Node ${process.versions.node})\n`);
  cpSync(join(root, 'docs', 'headless.md'), join(outDir, 'README.md'));
  return outDir;
}

module.exports = { stageHeadless };
if (require.main === module) process.stdout.write(`${stageHeadless(process.argv[2])}\n`);
