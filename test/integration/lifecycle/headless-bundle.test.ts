import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, waitUntil } from '../../helpers/control';

/**
 * The staged headless engine (scripts/stage-headless.cjs → resources/headless in the packages) runs
 * with nothing but Node: from a folder outside the checkout, as the systemd unit starts it.
 */

let dir: string;
let staged: string;
const children: ChildProcess[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'frontdesk-headless-'));
  const { stageHeadless } = require(join(ROOT, 'scripts', 'stage-headless.cjs')) as { stageHeadless(out: string): string };
  staged = stageHeadless(join(dir, 'headless'));
}, 240_000);

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** `node <staged>/cli/frontdesk.cjs …` from outside the checkout, with no NODE_PATH to fall back on. */
function staged_cli(args: readonly string[]): { child: ChildProcess; out: () => string; err: () => string; code: Promise<number | null> } {
  const env: NodeJS.ProcessEnv = { ...process.env, FRONTDESK_TRANSPORT: 'simulate' };
  delete env['NODE_PATH'];
  delete env['FRONTDESK_RENDERER_DIR'];
  const child = spawn(process.execPath, [join(staged, 'cli', 'frontdesk.cjs'), ...args, '--db', join(dir, 'clinic.db')], { cwd: dir, env });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const code = new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  return { child, out: () => out, err: () => err, code };
}

describe('the staged headless engine', () => {
  it('records the Node ABI its native module was built for', () => {
    expect(readFileSync(join(staged, 'NODE_ABI'), 'utf8')).toBe(`${process.versions.modules} (Node ${process.versions.node})\n`);
  });

  it('init and status work with only the staged files', async () => {
    const init = staged_cli(['init', '--timezone', 'America/New_York', '--json']);
    expect(await init.code).toBe(0);
    expect(JSON.parse(init.out())).toMatchObject({ timezone: 'America/New_York' });
    const status = staged_cli(['status', '--json']);
    expect(await status.code).toBe(0);
    expect(JSON.parse(status.out())).toMatchObject({ paused: false });
  });

  it('run starts its worker and stops on SIGTERM with exit 0', async () => {
    const run = staged_cli(['run']);
    await waitUntil(() => /Frontdesk engine running/.test(run.err()) || run.child.exitCode !== null, 'the engine to start', 60_000);
    run.child.kill('SIGTERM');
    expect(await run.code).toBe(0);
    expect(run.err()).not.toMatch(/error/i);
  });

  it('serve answers on 127.0.0.1 with the staged UI', async () => {
    const serve = staged_cli(['serve', '--port', '0', '--json']);
    await waitUntil(() => serve.out().includes('"url"') || serve.child.exitCode !== null, 'serve to print its address', 60_000);
    const { url, port } = JSON.parse(serve.out()) as { url: string; port: number };
    expect(url.startsWith(`http://127.0.0.1:${port}/`)).toBe(true);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    serve.child.kill('SIGTERM');
    expect(await serve.code).toBe(0);
  });
});
