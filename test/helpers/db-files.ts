import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, openSync, readdirSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Every file in `dir` (not sub-folders) with a hash of its bytes: equal snapshots = nothing touched. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isFile()) out[name] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return out;
}

/** Overwrites every page after the first with garbage: the header still reads, the tables do not. */
export function corruptAfterFirstPage(file: string): void {
  const size = statSync(file).size;
  const pageSize = readFileSync(file).readUInt16BE(16);
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.alloc(size - pageSize, 0xa5), 0, size - pageSize, pageSize);
  } finally {
    closeSync(fd);
  }
}

/** Overwrites the 16-byte SQLite magic at the start: the file is no longer recognisable as a database. */
export function corruptHeader(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, Buffer.from('not a database!!'), 0, 16, 0);
  } finally {
    closeSync(fd);
  }
}

/**
 * Makes `path` immutable (`chattr +i`): not writable even by root, as a read-only file is for a desk
 * user. Returns a reason when this machine cannot (no chattr, no CAP_LINUX_IMMUTABLE, another FS).
 */
export function makeImmutable(path: string): string | undefined {
  const r = spawnSync('chattr', ['+i', path], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return `chattr +i is not available here (${r.error?.message ?? r.stderr.trim()})`;
  return undefined;
}

export function makeMutable(path: string): void {
  spawnSync('chattr', ['-i', path]);
}
