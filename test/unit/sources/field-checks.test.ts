import { describe, expect, it } from 'vitest';
import { quoted } from '../../../electron/core/platform/quote';
import { csv, HEADER, importCsv, newDb } from '../schedule/helpers';

const NOTES_HEADER = `${HEADER},notes`;

/** One row of HEADER with some cells replaced. */
function row(cells: Partial<Record<'id' | 'name' | 'phone' | 'email' | 'start' | 'provider' | 'status', string>>): string {
  const c = {
    id: 'A1',
    name: 'Ann Lee',
    phone: '(212) 555-0101',
    email: '',
    start: '2026-11-26 09:00',
    provider: 'Dr. P',
    status: 'booked',
    ...cells,
  };
  return [c.id, c.name, c.phone, c.email, c.start, '30', c.provider, c.status].join(',');
}

function rejectOne(line: string, header = HEADER): { row: number; reason: string; patient?: string } {
  const result = importCsv(newDb(), csv(header, line));
  expect(result.created).toBe(0);
  expect(result.rejected).toHaveLength(1);
  return result.rejected[0]!;
}

describe('field limits', () => {
  it('takes a name of 200 characters and rejects one of 201, quoting at most 60 characters of it', () => {
    expect(importCsv(newDb(), csv(HEADER, row({ name: 'N'.repeat(200) }))).created).toBe(1);
    const { reason } = rejectOne(row({ name: 'N'.repeat(201) }));
    expect(reason).toBe(`patient_name is 201 characters long (at most 200): "${'N'.repeat(59)}…" (201 characters)`);
  });

  it('takes an email of 254 characters and rejects one of 255', () => {
    // 64-character local part, domain labels of at most 63: 64 + 1 + 63 + 1 + 63 + 1 + 57 + 4 = 254.
    const email = `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`;
    expect(email).toHaveLength(254);
    expect(importCsv(newDb(), csv(HEADER, row({ email, phone: '' }))).created).toBe(1);
    const { reason } = rejectOne(row({ email: `x${email}`, phone: '' }));
    expect(reason).toBe(`email is 255 characters long (at most 254): "x${'a'.repeat(58)}…" (255 characters)`);
  });

  it.each([
    ['external_id', row({ id: 'X'.repeat(101) }), 100],
    ['phone', row({ phone: '2'.repeat(51) }), 50],
    ['starts_at', row({ start: '2026-11-26 09:00'.padEnd(41, 'x') }), 40],
    ['provider', row({ provider: 'P'.repeat(201) }), 200],
    ['status', row({ status: 'b'.repeat(41) }), 40],
  ])('rejects an over-long %s', (column, line, limit) => {
    expect(rejectOne(line).reason).toMatch(new RegExp(`^${column} is \\d+ characters long \\(at most ${limit}\\): "`));
  });

  it('never repeats more than about 60 characters of a bad value in a message (a 60,000-character phone)', () => {
    const result = importCsv(newDb(), csv(HEADER, row({ phone: '5'.repeat(60_000) }), row({ id: 'A2', start: 'x'.repeat(60_000) })));
    expect(result.rejected.map((r) => r.row)).toEqual([2, 3]);
    for (const { reason } of result.rejected) expect(reason.length).toBeLessThan(160);
    expect(result.rejected[0]?.reason).toBe(`phone is 60,000 characters long (at most 50): "${'5'.repeat(59)}…" (60,000 characters)`);
  });

  it('rejects a 5 MB field without echoing it, and reads the next row', () => {
    const result = importCsv(newDb(), csv(HEADER, row({ phone: '5'.repeat(5_000_000) }), row({ id: 'A2' })));
    expect(result.created).toBe(1);
    expect(result.rejected).toEqual([{ row: 2, reason: 'the row is longer than 65,536 characters' }]);
  });
});

