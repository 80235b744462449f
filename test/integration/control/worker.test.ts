import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../../electron/core/compose';
import { silentLogger } from '../../../electron/core/platform/logger';
import { UserError } from '../../../electron/core/platform/errors';
import { resolveWorkerScript, WorkerHeavyWork } from '../../../electron/core/worker/worker-client';
import { local, phone, scheduleCsv } from '../../helpers/engine';
import { writeBigSchedule, writeLockHeld, waitUntil } from '../../helpers/control';

/** The engine's worker thread, run from the TypeScript sources (through tsx) as vitest does. */

const NOW = local('2026-11-26 07:00');
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function newSchedule(): Promise<string> {
  dir = mkdtempSync(join(tmpdir(), 'frontdesk-worker-'));
  const file = join(dir, 'clinic.db');
  const engine = createEngine({ dbFile: file });
  await engine.services.updateSettings({ settings: { timezone: 'America/New_York' }, actor: 'test' });
  engine.close();
  return file;
}

describe('engine worker', () => {
  it('imports and plans on its own thread and connection; the caller never holds the lock', async () => {
    const file = await newSchedule();
    const heavy = new WorkerHeavyWork({ file }, silentLogger);
    try {
      const csv = scheduleCsv([
        { id: 'A1', name: 'Maria Lopez', phone: phone(1), email: 'maria@example.com', startsAt: '2026-11-28 10:00' },
      ]);
      expect(await heavy.importSchedule(NOW, { csv, fileName: 'a.csv', actor: 'test' })).toEqual({
        changed: true,
        summary: expect.objectContaining({ created: 1, rejected: [] }),
      });
      expect(await heavy.plan(NOW)).toEqual({ enqueued: 3, existing: 0, cancelled: 0 });

      // While a big import runs there, this thread keeps going: its timers fire and it sees the lock taken.
      const big = heavy.importSchedule(NOW, { csv: readFileSync(writeBigSchedule(join(dir, 'big.csv'), 20_000), 'utf8'), actor: 'test' });
      expect(heavy.importing()).toBe(true);
      await waitUntil(() => writeLockHeld(file), 'the worker to hold the write lock');
      expect((await big).summary.created).toBe(20_000);
      expect(heavy.importing()).toBe(false);
    } finally {
      await heavy.close();
    }
  });

  it('a bad file comes back as the same user error (code and message), not a crash', async () => {
    const file = await newSchedule();
    const heavy = new WorkerHeavyWork({ file }, silentLogger);
    try {
      const failure = heavy.importSchedule(NOW, { csv: 'name,when\nX,2026-11-28 10:00\n', actor: 'test' });
      await expect(failure).rejects.toBeInstanceOf(UserError);
      await expect(failure).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/external_id/) });
      // The worker is still there for the next job.
      expect(await heavy.plan(NOW)).toMatchObject({ enqueued: 0 });
    } finally {
      await heavy.close();
    }
  });

  it('finds the built worker beside a bundle, else the TypeScript source', () => {
    dir = mkdtempSync(join(tmpdir(), 'frontdesk-worker-script-'));
    writeFileSync(join(dir, 'engine-worker.cjs'), '');
    expect(resolveWorkerScript(dir)).toEqual({ filename: join(dir, 'engine-worker.cjs'), eval: false });
    // From a shared chunk folder (electron-vite's out/main/chunks): one folder up.
    expect(resolveWorkerScript(join(dir, 'chunks'))).toEqual({ filename: join(dir, 'engine-worker.cjs'), eval: false });
    const source = resolveWorkerScript(join(__dirname, '../../../electron/core/worker'));
    expect(source.eval).toBe(true);
    expect(source.filename).toContain("load('tsx/cjs')");
  });
});
