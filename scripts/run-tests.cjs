#!/usr/bin/env node
// `npm test`: typecheck, lint and format check, unit + integration + renderer tests (vitest), browser e2e (Playwright in Chromium)
// and the Electron smoke test, then one plain "N passed, N failed" line that CI reads.
'use strict';
const { spawnSync } = require('node:child_process');
const { readFileSync, mkdirSync, existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const reports = join(root, 'test-results');
mkdirSync(reports, { recursive: true });
let passed = 0;
let failed = 0;
let skipped = 0;

function run(label, command, args, env = {}) {
  process.stdout.write(`\n=== ${label}: ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

// 1. Types are part of the test: strict TypeScript across both projects.
if (run('typecheck', 'npx', ['tsc', '-b']) === 0) passed += 1;
else failed += 1;

// 1b. The lint gate: import cycles, imports across layers (.oxlintrc.json), correctness rules; and formatting.
if (run('lint', 'npm', ['run', '--silent', 'lint']) === 0) passed += 1;
else failed += 1;
if (run('format', 'npx', ['biome', 'format', '.']) === 0) passed += 1;
else failed += 1;

// 2. vitest: unit, migrations, integration, renderer components.
const vitestReport = join(reports, 'vitest.json');
const vitestStatus = run('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`]);
const vitest = readJson(vitestReport);
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  skipped += vitest.numPendingTests + (vitest.numTodoTests ?? 0);
  if (vitestStatus !== 0 && vitest.numFailedTests === 0) failed += 1; // e.g. a file that failed to load
} else {
  failed += 1;
}

// 3. Browser end-to-end tests and the Electron smoke test (Playwright).
if (existsSync(join(root, 'playwright.config.ts'))) {
  const pwReport = join(reports, 'playwright.json');
  const pwStatus = run('playwright', 'npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwReport });
  const pw = readJson(pwReport);
  if (pw && pw.stats) {
    passed += pw.stats.expected;
    failed += pw.stats.unexpected + (pw.stats.flaky ?? 0) * 0;
    skipped += pw.stats.skipped;
    if (pwStatus !== 0 && pw.stats.unexpected === 0) failed += 1;
  } else if (pwStatus !== 0) {
    failed += 1;
  }
}

process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(failed > 0 ? 1 : 0);
