import { afterEach, describe, expect, it } from 'vitest';
import { type ControlStore, openControlStore } from '../../../electron/core/control/control-store';
import { openMemoryDatabase } from '../../../electron/core/db/connection';
import { describeLeaseHolder, LEASE_MS, processIsAlive, SenderLease } from '../../../electron/core/outbox/sender-lease';

/**
 * The sender lease as the dispatcher holds it (docs/control.md): two engines on one control file, each
 * with its own pid and machine. `other` acts first (at `otherAt`, unless null), then `me` at NOW.
 */
const NOW = Date.UTC(2026, 10, 27, 16, 0);

interface Engine {
  readonly pid: number;
  readonly hostname: string;
}

interface Case {
  readonly name: string;
  readonly other: Engine;
  /** When the other engine took the lease (null: never). */
  readonly otherAt: number | null;
  /** Which pids on this machine are alive, as `me` sees them. */
  readonly livePids: readonly number[];
  readonly acquired: boolean;
}

const ME: Engine = { pid: 100, hostname: 'desk-1' };
const CASES: readonly Case[] = [
  {
    name: 'free: nobody has sent from this file',
    other: { pid: 200, hostname: 'desk-1' },
    otherAt: null,
    livePids: [100, 200],
    acquired: true,
  },
  {
    name: 'held by a live engine on this machine',
    other: { pid: 200, hostname: 'desk-1' },
    otherAt: NOW - 10_000,
    livePids: [100, 200],
    acquired: false,
  },
  {
    name: 'held by an engine whose process died',
    other: { pid: 200, hostname: 'desk-1' },
    otherAt: NOW - 10_000,
    livePids: [100],
    acquired: true,
  },
  {
    name: 'held by an engine on another desk',
    other: { pid: 200, hostname: 'desk-2' },
    otherAt: NOW - 10_000,
    livePids: [100],
    acquired: false,
  },
  {
    name: 'expired: not renewed for a full lease period',
    other: { pid: 200, hostname: 'desk-2' },
    otherAt: NOW - LEASE_MS,
    livePids: [100, 200],
    acquired: true,
  },
  {
    name: 'one millisecond before it expires',
    other: { pid: 200, hostname: 'desk-2' },
    otherAt: NOW - LEASE_MS + 1,
    livePids: [100, 200],
    acquired: false,
  },
];

const opened: { close(): void }[] = [];
afterEach(() => {
  while (opened.length > 0) opened.pop()!.close();
});

function controlStore(): ControlStore {
  const schedule = openMemoryDatabase();
  const control = openControlStore(schedule, NOW);
  opened.push(schedule, control);
  return control;
}

describe('SenderLease', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const control = controlStore();
    const other = new SenderLease(control, { ...c.other, isAlive: () => true });
    if (c.otherAt !== null) expect(other.acquire(c.otherAt)).toBe(true);
    const me = new SenderLease(control, { ...ME, isAlive: (pid) => c.livePids.includes(pid) });
    expect(me.acquire(NOW)).toBe(c.acquired);
    if (c.acquired) {
      expect(me.blockedBy).toBeNull();
      expect(control.leaseHolder('sender')).toEqual({ holder: me.holder, ...ME, expiresAt: NOW + LEASE_MS });
    } else {
      expect(me.blockedBy).toEqual({ holder: other.holder, ...c.other, expiresAt: c.otherAt! + LEASE_MS });
      expect(describeLeaseHolder(me.blockedBy!)).toBe(
        `another Frontdesk engine (process ${c.other.pid} on ${c.other.hostname}) holds the sender lease`,
      );
    }
  });

  it('renewing our own lease extends it, and release frees it for the next engine', () => {
    const control = controlStore();
    const me = new SenderLease(control, { ...ME, isAlive: () => true });
    const next = new SenderLease(control, { pid: 200, hostname: 'desk-1', isAlive: () => true });
    expect(me.acquire(NOW)).toBe(true);
    expect(me.acquire(NOW + 10_000)).toBe(true);
    expect(control.leaseHolder('sender')?.expiresAt).toBe(NOW + 10_000 + LEASE_MS);
    expect(next.acquire(NOW + 20_000)).toBe(false);
    me.release();
    expect(next.acquire(NOW + 20_000)).toBe(true);
    expect(me.blockedBy).toBeNull();
    expect(me.acquire(NOW + 30_000)).toBe(false);
    expect(me.blockedBy).toMatchObject({ pid: 200 });
  });

  it('names itself by its pid', () => {
    expect(new SenderLease(controlStore(), ME).holder).toMatch(/^100-[\w-]+$/);
  });

  it('processIsAlive: this process is alive; a pid nobody uses is not', () => {
    expect(processIsAlive(process.pid)).toBe(true);
    expect(processIsAlive(2 ** 22 + 12_345)).toBe(false);
  });
});
