import { describe, expect, it } from 'vitest';
import { stmt } from '../../../electron/core/db/sql';
import { HEADER, importCsv, newDb, NOW } from './helpers';

const ROWS = 90_000;

/** A large, realistic file: 30,000 patients with three visits each over ~two months. */
function bigFile(): string {
  const lines = [HEADER];
  for (let i = 0; i < ROWS; i++) {
    const patient = i % 30_000;
    const phone = `(212) 555-${String(patient % 10_000).padStart(4, '0')}`;
    const day = 1 + (i % 28);
    const hour = 8 + (i % 9);
    const date = `2026-${i % 2 === 0 ? '12' : '11'}-${String(day).padStart(2, '0')} ${String(hour).padStart(2, '0')}:00`;
    lines.push(`E${i},Patient ${patient},${phone},p${patient}@example.com,${date},30,Dr. ${i % 7},booked`);
  }
  return lines.join('\n');
}

describe('importScheduleCsv: performance', () => {
  it(`imports ${ROWS} rows in a few seconds, and re-imports them as unchanged`, () => {
    const db = newDb();
    const text = bigFile();
    let started = performance.now();
    const first = importCsv(db, text);
    const firstMs = performance.now() - started;
    expect(first).toMatchObject({ created: ROWS, rejected: [] });
    expect(stmt(db, 'SELECT COUNT(*) FROM patients').pluck().get()).toBe(30_000);
    started = performance.now();
    const again = importCsv(db, text, NOW + 1);
    const againMs = performance.now() - started;
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: ROWS });
    console.log(`90k import: ${Math.round(firstMs)} ms; re-import: ${Math.round(againMs)} ms`);
    // Generous bound for a loaded 2-core CI box; typical runs are well under it.
    expect(firstMs).toBeLessThan(10_000);
    expect(againMs).toBeLessThan(10_000);
  });
});
