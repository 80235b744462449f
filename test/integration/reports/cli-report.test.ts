import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phone, scheduleCsv } from '../../helpers/engine';
import { pdfPages, pdfText } from '../../helpers/reports/pdf-text';

/** `report day|contacts|patient` as a user runs them (the built CLI), docs/cli.md's contract. */

const ROOT = join(__dirname, '..', '..', '..');
let dir: string;
let db: string;

function cli(args: readonly string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'frontdesk.cjs'), ...args, '--db', db], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, FRONTDESK_TRANSPORT: 'simulate' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function cliJson<T = Record<string, unknown>>(args: readonly string[]): T {
  const r = cli([...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'frontdesk-cli-report-'));
  db = join(dir, 'clinic.db');
  writeFileSync(
    join(dir, 'schedule.csv'),
    scheduleCsv([
      { id: 'A1', name: 'Maria Lopez', phone: phone(1), email: 'maria@example.com', startsAt: '2026-11-27 10:00' },
      { id: 'A2', name: 'James Carter', phone: phone(2), startsAt: '2026-11-27 11:00', provider: 'Dr. Nguyen' },
      { id: 'A3', name: 'Ann Lee', email: 'ann@example.com', startsAt: '2026-11-27 12:00' },
    ]),
  );
  cliJson(['init', '--timezone', 'America/New_York', '--name', 'Riverside Clinic']);
  cliJson(['import', 'schedule.csv', '--now', '2026-11-25T09:00:00-05:00']);
  cliJson(['dispatch', '--now', '2026-11-25T10:00:00-05:00']);
  cliJson(['dispatch', '--now', '2026-11-26T11:00:00-05:00']);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('report day', () => {
  it('writes the day sheet PDF and says where, with the number of appointments', () => {
    const out = cliJson<{ file: string; appointments: number }>([
      'report',
      'day',
      '--date',
      '2026-11-27',
      '--pdf',
      'day.pdf',
      '--now',
      '2026-11-27T07:00:00-05:00',
    ]);
    expect(out).toEqual({ file: join(dir, 'day.pdf'), appointments: 3 });
    expect(pdfPages(out.file)).toBe(1);
    const text = pdfText(out.file);
    expect(text).toContain('Riverside Clinic — Friday 27 November 2026');
    expect(text).toMatch(/10:00\s+Maria Lopez\s+Dr\. Patel\s+Unconfirmed/);
    expect(text).toMatch(/11:00\s+James Carter\s+Dr\. Nguyen/);
    // Without --date: today in the clinic's zone.
    expect(cliJson(['report', 'day', '--pdf', 'today.pdf', '--now', '2026-11-27T07:00:00-05:00'])).toEqual({
      file: join(dir, 'today.pdf'),
      appointments: 3,
    });
  });
});

describe('report contacts', () => {
  it('writes every ledger row of the range as CSV, as many as `contacts` lists', () => {
    const ledger = cliJson<unknown[]>(['contacts']);
    expect(ledger.length).toBeGreaterThan(0);
    const out = cliJson<{ file: string; rows: number }>([
      'report',
      'contacts',
      '--from',
      '2026-11-01',
      '--to',
      '2026-11-30',
      '--csv',
      'contacts.csv',
    ]);
    expect(out).toEqual({ file: join(dir, 'contacts.csv'), rows: ledger.length });
    const records = parse(readFileSync(out.file, 'utf8').replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(ledger.length);
    expect(records.map((r) => r['appointment']).sort()).toEqual((ledger as { appointment: string }[]).map((l) => l.appointment).sort());
    // Phone numbers start with "+", which a spreadsheet would read as a formula: written as text.
    expect(records.filter((r) => r['channel'] === 'sms').every((r) => r['address']!.startsWith("'+1212555"))).toBe(true);
    const outside = cliJson<{ rows: number }>([
      'report',
      'contacts',
      '--from',
      '2026-12-01',
      '--to',
      '2026-12-31',
      '--csv',
      'december.csv',
    ]);
    expect(outside.rows).toBe(0);
  });
});

describe('report patient', () => {
  it('by appointment as PDF and by phone as CSV', () => {
    const pdf = cliJson<{ file: string; rows: number }>(['report', 'patient', '--appointment', 'A1', '--pdf', 'a1.pdf']);
    expect(pdf.file).toBe(join(dir, 'a1.pdf'));
    expect(pdf.rows).toBeGreaterThan(3);
    expect(pdfText(pdf.file)).toContain('contact and consent history: A1');
    const csv = cliJson<{ file: string; rows: number }>(['report', 'patient', '--phone', '(212) 555-0102', '--csv', 'james.csv']);
    const records = parse(readFileSync(csv.file, 'utf8').replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(csv.rows);
    expect(records[0]).toMatchObject({ kind: 'consent', patient: 'James Carter', event: 'patient added', actor: 'cli' });
    expect(records.some((r) => r['kind'] === 'attempt' && r['channel'] === 'text')).toBe(true);
  });
});

describe('report: bad input is one line on stderr, exit 2, and no file', () => {
  it.each([
    [['report'], 'report needs one of: day, contacts, patient'],
    [['report', 'week'], 'report needs one of: day, contacts, patient (got "week")'],
    [['report', 'day'], 'report day needs --pdf FILE (e.g. --pdf today.pdf)'],
    [['report', 'day', '--date', '27/11/2026', '--pdf', 'x.pdf'], '--date must be a date YYYY-MM-DD, got "27/11/2026"'],
    [['report', 'day', '--csv', 'x.csv'], 'report day does not take --csv (it takes --date, --pdf)'],
    [
      ['report', 'contacts', '--from', '2026-11-30', '--to', '2026-11-01', '--csv', 'x.csv'],
      '--from (2026-11-30) is after --to (2026-11-01)',
    ],
    [['report', 'contacts', '--from', '2026-11-01', '--csv', 'x.csv'], 'report contacts needs --to YYYY-MM-DD'],
    [
      ['report', 'patient', '--phone', '(212) 555-0101', '--appointment', 'A1', '--csv', 'x.csv'],
      'report patient needs --phone P or --appointment ID (one of them)',
    ],
    [
      ['report', 'patient', '--appointment', 'A1', '--csv', 'x.csv', '--pdf', 'x.pdf'],
      'report patient needs --pdf FILE or --csv FILE (one of them)',
    ],
    [['report', 'patient', '--appointment', 'NOPE', '--csv', 'x.csv'], 'no appointment with id "NOPE"'],
    [['report', 'patient', '--phone', '12', '--csv', 'x.csv'], '--phone:'],
    [['report', 'day', '--pdf', 'no-such-folder/day.pdf'], `day.pdf: its folder does not exist`],
  ])('%j', (args, message) => {
    const before = readdirSync(dir).sort();
    const r = cli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(message);
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(existsSync(join(dir, 'x.csv'))).toBe(false);
  });
});
