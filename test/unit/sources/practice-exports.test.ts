import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { importScheduleFile } from '../../../electron/core/api/import-schedule';
import type { WritableDB } from '../../../electron/core/db/connection';
import { openDatabase } from '../../../electron/core/db/connection';
import { ensureClinic } from '../../../electron/core/clinic/clinic-settings';
import { all, column, first, sql } from '../../../electron/core/db/sql';
import { excelDate, excelDateTime, excelTime, writeXlsx, zip } from '../../helpers/xlsx-writer';
import { appointment, dumpSchedule, local, NOW, ZONE } from '../schedule/helpers';

const EXPORTS = join(__dirname, '../../fixtures/exports');
const dirs: string[] = [];
const dbs: WritableDB[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'frontdesk-exports-'));
  dirs.push(dir);
  return dir;
}

/** A schedule file on disk with a clinic in New York (a US clinic: dates month first). */
function fileDb(): WritableDB {
  const db = openDatabase(join(tempDir(), 'clinic.db'));
  ensureClinic(db, NOW, ZONE);
  dbs.push(db);
  return db;
}

const importFile = (db: WritableDB, path: string, extra: Record<string, unknown> = {}) =>
  importScheduleFile(db, NOW, { path, fileName: path.split('/').pop(), actor: 'test', ...extra });

type PatientContactView = { name: string; phone: string | null; email: string | null; timezone: string | null };

function patientOf(db: WritableDB, externalId: string): PatientContactView {
  return first<PatientContactView>(
    db,
    sql`SELECT name, phone, email, timezone FROM patients WHERE id = ${appointment(db, externalId).patient_id}`,
  )!;
}

describe('Open Dental-style export (AptNum, LName/FName, AptDateTime, AptStatus, WirelessPhone/HmPhone)', () => {
  it('imports with its own header names, maps statuses, prefers the cell phone, and names the patient of each rejected row', async () => {
    const db = fileDb();
    const { summary } = await importFile(db, join(EXPORTS, 'open-dental-appointments.csv'));
    expect(summary).toMatchObject({ created: 5, rejectedCount: 2, kind: 'csv' });
    expect(summary.mapping).toMatchObject({
      AptNum: 'external_id',
      AptDateTime: 'starts_at',
      AptStatus: 'status',
      WirelessPhone: 'cell_phone',
    });
    expect(summary.ignoredColumns).toEqual(['Pattern', 'Note']);
    expect(summary.rejected).toEqual([
      { row: 7, patient: 'James Brown', reason: '"WirelessPhone" "555-12" is not a valid number for US' },
      { row: 8, patient: 'Soo-jin Kim', reason: expect.stringMatching(/^"AptStatus" "UnschedList" is not a status Frontdesk knows/) },
    ]);
    expect(appointment(db, '10231')).toMatchObject({ starts_at: local('2027-12-14T08:00'), status: 'booked', provider: 'DOC1' });
    expect(patientOf(db, '10231')).toMatchObject({ name: 'Chidi Okafor', phone: '+12125550141' });
    // No cell phone: the home phone is used.
    expect(patientOf(db, '10232').phone).toBe('+12125550142');
    expect(appointment(db, '10233').status).toBe('completed');
    expect(appointment(db, '10234').status).toBe('cancelled');
  });
});

