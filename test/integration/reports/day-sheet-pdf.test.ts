import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyReply } from '../../../electron/core/outbox/replies';
import { MINUTE_MS } from '../../../electron/core/platform/clock';
import { createTestEngine, e164, importRows, local, phone, ZONE, type CsvRow, type TestEngine } from '../../helpers/engine';
import { pdfFonts, pdfPages, pdfText } from '../../helpers/reports/pdf-text';

const ARTIFACTS = join(__dirname, '../../artifacts');

let engine: TestEngine | undefined;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'frontdesk-day-sheet-'));
});
afterEach(() => {
  engine?.cleanup();
  engine = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function printDay(e: TestEngine, date: string): Promise<{ file: string; rows: number }> {
  const doc = await e.services.reports.daySheet({ date });
  expect(doc.mimeType).toBe('application/pdf');
  const file = join(dir, doc.fileName);
  writeFileSync(file, doc.content);
  return { file, rows: doc.rows };
}

describe('day sheet PDF', () => {
  it('reads back with every appointment in time order, its status, reminders and who needs a call; fonts embedded', async () => {
    engine = createTestEngine({ now: local('2026-11-25 07:00') });
    importRows(engine, [
      { id: 'A3', name: 'Łukasz Wróbel', phone: phone(3), startsAt: '2026-11-26 11:00', provider: 'Dr. Nguyen' },
      { id: 'A1', name: 'José Nuñez', phone: phone(1), email: 'jose@example.com', startsAt: '2026-11-26 09:00' },
      { id: 'A2', name: 'Zoë Ødegaard', email: 'zoe@example.com', startsAt: '2026-11-26 10:00', status: 'confirmed' },
      { id: 'A4', name: 'Ann Cancelled', phone: phone(4), startsAt: '2026-11-26 12:00', status: 'cancelled' },
    ]);
    // Łukasz texts STOP and has no email: nothing can reach him, the desk must call.
    const at = engine.clock.now();
    engine.db.transaction(() => applyReply(engine!.db, { providerId: 'SM1', from: e164(3), body: 'STOP', receivedAt: at }, at)).immediate();
    for (let t = local('2026-11-25 07:00'); t <= local('2026-11-26 07:00'); t += 30 * MINUTE_MS) {
      engine.clock.set(t);
      await engine.services.dispatch();
    }
    const { file, rows } = await printDay(engine, '2026-11-26');
    // Kept for review beside the e2e screenshots (test/artifacts is not committed).
    mkdirSync(ARTIFACTS, { recursive: true });
    copyFileSync(file, join(ARTIFACTS, 'day-sheet-needs-a-call.pdf'));
    expect(rows).toBe(4);
    expect(pdfPages(file)).toBe(1);
    expect(pdfFonts(file).length).toBeGreaterThan(0);
    expect(pdfFonts(file).every((f) => f.embedded)).toBe(true);
    const text = pdfText(file);
    expect(text).toContain('Riverside Clinic — Thursday 26 November 2026');
    expect(text).toMatch(/4 appointments · 1 confirmed · 2 unconfirmed · 1 cancelled · 1 needs a call/);
    const lines = text.split('\n');
    const lineOf = (name: string) => lines.findIndex((l) => l.includes(name));
    expect([lineOf('José Nuñez'), lineOf('Zoë Ødegaard'), lineOf('Łukasz Wróbel'), lineOf('Ann Cancelled')]).toEqual(
      [lineOf('José Nuñez'), lineOf('Zoë Ødegaard'), lineOf('Łukasz Wróbel'), lineOf('Ann Cancelled')].sort((a, b) => a - b),
    );
    const row = (name: string) => lines[lineOf(name)]!;
    // Columns: time, patient, provider, status, email, text, call, needs a call.
    expect(row('José Nuñez')).toMatch(
      /09:00\s+José Nuñez\s+Dr\. Patel\s+Unconfirmed\s+sent \(simulated\)\s+sent \(simulated\)\s+due 08:00\s*$/,
    );
    expect(row('Zoë Ødegaard')).toMatch(/10:00\s+Zoë Ødegaard\s+Dr\. Patel\s+Confirmed\s+sent \(simulated\)\s+—\s+—\s*$/);
    expect(row('Łukasz Wróbel')).toMatch(
      /11:00\s+Łukasz Wróbel\s+Dr\. Nguyen\s+Unconfirmed\s+not sent: no\s+not sent:\s+not sent:\s+no reminder got/,
    );
    expect(lines[lineOf('Łukasz Wróbel') + 1]).toMatch(/email\s+opted out\s+opted out\s+through/);
    expect(text).toContain(e164(3)); // the number to call, under the reason
    expect(row('Ann Cancelled')).toMatch(/12:00\s+Ann Cancelled\s+Dr\. Patel\s+Cancelled\s+—\s+—\s+—\s*$/);
    expect(text).toMatch(/Page 1 of 1/);
  });

  it('a busy day (75 appointments) continues on a second page under the same headers, never splitting a row', async () => {
    engine = createTestEngine({ now: local('2026-11-25 07:00') });
    const rows: CsvRow[] = Array.from({ length: 75 }, (_, i) => ({
      id: `B${i + 1}`,
      name: `Patient Number${String(i + 1).padStart(2, '0')}`,
      phone: phone(i + 1),
      email: `p${i}@example.com`,
      startsAt: DateTime.fromISO('2026-11-26T07:00', { zone: ZONE })
        .plus({ minutes: 10 * i })
        .toFormat('yyyy-MM-dd HH:mm'),
      provider: ['Dr. Patel', 'Dr. Nguyen', 'Dr. Okafor'][i % 3]!,
    }));
    importRows(engine, rows);
    engine.services.plan();
    const { file } = await printDay(engine, '2026-11-26');
    const pages = pdfPages(file);
    expect(pages).toBe(2);
    const seen: string[] = [];
    for (let page = 1; page <= pages; page += 1) {
      const text = pdfText(file, page);
      expect(text, `page ${page}`).toMatch(/Time\s+Patient\s+Provider\s+Status\s+Email\s+Text\s+Call\s+Needs a call/);
      expect(text).toContain(`Page ${page} of ${pages}`);
      if (page > 1) expect(text).toContain('Riverside Clinic — Thursday 26 November 2026 (continued)');
      for (const line of text.split('\n')) {
        const m = /(\d{2}:\d{2})\s+(Patient Number\d{2})\s+Dr\./.exec(line);
        if (m) seen.push(`${m[1]} ${m[2]}`);
      }
    }
    // Every appointment once, in time order, each row whole (its time and name on one line of one page).
    expect(seen).toEqual(rows.map((r) => `${r.startsAt.slice(11)} ${r.name}`));
  });

  it('says so on a day without appointments', async () => {
    engine = createTestEngine({ now: local('2026-11-25 07:00') });
    const { file, rows } = await printDay(engine, '2026-11-29');
    expect(rows).toBe(0);
    expect(pdfText(file)).toContain('No appointments on this day.');
  });
});
