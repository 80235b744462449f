import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');
const json = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as { engines?: { node?: string }; version: string };
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('Node version requirements', () => {
  it('package.json engines is the range the CLI, web host and tests need (Vite: ^20.19.0 || >=22.12.0)', () => {
    expect(json('package.json').engines?.node).toBe('^20.19.0 || >=22.12.0');
    for (const tool of ['vite', '@vitejs/plugin-react', 'electron-vite']) {
      expect(json(`node_modules/${tool}/package.json`).engines?.node, tool).toBe('^20.19.0 || >=22.12.0');
    }
  });

  it('the README names both: 20.19 for the CLI and tests, 22.12 for the desktop app, which its tools declare', () => {
    const requirements = /## Requirements\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
    expect(requirements).toMatch(/20\.19/);
    expect(requirements).toMatch(/22\.12 or later to start or package the desktop app/);
    for (const tool of ['electron', '@electron/rebuild', '@electron/get', 'node-abi']) {
      expect(json(`node_modules/${tool}/package.json`).engines?.node?.replace(/\s/g, ''), tool).toBe('>=22.12.0');
    }
  });
});
