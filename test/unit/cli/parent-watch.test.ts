import { describe, expect, it } from 'vitest';
import { parentGone, type ProcessProbe, watchParent } from '../../../electron/host/cli/parent-watch';

function probe(parent: number, alive: Set<number>): ProcessProbe & { parent: number } {
  const p = { parent, currentParent: () => p.parent, isAlive: (pid: number) => alive.has(pid) };
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
});
