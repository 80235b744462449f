import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asWritableDB, type WritableDB } from '../../electron/core/db/connection';
import { migrate } from '../../electron/core/db/migrate';
import { HEARTBEAT_KEEP_MS, lastHeartbeatAt, recordHeartbeat } from '../../electron/core/db/repos/heartbeats-repo';

let dir: string;
let db: WritableDB;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'frontdesk-migration-0006-'));
  db = asWritableDB(new Database(join(dir, 'clinic.db')));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration 0006 (heartbeats)', () => {
  it('adds an empty heartbeats table to a version-4 database and keeps what was there', () => {
    migrate(db, 4);
    db.prepare(`INSERT INTO events (at, kind, actor, detail_json) VALUES (1, 'import', 'cli', '{}')`).run();
    expect(migrate(db, 6)).toBe(6);
    expect(db.prepare(`SELECT COUNT(*) FROM heartbeats`).pluck().get()).toBe(0);
    expect(db.prepare(`SELECT COUNT(*) FROM events`).pluck().get()).toBe(1);
  });

  it('keeps one row per minute, the latest beat in it, and prunes what is older than the kept history', () => {
    migrate(db, 6);
    const t0 = Date.UTC(2026, 11, 7, 14, 0); // on the hour: a prune runs
    recordHeartbeat(db, t0 - HEARTBEAT_KEEP_MS - 60_000);
    recordHeartbeat(db, t0 - 30_000);
    recordHeartbeat(db, t0 + 1_000);
    recordHeartbeat(db, t0 + 20_000);
    expect(db.prepare(`SELECT minute, at FROM heartbeats ORDER BY minute`).all()).toEqual([
      { minute: (t0 - 60_000) / 60_000, at: t0 - 30_000 },
      { minute: t0 / 60_000, at: t0 + 20_000 },
    ]);
    expect(lastHeartbeatAt(db, t0 + 30_000)).toBe(t0 + 20_000);
    expect(lastHeartbeatAt(db, t0 - 1)).toBe(t0 - 30_000);
  });
});
