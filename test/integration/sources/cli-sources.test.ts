import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { excelDate, excelTime, writeXlsx } from '../../helpers/xlsx-writer';

const ROOT = join(__dirname, '..', '..', '..');
const EXPORTS = join(ROOT, 'test', 'fixtures', 'exports');
const NOW = '2027-12-01T09:00:00-05:00';
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
  dir = mkdtempSync(join(tmpdir(), 'frontdesk-cli-sources-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CLI import of practice exports (docs/cli.md)', () => {
  it('--json adds kind and the mapping used; --dry-run prints the same and leaves the file untouched', () => {
    const db = freshDb('dry');
    copyFileSync(join(EXPORTS, 'open-dental-appointments.csv'), join(dir, 'od.csv'));
    const before = readFileSync(db);
    const dry = cli(db, ['import', 'od.csv', '--dry-run', '--json']);
    expect(dry.stderr).toBe('');
    const dryJson = JSON.parse(dry.stdout) as Record<string, unknown>;
    expect(dryJson).toMatchObject({
      kind: 'csv',
      created: 5,
      rejectedCount: 2,
      dryRun: true,
      mapping: { AptNum: 'external_id', AptDateTime: 'starts_at' },
    });
    expect(readFileSync(db).equals(before)).toBe(true);
    expect(existsSync(`${db}-wal`) ? statSync(`${db}-wal`).size : 0).toBe(0);
    const real = JSON.parse(cli(db, ['import', 'od.csv', '--json']).stdout) as Record<string, unknown>;
    expect({ ...real, dryRun: true }).toEqual(dryJson);
    expect((real.rejected as { row: number; patient: string }[]).map((r) => [r.row, r.patient])).toEqual([
      [7, 'James Brown'],
      [8, 'Soo-jin Kim'],
    ]);
  });

  it('reads an XLSX workbook by content, and day-first dates only with --date-format DMY', () => {
    const db = freshDb('xlsx');
    const rows = [
      ['Appt ID', 'Patient', 'Appt Date', 'Appt Time', 'Mobile'],
      ['X1', 'Ann Lee', excelDate(2027, 12, 14), excelTime(9, 30), '(212) 555-0101'],
    ];
    writeFileSync(join(dir, 'book.xlsx'), writeXlsx([{ name: 'Sheet1', rows }]));
    expect(JSON.parse(cli(db, ['import', 'book.xlsx', '--json']).stdout)).toMatchObject({ kind: 'xlsx', created: 1 });
    const today = JSON.parse(cli(db, ['today', '--date', '2027-12-14', '--json']).stdout) as { startsAt: string }[];
    expect(today.map((a) => a.startsAt)).toEqual(['2027-12-14T09:30:00-05:00']);

    writeFileSync(
      join(dir, 'uk.csv'),
      'Appt ID,Patient,Appt Date,Appt Time,Mobile\nU1,Bo Diaz,25/12/2027,10:00,(212) 555-0102\nU2,Cy Wu,03/12/2027,11:00,(212) 555-0103\n',
    );
    const refused = cli(db, ['import', 'uk.csv']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^error: row 2: "Appt Date" "25\/12\/2027" can only be read day first.*--date-format DMY\n$/);
    const dmy = JSON.parse(cli(db, ['import', 'uk.csv', '--date-format', 'DMY', '--json']).stdout) as Record<string, unknown>;
    expect(dmy).toMatchObject({ created: 2, dateFormat: 'DMY', dateFormatSource: 'option' });
    expect(cli(db, ['import', 'uk.csv', '--date-format', 'DDMM']).stderr).toMatch(/--date-format must be MDY, DMY or YMD/);
  });

  it('--map names a column the names do not cover; --rejected-csv writes the rows to fix', () => {
    const db = freshDb('map');
    writeFileSync(
      join(dir, 'odd.csv'),
      'Ref,Client,When,Cell\nR1,Ann Lee,12/14/2027 9:30 AM,(212) 555-0101\nR2,Bo Diaz,12/14/2027 9:45 AM,12\n',
    );
    const args = ['import', 'odd.csv', '--map', 'Ref=external_id', '--map', 'Client=patient_name', '--map', 'When=starts_at'];
    const r = JSON.parse(cli(db, [...args, '--rejected-csv', 'fix.csv', '--json']).stdout) as Record<string, unknown>;
    expect(r).toMatchObject({
      created: 1,
      rejectedCount: 1,
      mapping: { Ref: 'external_id', Client: 'patient_name', When: 'starts_at', Cell: 'cell_phone' },
    });
    expect(r.rejectedCsv).toBeUndefined();
    expect(readFileSync(join(dir, 'fix.csv'), 'utf8')).toMatch(
      /^\uFEFFRow,Reason,Ref,Client,When,Cell\r\n3,.*,R2,Bo Diaz,12\/14\/2027 9:45 AM,12\r\n$/,
    );
    expect(cli(db, ['import', 'odd.csv', '--map', 'Ref']).stderr).toMatch(/--map needs COLUMN=FIELD/);
  });
});

describe('CLI sources (docs/cli.md)', () => {
  it('sources add folder → {id}; sync imports and moves the file; list shows {id, kind, target, lastSyncAt, lastResult}; remove', () => {
    const db = freshDb('sources');
    const folder = join(dir, 'exports');
    mkdirSync(folder);
    const added = JSON.parse(cli(db, ['sources', 'add', 'folder', 'exports', '--full-export', '--json']).stdout) as Record<string, unknown>;
    expect(added).toMatchObject({ id: 1, kind: 'folder', target: folder, fullExport: true });
    copyFileSync(join(EXPORTS, 'ecw-appointment-report.csv'), join(folder, 'ecw.csv'));
    utimesSync(join(folder, 'ecw.csv'), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    const synced = JSON.parse(cli(db, ['sources', 'sync', '--json']).stdout) as Record<string, unknown>[];
    expect(synced).toEqual([
      expect.objectContaining({
        sourceId: 1,
        file: 'ecw.csv',
        outcome: 'imported',
        summary: '5 created, 0 updated, 0 unchanged, 1 rejected',
      }),
    ]);
    expect(existsSync(join(folder, 'ecw.csv'))).toBe(false);
    expect(readdirSync(join(folder, 'processed')).filter((n) => n.endsWith('.result.json'))).toHaveLength(1);
    const list = JSON.parse(cli(db, ['sources', 'list', '--json']).stdout) as Record<string, unknown>[];
    expect(list).toEqual([
      expect.objectContaining({
        id: 1,
        kind: 'folder',
        target: folder,
        lastSyncAt: '2027-12-01T09:00:00-05:00',
        lastResult: '5 created, 0 updated, 0 unchanged, 1 rejected',
      }),
    ]);
    expect(cli(db, ['sources', 'add', 'folder', 'missing-folder']).stderr).toMatch(
      /^error: cannot use the folder .*missing-folder: ENOENT\n$/,
    );
    expect(cli(db, ['sources', 'remove', '7']).code).toBe(2);
    expect(JSON.parse(cli(db, ['sources', 'remove', '1', '--json']).stdout)).toEqual([]);
  });
});
