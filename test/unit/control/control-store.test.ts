import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mergeAudit } from '../../../electron/core/control/audit-merge';
import { type ControlStore, controlFileFor, openControlStore } from '../../../electron/core/control/control-store';
import { type WritableDB, openDatabase, openMemoryDatabase } from '../../../electron/core/db/connection';
import { HOUR_MS } from '../../../electron/core/platform/clock';

const NOW = Date.UTC(2026, 10, 27, 16, 0);
const opened: { close(): void }[] = [];
const dirs: string[] = [];
afterEach(() => {
  while (opened.length > 0) opened.pop()!.close();
  while (dirs.length > 0) rmSync(dirs.pop()!, { recursive: true, force: true });
});

function track<T extends { close(): void }>(x: T): T {
  opened.push(x);
  return x;
}

function fileSchedule(): WritableDB {
  const dir = mkdtempSync(join(tmpdir(), 'frontdesk-control-'));
  dirs.push(dir);
  return track(openDatabase(join(dir, 'clinic.db')));
}

function memoryControl(): ControlStore {
  return track(openControlStore(track(openMemoryDatabase()), NOW));
}

const claim = (holder: string, pid: number, now: number, isAlive: (pid: number) => boolean = () => true) => ({
  name: 'sender',
  holder,
  pid,
  hostname: 'desk-1',
  now,
  ttlMs: 60_000,
  isAlive,
});

describe('control file', () => {
  it('lives beside a schedule file, and in memory beside an in-memory schedule', () => {
    const schedule = fileSchedule();
    expect(controlFileFor(schedule)).toBe(`${schedule.name}-control`);
    const control = track(openControlStore(schedule, NOW));
    expect(control.file).toBe(`${schedule.name}-control`);
    expect(existsSync(`${schedule.name}-control`)).toBe(true);
    expect(controlFileFor(track(openMemoryDatabase()))).toBeNull();
    expect(memoryControl().file).toBe(':memory:');
  });

  it('pauses and resumes with who, why and when, each audited', () => {
    const control = memoryControl();
    expect(control.isPaused()).toBe(false);
    const state = control.pause({
      kind: 'manual',
      reason: 'lunch',
      actor: 'Dana',
      now: NOW,
      audit: { kind: 'paused', detail: { reason: 'lunch' } },
    });
    expect(state).toEqual({ paused: true, kind: 'manual', reason: 'lunch', at: NOW, by: 'Dana', breakerReviewedUntil: null });
    expect(control.isPaused()).toBe(true);
    expect(control.pauseState()).toEqual(state);
    const before = control.resume({ actor: 'Dana', now: NOW + 1, breakerReviewMs: 12 * HOUR_MS });
    expect(before.paused).toBe(true);
    expect(control.pauseState()).toMatchObject({ paused: false, kind: null, reason: null });
    expect(control.auditLog(10).map((e) => [e.kind, e.actor, JSON.parse(e.detail_json)])).toEqual([
      ['resumed', 'Dana', { wasPaused: true, kind: 'manual', reason: 'lunch' }],
      ['paused', 'Dana', { reason: 'lunch' }],
    ]);
  });

  it('a human resume of a breaker trip keeps the breaker quiet for the review period', () => {
    const control = memoryControl();
    control.pause({ kind: 'breaker', reason: 'too many due', actor: 'breaker', now: NOW, audit: { kind: 'breaker_tripped', detail: {} } });
    control.resume({ actor: 'Dana', now: NOW, breakerReviewMs: 12 * HOUR_MS });
    expect(control.pauseState().breakerReviewedUntil).toBe(NOW + 12 * HOUR_MS);
    // A later manual pause and resume keep the review window.
    control.pause({ kind: 'manual', reason: 'x', actor: 'Dana', now: NOW + 1, audit: { kind: 'paused', detail: {} } });
    control.resume({ actor: 'Dana', now: NOW + 2, breakerReviewMs: 12 * HOUR_MS });
    expect(control.pauseState().breakerReviewedUntil).toBe(NOW + 12 * HOUR_MS);
  });

  it('the sender lease: one holder; refused with who holds it; taken over when expired or its process is gone', () => {
    const schedule = fileSchedule();
    const first = track(openControlStore(schedule, NOW));
    const second = track(openControlStore(track(openDatabase(schedule.name)), NOW));
    expect(first.acquireLease(claim('a', 101, NOW))).toEqual({ acquired: true });
    expect(first.acquireLease(claim('a', 101, NOW + 10_000))).toEqual({ acquired: true });
    expect(second.acquireLease(claim('b', 202, NOW + 20_000))).toEqual({
      acquired: false,
      holder: { holder: 'a', pid: 101, hostname: 'desk-1', expiresAt: NOW + 70_000 },
    });
    // Its process is gone from this machine: taken over at once.
    expect(second.acquireLease(claim('b', 202, NOW + 20_000, (pid) => pid !== 101))).toEqual({ acquired: true });
    expect(first.leaseHolder('sender')).toMatchObject({ holder: 'b', pid: 202 });
    // Expired: taken over even though its holder is alive.
    expect(first.acquireLease(claim('a', 101, NOW + 80_001))).toEqual({ acquired: true });
    first.releaseLease('sender', 'a');
    expect(second.leaseHolder('sender')).toBeNull();
  });

  it('the audit view merges both files newest first, control entries with negative ids', () => {
    const merged = mergeAudit(
      [
        { id: 7, at: 300, kind: 'import', actor: 'cli', detail_json: '{}' },
        { id: 6, at: 100, kind: 'paused', actor: 'cli', detail_json: '{}' },
      ],
      [
        { id: 2, at: 300, kind: 'paused', actor: 'web', detail_json: '{}' },
        { id: 1, at: 200, kind: 'resumed', actor: 'web', detail_json: '{}' },
      ],
      3,
    );
    expect(merged.map((e) => [e.id, e.kind])).toEqual([
      [-2, 'paused'],
      [7, 'import'],
      [-1, 'resumed'],
    ]);
  });
});
