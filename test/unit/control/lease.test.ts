import { afterEach, describe, expect, it } from 'vitest';
import { type LeaseVerdict, leaseVerdict, openControlStore } from '../../../electron/core/control/control-store';
import type { LeaseRow } from '../../../electron/core/db/repos/control-repo';
import { openMemoryDatabase } from '../../../electron/core/db/connection';

/** One sender per schedule file (docs/control.md): who may take the lease, given who holds it. */
const NOW = Date.UTC(2026, 10, 27, 16, 0);
const TTL = 60_000;

const ME = { holder: 'me', pid: 100, hostname: 'desk-1' };
const row = (over: Partial<LeaseRow> = {}): LeaseRow => ({
  holder: 'other',
  pid: 200,
  hostname: 'desk-1',
  expires_at: NOW + 30_000,
  ...over,
});
const alive = () => true;
const dead = () => false;

interface Case {
  readonly name: string;
  readonly current: LeaseRow | undefined;
  readonly isAlive: (pid: number) => boolean;
  readonly verdict: LeaseVerdict;
}

const CASES: readonly Case[] = [
  { name: 'nobody holds it', current: undefined, isAlive: alive, verdict: 'free' },
  { name: 'we hold it (a renewal)', current: row({ holder: 'me', pid: 100 }), isAlive: alive, verdict: 'ours' },
  { name: 'we held it and it ran out', current: row({ holder: 'me', pid: 100, expires_at: NOW - 1 }), isAlive: alive, verdict: 'ours' },
  { name: 'another live sender holds it', current: row(), isAlive: alive, verdict: 'held' },
  { name: 'it expires at this very instant', current: row({ expires_at: NOW }), isAlive: alive, verdict: 'expired' },
  { name: 'it expires a millisecond from now', current: row({ expires_at: NOW + 1 }), isAlive: alive, verdict: 'held' },
  {
    name: 'an expired lease of another host',
    current: row({ hostname: 'desk-2', expires_at: NOW - 1 }),
    isAlive: alive,
    verdict: 'expired',
  },
  { name: 'its holder’s process is gone from this machine', current: row(), isAlive: dead, verdict: 'holder_gone' },
  { name: 'a holder on another host is never judged by pid', current: row({ hostname: 'desk-2' }), isAlive: dead, verdict: 'held' },
  {
    name: 'another engine in this very process (same pid) is alive by definition',
    current: row({ pid: 100 }),
    isAlive: dead,
    verdict: 'held',
  },
];

describe('leaseVerdict', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(leaseVerdict(c.current, { ...ME, now: NOW, isAlive: c.isAlive })).toBe(c.verdict);
  });
});

const opened: { close(): void }[] = [];
afterEach(() => {
  while (opened.length > 0) opened.pop()!.close();
});

describe('ControlStore.acquireLease applies the verdict', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const schedule = openMemoryDatabase();
    const control = openControlStore(schedule, NOW);
    opened.push(schedule, control);
    if (c.current) {
      const { holder, pid, hostname, expires_at } = c.current;
      // Written as its holder wrote it: a claim at expires_at − TTL.
      expect(control.acquireLease({ name: 'sender', holder, pid, hostname, now: expires_at - TTL, ttlMs: TTL, isAlive: alive })).toEqual({
        acquired: true,
      });
    }
    const answer = control.acquireLease({ name: 'sender', ...ME, now: NOW, ttlMs: TTL, isAlive: c.isAlive });
    if (c.verdict === 'held') {
      const { holder, pid, hostname, expires_at } = c.current!;
      expect(answer).toEqual({ acquired: false, holder: { holder, pid, hostname, expiresAt: expires_at } });
      expect(control.leaseHolder('sender')).toMatchObject({ holder });
    } else {
      expect(answer).toEqual({ acquired: true });
      expect(control.leaseHolder('sender')).toEqual({ ...ME, expiresAt: NOW + TTL });
    }
  });
});
