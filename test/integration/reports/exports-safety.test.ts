import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../../../electron/core/platform/clock';
import { createTestEngine, e164, importRows, local, phone, type TestEngine } from '../../helpers/engine';
import { pdfText } from '../../helpers/reports/pdf-text';
import { scriptedTransports } from '../../helpers/reports/seed-transports';

/** Whatever patients text back ends up in the exports: no cell may run as a spreadsheet formula. */

const HOSTILE = ['=HYPERLINK("http://evil.example","Click")', '+1 call me', '@SUM(A1:A9)', '-1+1', '\tTAB'];

let engine: TestEngine | undefined;
let dir: string | undefined;
afterEach(() => {
  engine?.cleanup();
  engine = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function engineWithReplies(): Promise<TestEngine> {
  const replies = HOSTILE.map((body, i) => ({ at: local('2026-11-26 09:00') + i * MINUTE_MS, from: e164(1), body }));
  const script = {
    invalid: new Set<string>(),
    unsubscribed: new Set<string>(),
    undeliverable: new Set<string>(),
    pressOne: new Set<number>(),
    replies,
  };
  const e = createTestEngine({ now: local('2026-11-26 08:00'), transports: scriptedTransports(script, []) });
  importRows(e, [{ id: 'A1', name: 'Maria Lopez', phone: phone(1), startsAt: '2026-11-27 10:00' }]);
  e.clock.set(local('2026-11-26 10:00'));
  await e.services.dispatch();
  return e;
}

/** Every cell of a CSV as a spreadsheet would read it. */
function cells(text: string): string[] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  return (parse(text.slice(1), { relax_column_count: false }) as string[][]).flat();
}

describe('CSV exports neutralise spreadsheet formulas', () => {
  it('in the ledger export and the patient history, every hostile reply arrives as text', async () => {
    engine = await engineWithReplies();
    const ledger = engine.services.reports.ledgerExport({ from: '2026-11-26', to: '2026-11-26' }).content as string;
    const history = (await engine.services.reports.patientExport({ phone: phone(1), format: 'csv' })).content as string;
    for (const text of [ledger, history]) {
      const all = cells(text);
      expect(all.filter((c) => /^[\s]*[=+\-@]|^[\t\r]/.test(c))).toEqual([]);
    }
    const replies = cells(ledger).filter((c) => c.startsWith("'") && HOSTILE.includes(c.slice(1)));
    expect(replies.sort()).toEqual(HOSTILE.map((h) => `'${h}`).sort());
  });

  it('the history PDF reads back with the replies as written', async () => {
    engine = await engineWithReplies();
    dir = mkdtempSync(join(tmpdir(), 'frontdesk-history-pdf-'));
    const doc = await engine.services.reports.patientExport({ appointment: 'A1', format: 'pdf' });
    const file = join(dir, doc.fileName);
    writeFileSync(file, doc.content);
    const text = pdfText(file);
    expect(text).toContain('Riverside Clinic — contact and consent history: A1');
    expect(text).toContain('Maria Lopez: phone +12125550101');
    expect(text).toContain('reply: reply "=HYPERLINK("http://evil.example","Click")"');
    expect(text).toContain('consent: patient added');
    expect(doc.rows).toBeGreaterThanOrEqual(HOSTILE.length + 1);
  });
});
