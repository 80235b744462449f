#!/usr/bin/env node
// `npm start` runs this first: it builds better-sqlite3 for this Electron's ABI into
// out/native/electron-v<version>/better_sqlite3.node, the file the app loads in development
// (electron/app/paths.ts). node_modules keeps the Node build, so `npm test` and the CLI keep working
// (rebuilding node_modules in place is the NODE_MODULE_VERSION clash of better-sqlite3 #229/#545).
// Needs the network once (Electron headers or a prebuilt binary); packaged apps are rebuilt by
// electron-builder instead.
'use strict';
const { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, copyFileSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');
const electronVersion = require(join(root, 'node_modules', 'electron', 'package.json')).version;
const target = join(root, 'out', 'native', `electron-v${electronVersion}`, 'better_sqlite3.node');
if (existsSync(target)) process.exit(0);

const work = mkdtempSync(join(tmpdir(), 'frontdesk-native-'));
const moduleDir = join(work, 'node_modules', 'better-sqlite3');
const bsVersion = require(join(root, 'node_modules', 'better-sqlite3', 'package.json')).version;
writeFileSync(
  join(work, 'package.json'),
  JSON.stringify({ name: 'frontdesk-native', private: true, dependencies: { 'better-sqlite3': bsVersion } }),
);
cpSync(join(root, 'node_modules', 'better-sqlite3'), moduleDir, {
  recursive: true,
  filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`),
});
// A machine-wide nodedir (as on our build machines) would make node-gyp build for Node, not Electron.
const env = { ...process.env };
delete env.npm_config_nodedir;
delete env.NPM_CONFIG_NODEDIR;
console.log(`Building better-sqlite3 for Electron ${electronVersion} (once; needs the network)…`);
const rebuild = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules', '@electron', 'rebuild', 'lib', 'cli.js'),
    '--version',
    electronVersion,
    '--module-dir',
    work,
    '--only',
    'better-sqlite3',
    '--force',
  ],
  { stdio: 'inherit', env, cwd: work },
);
const built = join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
if (rebuild.status !== 0 || !existsSync(built)) {
  rmSync(work, { recursive: true, force: true });
  console.error(
    'Could not build better-sqlite3 for Electron (no network?). The desktop app needs it once;\n' +
      'the command line and the browser view (npm run serve) work without it.',
  );
  process.exit(1);
}
mkdirSync(join(target, '..'), { recursive: true });
copyFileSync(built, target);
rmSync(work, { recursive: true, force: true });
console.log(`better-sqlite3 for Electron ${electronVersion}: ${target}`);
