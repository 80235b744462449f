import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../electron/core/compose';
import { startWebHost, type WebHost } from '../../../electron/host/web/server';
import { waitUntil, writeBigSchedule, writeLockHeld } from '../../helpers/control';

/**
 * A long-running engine (serve, the desktop app) imports on its worker thread: while a big import
 * holds the schedule's write lock, the web host still answers status and the kill switch.
 */

const ROWS = 40_000; // about 3.5 MB: under the contract's 5 MB CSV cap

let dir: string;
let engine: Engine | undefined;
let host: WebHost | undefined;
afterEach(async () => {
  await host?.close();
  await engine?.jobs.stop();
  engine?.close();
  host = engine = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('the web host during an import', () => {
  it('answers status and pause while the import runs on the worker thread', async () => {
    dir = mkdtempSync(join(tmpdir(), 'frontdesk-host-import-'));
    const file = join(dir, 'clinic.db');
    const staticDir = join(dir, 'renderer');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Frontdesk</title>');
    engine = createEngine({ dbFile: file, backgroundWorker: true, planAfterChanges: true });
    await engine.services.updateSettings({ settings: { timezone: 'America/New_York' }, actor: 'test' });
    host = await startWebHost({ services: engine.services, events: engine.events, staticDir, port: 0 });
    const web = host;
    const call = async (channel: string, body: unknown) => {
      const res = await fetch(`http://127.0.0.1:${web.port}/api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${web.token}` },
        body: JSON.stringify(body),
      });
      return (await res.json()) as { ok: boolean; value?: Record<string, unknown>; error?: unknown };
    };

    const csv = readFileSync(writeBigSchedule(join(dir, 'big.csv'), ROWS), 'utf8');
    let importDone = false;
    const imported = call('schedule:import-csv', { csv, fileName: 'big.csv' }).finally(() => (importDone = true));
    await waitUntil(() => writeLockHeld(file), 'the import to hold the write lock', 30_000);

    const status = await call('engine:get-status', {});
    expect(status).toMatchObject({ ok: true, value: { paused: false } });
    const paused = await call('engine:pause', { reason: 'stop during import' });
    expect(paused).toMatchObject({ ok: true, value: { paused: true, reason: 'stop during import', pausedBy: 'web' } });
    // Both answers came while the import was still writing.
    expect(importDone).toBe(false);
    expect(writeLockHeld(file)).toBe(true);

    expect(await imported).toMatchObject({ ok: true, value: { created: ROWS, rejected: [] } });
    const audit = await call('audit:list', {});
    expect((audit.value as unknown as { kind: string; actor: string }[]).map((e) => [e.kind, e.actor])).toEqual(
      expect.arrayContaining([
        ['paused', 'web'],
        ['import', 'web'],
      ]),
    );
  });
});
