import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const OUT = join(ROOT, 'out/renderer/index.html');
const SOURCES = ['renderer', 'shared', 'vite.renderer.config.mts'].map((p) => join(ROOT, p));

/** Newest modification time under a file or folder. */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), st.mtimeMs);
}

/** Playwright globalSetup: builds the renderer once when out/renderer is missing or older than its sources. */
export default function globalSetup(): void {
  const built = existsSync(OUT) ? statSync(OUT).mtimeMs : 0;
  const source = Math.max(...SOURCES.map(newest));
  if (built >= source) return;
  console.log(built === 0 ? '[e2e] out/renderer missing: building it' : '[e2e] renderer sources changed: rebuilding');
  const result = spawnSync('npm', ['run', 'build:renderer'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run build:renderer failed (exit ${result.status ?? 'signal'})`);
}