describe('Dentrix-style appointment list (no id, date and time columns, "Last, First", Windows-1252)', () => {
  it('reads US dates and AM/PM times in clinic time, lengths in minutes, and derives a stable id', async () => {
    const db = fileDb();
    const path = join(EXPORTS, 'dentrix-appointment-list.csv');
    const { summary } = await importFile(db, path);
    expect(summary).toMatchObject({ created: 4, rejectedCount: 1, dateFormat: 'MDY', dateFormatSource: 'locale' });
    expect(summary.warnings?.[0]).toMatch(/no appointment id column.*a reschedule looks like a cancellation plus a new appointment/);
    expect(summary.rejected).toEqual([{ row: 6, patient: 'Adams, Ruth', reason: 'no phone or email: at least one is needed' }]);
    const rows = all<{
      external_id: string;
      starts_at: number;
      duration_min: number;
      status: string;
      name: string;
      phone: string;
    }>(
      db,
      sql`SELECT a.external_id, a.starts_at, a.duration_min, a.status, p.name, p.phone FROM appointments a JOIN patients p ON p.id = a.patient_id ORDER BY a.starts_at`,
    );
    expect(rows.map((r) => [r.name, r.starts_at, r.duration_min, r.status, r.phone])).toEqual([
      ['Peña, Sofía', local('2027-12-14T09:30'), 60, 'confirmed', '+19175550151'],
      ['O’Brien, Sean', local('2027-12-14T10:30'), 30, 'booked', '+12125550152'],
      ['Walker, Tom', local('2027-12-14T13:15'), 45, 'booked', '+19175550153'],
      ['Ito, Ken', local('2027-12-14T14:00'), 30, 'cancelled', '+12125550154'],
    ]);
    expect(rows.every((r) => /^auto-[0-9a-f]{20}$/.test(r.external_id))).toBe(true);
    // The same file again: the derived ids match, nothing changes.
    expect((await importFile(db, path)).summary).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
  });
});

describe('eClinicalWorks-style appointment report (Visit ID, 2-digit years, end times, cell/home/work phones)', () => {
  it('computes lengths from end times, falls back from cell to home phone, reads the patient zone', async () => {
    const db = fileDb();
    const { summary } = await importFile(db, join(EXPORTS, 'ecw-appointment-report.csv'));
    expect(summary).toMatchObject({ created: 5, rejectedCount: 1 });
    expect(summary.rejected).toEqual([
      { row: 5, patient: 'Paul Wilson', reason: '"End Time" "02:15 PM" is not after the start (at most 24 hours later)' },
    ]);
    expect(appointment(db, 'E-88001')).toMatchObject({
      starts_at: local('2027-12-14T08:15'),
      duration_min: 30,
      provider: 'Smith, John MD',
    });
    expect(patientOf(db, 'E-88002').phone).toBe('+12125550162');
    expect(appointment(db, 'E-88003')).toMatchObject({ starts_at: local('2027-12-14T13:15'), duration_min: 45, status: 'no_show' });
    expect(patientOf(db, 'E-88003').timezone).toBe('America/Chicago');
    expect(appointment(db, 'E-88005').status).toBe('completed');
    expect(appointment(db, 'E-88006').status).toBe('cancelled');
  });
});

