import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');
const HEADER = 'external_id,patient_name,phone,email,starts_at,duration_min,provider,status';
const NOW = '2026-11-26T07:00:00-05:00';
let dir: string;

function cli(db: string, args: readonly string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'frontdesk.cjs'), ...args, '--db', db, '--now', NOW], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, FRONTDESK_TRANSPORT: 'simulate' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function freshDb(name: string): string {
  const db = join(dir, `${name}.db`);
  expect(cli(db, ['init', '--timezone', 'America/New_York']).code).toBe(0);
  return db;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'frontdesk-cli-files-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CLI import FILE reads the file from its path', () => {
  it('decodes a Windows-1252 export (Excel "CSV" on Windows): "José Müller" stays right', () => {
    const db = freshDb('win1252');
    const text = `${HEADER}\r\nA1,José Müller,(212) 555-0101,,2026-11-28 10:00,30,Dr. O’Neil,booked\r\n`;
    // Latin-1 bytes, with 0x92 for the curly apostrophe: what Excel writes.
    writeFileSync(join(dir, 'excel.csv'), Buffer.from([...text].map((c) => (c === '’' ? 0x92 : c.charCodeAt(0)))));
    const imported = cli(db, ['import', 'excel.csv', '--json']);
    expect(imported.stderr).toBe('');
    expect(JSON.parse(imported.stdout)).toMatchObject({ created: 1, rejected: [], rejectedCount: 0 });
    const today = JSON.parse(cli(db, ['today', '--date', '2026-11-28', '--json']).stdout) as { patient: string }[];
    expect(today.map((a) => a.patient)).toEqual(['José Müller']);
  });

  it('refuses a file it cannot read as text with one line on stderr, exit code 2, nothing imported', () => {
    const db = freshDb('refused');
    writeFileSync(
      join(dir, 'mixed.csv'),
      Buffer.concat([
        Buffer.from(`${HEADER}\nA1,José,(212) 555-0101,,2026-11-28 10:00,30,,booked\n`),
        Buffer.from([0x41, 0x32, 0x2c, 0xe9, 0x0a]),
      ]),
    );
    const r = cli(db, ['import', 'mixed.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/line 3 is not valid UTF-8, but lines before it are/);
    expect(JSON.parse(cli(db, ['today', '--date', '2026-11-28', '--json']).stdout)).toEqual([]);
  });

  it('a 5 MB phone field is rejected on its row and never echoed back', () => {
    const db = freshDb('huge-field');
    const huge = '5'.repeat(5_000_000);
    writeFileSync(
      join(dir, 'huge.csv'),
      `${HEADER}\nA1,Ann,${huge},,2026-11-28 10:00,30,,booked\nA2,Bob,(212) 555-0102,,2026-11-28 11:00,30,,booked\n`,
    );
    const r = cli(db, ['import', 'huge.csv', '--json']);
    expect(r.code).toBe(0);
    expect(r.stdout.length + r.stderr.length).toBeLessThan(1_000);
    expect(JSON.parse(r.stdout)).toMatchObject({ created: 1, rejected: [{ row: 2, reason: 'the row is longer than 65,536 characters' }] });
  });
});
