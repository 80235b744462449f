import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');
const children: ChildProcess[] = [];

/** A copy of the project as a fresh clone has it: the tracked sources, no out/ folder, node_modules installed. */
function freshClone(): string {
  const dir = mkdtempSync(join(tmpdir(), 'frontdesk-clone-'));
  const files = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).stdout.split(
    '\n',
  );
  for (const file of files) {
    if (!file || file.startsWith('test/') || !existsSync(join(ROOT, file))) continue;
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(ROOT, file), join(dir, file));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

type Served = { port: number; stderr: () => string; stop: () => Promise<void> };

/** `npm run --silent cli -- serve --json` (the `cli` script is `node bin/frontdesk.cjs`), until it prints its address. */
function serve(clone: string): Promise<Served> {
  const env = { ...process.env };
  delete env['FRONTDESK_RENDERER_DIR'];
  delete env['FRONTDESK_TRANSPORT'];
  const child = spawn(process.execPath, ['bin/frontdesk.cjs', 'serve', '--port', '0', '--json', '--db', join(clone, 'frontdesk.db')], {
    cwd: clone,
    env,
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolveServed, reject) => {
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (!out.includes('\n')) return;
      const { port } = JSON.parse(out) as { port: number };
      child.removeAllListeners('exit');
      resolveServed({
        port,
        stderr: () => err,
        stop: () => new Promise((done) => (child.exitCode !== null ? done() : (child.once('exit', () => done()), child.kill('SIGTERM')))),
      });
    });
  });
}

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

describe('first run', () => {
  it('serve on a fresh clone (no out/renderer) builds the UI and answers 200 with the app', async () => {
    const clone = freshClone();
    try {
      expect(existsSync(join(clone, 'out'))).toBe(false);
      const first = await serve(clone);
      const page = await fetch(`http://127.0.0.1:${first.port}/`);
      const html = await page.text();
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(html).toContain('<title>Frontdesk</title>');
      const script = /<script type="module" crossorigin src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
      expect(script).toBeDefined();
      expect((await fetch(`http://127.0.0.1:${first.port}/${script}`)).status).toBe(200);
      expect(first.stderr()).toContain('Building the web UI');
      await first.stop();

      // Up to date: nothing to do, fast.
      const check = spawnSync(process.execPath, ['scripts/build-renderer.cjs', '--if-stale'], { cwd: clone, encoding: 'utf8' });
      expect({ status: check.status, stderr: check.stderr }).toEqual({ status: 0, stderr: '' });

      // A renderer source newer than the build: the next serve rebuilds it.
      const later = new Date(Date.now() + 60_000);
      utimesSync(join(clone, 'renderer/src/main.tsx'), later, later);
      const second = await serve(clone);
      expect((await fetch(`http://127.0.0.1:${second.port}/`)).status).toBe(200);
      expect(second.stderr()).toContain('Building the web UI');
      await second.stop();
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  }, 240_000);
});
