import { describe, expect, it } from 'vitest';
import { launchChain, parentGone, type ProcessProbe, realProcessProbe, watchParent } from '../../../electron/host/cli/parent-watch';

type Table = Map<number, { ppid: number; cmd: string[] }>;

function probe(parent: number, alive: Set<number>, table: Table = new Map()): ProcessProbe & { parent: number } {
  const p = {
    parent,
    currentParent: () => p.parent,
    isAlive: (pid: number) => alive.has(pid),
    parentOf: (pid: number) => table.get(pid)?.ppid ?? null,
    commandOf: (pid: number) => table.get(pid)?.cmd ?? null,
  };
  return p;
}

describe('parent watch', () => {
  it('our parent is gone when we were re-parented (Linux, macOS) or when it no longer exists (Windows keeps the number)', () => {
    const alive = new Set([1, 500]);
    const p = probe(500, alive);
    expect(parentGone(p, 500, true)).toBe(false);
    p.parent = 1;
    expect(parentGone(p, 500, true)).toBe(true);
    p.parent = 500;
    alive.delete(500);
    expect(parentGone(p, 500, true)).toBe(true);
  });

  it('--parent-pid watches that process only: a change of our own parent does not count', () => {
    const alive = new Set([1, 700]);
    const p = probe(1, alive);
    expect(parentGone(p, 700, false)).toBe(false);
    alive.delete(700);
    expect(parentGone(p, 700, false)).toBe(true);
  });

  it('calls onGone once when the parent goes; a parent of pid 1 (a service manager) is not watched', async () => {
    const alive = new Set([1, 500]);
    const p = probe(500, alive);
    let gone = 0;
    const watch = watchParent({ parentPid: 500, watchReparenting: true, probe: p, intervalMs: 5, onGone: () => (gone += 1) });
    await new Promise((r) => setTimeout(r, 30));
    expect(gone).toBe(0);
    alive.delete(500);
    await new Promise((r) => setTimeout(r, 60));
    expect(gone).toBe(1);
    watch.stop();

    let init = 0;
    const none = watchParent({
      parentPid: 1,
      watchReparenting: true,
      probe: probe(1, new Set()),
      intervalMs: 5,
      onGone: () => (init += 1),
    });
    await new Promise((r) => setTimeout(r, 30));
    expect(init).toBe(0);
    none.stop();
  });

  it('npm run starts us through sh -c: when npm dies the shell lives on, so npm is watched too', () => {
    const table: Table = new Map([
      [300, { ppid: 200, cmd: ['sh', '-c', 'node bin/frontdesk.cjs run'] }],
      [200, { ppid: 100, cmd: ['npm run cli run --db x.db'] }],
      [100, { ppid: 1, cmd: ['/bin/bash'] }],
    ]);
    const alive = new Set([1, 100, 200, 300]);
    const p = probe(300, alive, table);
    const chain = launchChain(p, 300);
    // sh and npm are wrappers; bash is where a person typed the command: watched, not climbed past.
    expect(chain).toEqual([300, 200, 100]);
    expect(parentGone(p, 300, true, chain)).toBe(false);
    // npm killed: the shell is handed to pid 1 and waits on.
    alive.delete(200);
    table.set(300, { ppid: 1, cmd: ['sh', '-c', 'node bin/frontdesk.cjs run'] });
    expect(parentGone(p, 300, true, chain)).toBe(true);
    // A plain parent (a launcher, a supervisor) is the only link.
    expect(launchChain(probe(400, alive, new Map([[400, { ppid: 1, cmd: ['/usr/bin/supervisord'] }]])), 400)).toEqual([400]);
    // node running npm's CLI counts as npm.
    expect(
      launchChain(probe(500, alive, new Map([[500, { ppid: 50, cmd: ['node', '/usr/lib/node_modules/npm/bin/npm-cli.js'] }]])), 500),
    ).toEqual([500, 50]);
  });

  it('reads the real process table on Linux', (ctx) => {
    if (process.platform !== 'linux') {
      console.log('skipped: /proc exists on Linux only');
      ctx.skip();
    }
    expect(realProcessProbe.parentOf(process.pid)).toBe(process.ppid);
    expect(realProcessProbe.commandOf(process.pid)?.[0]).toContain('node');
    expect(realProcessProbe.parentOf(2 ** 22 + 12345)).toBeNull();
  });
});