describe('control characters', () => {
  it.each([
    [
      'a NUL in a name',
      row({ name: 'Ann\u0000Lee' }),
      'patient_name contains a NUL character (U+0000): is the file really a CSV text file?',
    ],
    ['a bell in a provider', row({ provider: 'Dr.\u0007P' }), 'provider contains a control character (U+0007)'],
    ['a tab in an id', row({ id: 'A\t1' }), 'external_id contains a tab'],
    ['a C1 control in a name', row({ name: 'Ann\u0085Lee' }), 'patient_name contains a control character (U+0085)'],
    [
      'U+FFFD from a wrong decoding',
      row({ name: 'Jos\ufffd' }),
      'patient_name contains an unreadable character (U+FFFD): the file was decoded in the wrong encoding',
    ],
    ['a right-to-left override', row({ name: 'Ann\u202eeeL' }), 'patient_name contains an invisible text-direction character (U+202E)'],
    [
      'a BOM in mid-file',
      row({ id: '\ufeffA1' }),
      'external_id contains a byte-order mark (U+FEFF) in mid-file: were two files pasted together?',
    ],
  ])('rejects %s with its row number', (_label, line, reason) => {
    // The patient's name comes with the reason when the name cell itself is readable.
    const patient = reason.startsWith('patient_name') ? {} : { patient: 'Ann Lee' };
    expect(rejectOne(line)).toEqual({ row: 2, reason, ...patient });
  });

  it('rejects a NUL in a column it does not read, naming the column', () => {
    expect(rejectOne(`${row({})},call\u0000me`, NOTES_HEADER)).toEqual({
      row: 2,
      reason: 'column "notes" contains a NUL character (U+0000): is the file really a CSV text file?',
      patient: 'Ann Lee',
    });
  });

  it('allows tabs in a column it does not read', () => {
    expect(importCsv(newDb(), csv(NOTES_HEADER, `${row({})},call\tme`)).created).toBe(1);
  });

  it('refuses a header with a control character as a whole file', () => {
    expect(() => importCsv(newDb(), csv(`${HEADER},no\u0000tes`, `${row({})},x`))).toThrow(
      'the CSV header row cannot be read: column "9" contains a NUL character',
    );
  });
});

describe('spreadsheet formulas', () => {
  it.each([
    ['patient_name', row({ name: '"=HYPERLINK(""http://evil.example"",""Click"")"' })],
    ['patient_name', row({ name: '+cmd|/c calc' })],
    ['patient_name', row({ name: '-2+3' })],
    ['patient_name', row({ name: '@SUM(A1:A9)' })],
    ['provider', row({ provider: '=1+1' })],
    ['external_id', row({ id: '=A1' })],
    ['email', row({ email: '=x@example.com', phone: '' })],
    ['patient_name', row({ name: '  =TRIMMED()' })],
  ])('rejects %s starting like a formula, with its row number', (column, line) => {
    const rejected = rejectOne(line);
    expect(rejected.row).toBe(2);
    expect(rejected.reason).toMatch(new RegExp(`^${column} ".*" starts with "[=+\\-@]", which a spreadsheet would run as a formula$`));
  });

  it('takes phone numbers written with + (not free text)', () => {
    expect(importCsv(newDb(), csv(HEADER, row({ phone: '+1 212 555 0101' }))).created).toBe(1);
  });

  it('takes names with =, + and - inside', () => {
    expect(importCsv(newDb(), csv(HEADER, row({ name: 'Ann Lee-Smith + 1' }))).created).toBe(1);
  });
});

describe('quoted (error messages)', () => {
  it('keeps short values whole and cuts long ones to 60 characters with the real length', () => {
    expect(quoted('abc')).toBe('"abc"');
    expect(quoted('x'.repeat(60))).toBe(`"${'x'.repeat(60)}"`);
    expect(quoted('x'.repeat(61))).toBe(`"${'x'.repeat(59)}…" (61 characters)`);
  });

  it('shows control characters as escapes and never splits an emoji', () => {
    expect(quoted('a\u0000b\nc')).toBe('"a\\u0000b\\u000ac"');
    expect(quoted(`${'x'.repeat(58)}😀😀`)).toBe(`"${'x'.repeat(58)}…" (62 characters)`);
  });
});
