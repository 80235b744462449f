import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface LeaseHolder {
  readonly child: ChildProcess;
  readonly pid: number;
}

/** Another process (a real engine, test/helpers/lease-holder.ts) holding the sender lease on `dbFile`. */
export function holdLease(dbFile: string): Promise<LeaseHolder> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'helpers', 'lease-holder.ts'), dbFile], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('holding\n')) resolve({ child, pid: child.pid! });
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`lease holder exited with ${code}: ${err}`)));
  });
}

/** Stops the holder (it releases the lease and closes the database) and waits for it to exit. */
export function releaseLease(holder: LeaseHolder): Promise<void> {
  return new Promise((resolve) => {
    holder.child.removeAllListeners('exit');
    holder.child.once('exit', () => resolve());
    holder.child.kill('SIGTERM');
  });
}
