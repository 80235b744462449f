import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The source checkout this code runs from (it has scripts/build-renderer.cjs and renderer/), or null. */
export function findSourceRoot(from: string): string | null {
  let dir = from;
  for (let depth = 0; depth < 6; depth++) {
    if (existsSync(join(dir, 'scripts', 'build-renderer.cjs')) && existsSync(join(dir, 'renderer', 'index.html'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}

/**
 * In a source checkout, builds out/renderer when it is missing or older than its sources, so
 * `serve` right after `npm install` shows the app rather than a 404. The build runs in a child
 * process (Vite never loads into the engine, whose event loop stays free) with its output on
 * stderr. Resolves false only when a build was needed and failed; a packaged app or an explicit
 * FRONTDESK_RENDERER_DIR is left alone.
 */
export function ensureRendererBuilt(from: string = __dirname, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const root = env['FRONTDESK_RENDERER_DIR'] ? null : findSourceRoot(from);
  if (!root) return Promise.resolve(true);
  return new Promise((resolveBuilt) => {
    const child = spawn(process.execPath, [join(root, 'scripts', 'build-renderer.cjs'), '--if-stale'], { stdio: ['ignore', 2, 2] });
    child.once('error', () => resolveBuilt(false));
    child.once('exit', (code) => resolveBuilt(code === 0));
  });
}
