import { describe, expect, it } from 'vitest';
import { scalar, sql } from '../../../electron/core/db/sql';
import { HEADER, importCsv, newDb, NOW } from './helpers';

// Large enough to cross every batch boundary of staging and apply; speed is measured by `npm run bench`.
const ROWS = 20_000;

/** A large, realistic file: patients with several visits each over ~two months. */
function bigFile(): string {
  const lines = [HEADER];
  for (let i = 0; i < ROWS; i++) {
    const patient = i % 6_000;
    const phone = `(212) 555-${String(patient % 10_000).padStart(4, '0')}`;
    const day = 1 + (i % 28);
    const hour = 8 + (i % 9);
    const date = `2026-${i % 2 === 0 ? '12' : '11'}-${String(day).padStart(2, '0')} ${String(hour).padStart(2, '0')}:00`;
    lines.push(`E${i},Patient ${patient},${phone},p${patient}@example.com,${date},30,Dr. ${i % 7},booked`);
  }
  return lines.join('\n');
}

describe('importScheduleCsv: a large file', () => {
  it(`imports ${ROWS} rows, and re-imports them as unchanged`, () => {
    const db = newDb();
    const text = bigFile();
    const first = measure(() => importCsv(db, text));
    expect(first.value).toMatchObject({ created: ROWS, rejected: [] });
    expect(scalar(db, sql`SELECT COUNT(*) FROM patients`)).toBe(6_000);
    const again = measure(() => importCsv(db, text, NOW + 1));
    expect(again.value).toMatchObject({ created: 0, updated: 0, unchanged: ROWS });
    console.log(`${ROWS} rows: import ${first.label}; re-import ${again.label}`);
  });
});

function measure<T>(fn: () => T): { value: T; cpuMs: number; label: string } {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const value = fn();
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  return { value, cpuMs, label: `${Math.round(cpuMs)} ms CPU, ${Math.round(performance.now() - wall)} ms wall` };
}
