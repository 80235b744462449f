import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, parse } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, invokeChannel } from '../../../electron/core/api/handlers';
import { silentLogger } from '../../../electron/core/platform/logger';
import { createTestEngine, type TestEngine } from '../../helpers/engine';

// The Sources screen's add and remove (docs/import-wizard.md#sources-screen): the window may only watch a folder
// used for exports alone, since every file in a watched folder is imported and moved out of it.
let engine: TestEngine;
let dir: string;
const call = (name: string, req: unknown) => invokeChannel(createHandlers(engine.services, { actor: 'web' }), name, req, silentLogger);
const refusal = async (folder: string) => {
  const r = await call('sources:add-folder', { dir: folder });
  return r.ok ? 'added' : `${r.error.code}: ${r.error.message}`;
};

beforeEach(() => {
  engine = createTestEngine();
  dir = mkdtempSync(join(tmpdir(), 'frontdesk-window-sources-'));
});
afterEach(() => {
  engine.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('sources:add-folder and sources:remove from the window', () => {
  it('adds a folder holding only exports (and our processed/ and held/), with its options, audited; remove stops watching it', async () => {
    const exports = join(dir, 'exports');
    mkdirSync(join(exports, 'processed'), { recursive: true });
    mkdirSync(join(exports, 'held'));
    writeFileSync(join(exports, 'appts-1126.csv'), 'AptNum\n');
    writeFileSync(join(exports, 'Book1.xlsx'), '');
    writeFileSync(join(exports, '~$Book1.xlsx'), ''); // Excel's lock file: never read, not a reason to refuse
    const pushed: unknown[] = [];
    engine.events.on((e) => pushed.push(e));
    engine.services.saveImportProfile({ profile: { name: 'Open Dental', mapping: {}, dateFormat: 'MDY', sheet: null }, actor: 't' });
    const added = await call('sources:add-folder', { dir: exports, fullExport: true, profile: 'Open Dental' });
    expect(added).toMatchObject({ ok: true, value: { kind: 'folder', target: exports, fullExport: true, profile: 'Open Dental' } });
    const id = added.ok ? (added.value as { id: number }).id : 0;
    expect(engine.services.listSources().map((s) => s.target)).toEqual([exports]);
    expect(engine.services.auditLog({ limit: 5 }).map((e) => [e.kind, e.actor])).toContainEqual(['source_added', 'web']);

    // Every window's stale banner reads the sources again.
    expect(pushed).toEqual([{ type: 'changed', topics: ['status'] }]);
    expect(await call('sources:remove', { id })).toEqual({ ok: true, value: [] });
    expect(pushed).toHaveLength(2);
    expect(await call('sources:remove', { id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses a folder with other folders or other documents in it, a home folder and a drive root, and adds nothing', async () => {
    const docs = join(dir, 'documents');
    mkdirSync(join(docs, 'Taxes'), { recursive: true });
    expect(await refusal(docs)).toMatch(
      /^BAD_REQUEST: .*documents holds other folders \("Taxes"\): watch a folder used only for schedule exports$/,
    );
    const downloads = join(dir, 'downloads');
    mkdirSync(downloads);
    for (const name of ['x-ray.pdf', 'a.docx', 'b.jpg', 'c.png', 'appts.csv']) writeFileSync(join(downloads, name), '');
    expect(await refusal(downloads)).toMatch(/holds files that are not schedule exports \("a\.docx", "b\.jpg", "c\.png" and 1 more\)/);
    expect(await refusal(homedir())).toMatch(/is a home folder/);
    expect(await refusal(parse(dir).root)).toMatch(/is the root of a drive/);
    expect(await refusal('exports')).toMatch(/must be an absolute path/);
    expect(await refusal(join(dir, 'missing'))).toMatch(/cannot read the folder .*ENOENT/);
    expect(engine.services.listSources()).toEqual([]);
  });

  it('checks the request: unknown keys and a missing folder are refused before anything runs', async () => {
    expect(await call('sources:add-folder', { dir: dir, recursive: true })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await call('sources:add-folder', {})).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(engine.services.listSources()).toEqual([]);
  });
});