describe('XLSX exports', () => {
  it('reads the first sheet of an Excel workbook: date cells, time cells, numbers, by content even named .csv', async () => {
    const db = fileDb();
    const path = join(tempDir(), 'export.csv');
    writeFileSync(
      path,
      writeXlsx([
        {
          name: 'Appointments',
          rows: [
            ['Appt Date', 'Appt Time', 'Last Name', 'First Name', 'Cell Phone', 'Appt Length', 'Status', 'Appt ID'],
            [excelDate(2027, 12, 14), excelTime(9, 30), 'Diaz', 'Ana', 2125550181, 30, 'Scheduled', 'X-1'],
            [excelDate(2027, 12, 14), excelTime(13, 15), 'Lee', 'Bo', '(212) 555-0182', 45, 'Confirmed', 'X-2'],
            [excelDate(2027, 3, 14), excelTime(2, 30), 'Gap', 'Dee', '(212) 555-0183', 30, 'Scheduled', 'X-3'],
          ],
        },
      ]),
    );
    const { summary } = await importFile(db, path);
    expect(summary).toMatchObject({ kind: 'xlsx', created: 2, rejectedCount: 1 });
    expect(appointment(db, 'X-1')).toMatchObject({ starts_at: local('2027-12-14T09:30'), duration_min: 30 });
    expect(appointment(db, 'X-2')).toMatchObject({ starts_at: local('2027-12-14T13:15'), status: 'confirmed', duration_min: 45 });
    // The spring-forward gap is rejected, as in CSV.
    expect(summary.rejected[0]).toMatchObject({
      row: 4,
      patient: 'Dee Gap',
      reason: expect.stringMatching(/does not exist in America\/New_York/),
    });
  });

  it('reads a named sheet, date-and-time cells, 1904 workbooks, and says which sheets there are when one is missing', async () => {
    const db = fileDb();
    const path = join(tempDir(), 'workbook.xlsx');
    const rows = [
      ['AptNum', 'Patient', 'AptDateTime', 'WirelessPhone'],
      ['7', 'Ann Lee', excelDateTime(2027, 12, 15, 8, 45), '(212) 555-0191'],
    ];
    writeFileSync(
      path,
      writeXlsx([
        { name: 'Summary', rows: [['Total', 1]] },
        { name: 'Detail', rows },
      ]),
    );
    expect((await importFile(db, path, { sheet: 'Detail' })).summary).toMatchObject({ created: 1, sheet: 'Detail' });
    expect(appointment(db, '7').starts_at).toBe(local('2027-12-15T08:45'));
    await expect(importFile(db, path, { sheet: 'Nope' })).rejects.toThrow(
      'workbook.xlsx has no sheet named "Nope" (its sheets: "Summary", "Detail")',
    );
    const path1904 = join(tempDir(), '1904.xlsx');
    const rows1904 = [
      ['AptNum', 'Patient', 'Appt Date', 'Appt Time', 'Phone'],
      ['8', 'Bo Diaz', excelDate(2027, 12, 16, true), excelTime(10, 0), '(212) 555-0192'],
    ];
    writeFileSync(path1904, writeXlsx([{ name: 'S', rows: rows1904 }], { epoch1904: true }));
    await importFile(db, path1904);
    expect(appointment(db, '8').starts_at).toBe(local('2027-12-16T10:00'));
  });

  it('refuses a file that cannot be read at all with one clear error, and changes nothing', async () => {
    const db = fileDb();
    await importFile(db, join(EXPORTS, 'ecw-appointment-report.csv'));
    const before = dumpSchedule(db);
    const dir = tempDir();
    const cases: [string, Buffer, RegExp][] = [
      ['notes.zip', zip([['notes.txt', Buffer.from('hello')]]), /is a ZIP archive, not an Excel workbook/],
      ['old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), /old Excel \.xls workbook/],
      [
        'broken.xlsx',
        Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from('xl/workbook.xml'), Buffer.alloc(64)]),
        /is not a readable Excel workbook/,
      ],
      ['report.pdf', Buffer.from('%PDF-1.7\n...'), /PDF/],
    ];
    for (const [name, bytes, error] of cases) {
      writeFileSync(join(dir, name), bytes);
      await expect(importFile(db, join(dir, name))).rejects.toThrow(error);
    }
    expect(dumpSchedule(db)).toEqual(before);
  });

  it('reads uploaded bytes the same way as the file on disk (Windows-1252 CSV and XLSX)', async () => {
    const fromDisk = fileDb();
    const fromBytes = fileDb();
    const path = join(EXPORTS, 'dentrix-appointment-list.csv');
    await importFile(fromDisk, path);
    await importScheduleFile(fromBytes, NOW, { bytes: new Uint8Array(readFileSync(path)), actor: 'test' });
    const names = (db: WritableDB) => column(db, sql`SELECT name FROM patients ORDER BY name`);
    expect(names(fromBytes)).toEqual(names(fromDisk));
    expect(names(fromBytes)).toContain('Peña, Sofía');
  });
});

describe('import --dry-run', () => {
  it('gives the same result as the real import and writes nothing (no commit seen by another connection)', async () => {
    const db = fileDb();
    const path = join(tempDir(), 'od.csv');
    copyFileSync(join(EXPORTS, 'open-dental-appointments.csv'), path);
    const other = new Database(db.name, { readonly: true });
    try {
      const version = other.pragma('data_version', { simple: true });
      const before = dumpSchedule(db);
      const dry = (await importFile(db, path, { dryRun: true })).summary;
      expect(dumpSchedule(db)).toEqual(before);
      expect(other.pragma('data_version', { simple: true })).toBe(version);
      const real = (await importFile(db, path)).summary;
      expect(other.pragma('data_version', { simple: true })).not.toBe(version);
      expect(dry).toEqual({ ...real, dryRun: true });
    } finally {
      other.close();
    }
  });
});
