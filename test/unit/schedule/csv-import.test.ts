import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { first, scalar, sql } from '../../../electron/core/db/sql';
import { UserError } from '../../../electron/core/platform/errors';
import { importScheduleCsv } from '../../../electron/core/sources/csv/import-csv';
import { appointment, csv, HEADER, importCsv, local, newDb, NOW, ZONE } from './helpers';

describe('importScheduleCsv: reading the file', () => {
  it('imports the README sample: 12 appointments, one bad phone rejected on its row', () => {
    const db = newDb();
    const text = readFileSync(join(__dirname, '../../fixtures/sample-schedule.csv'), 'utf8');
    const result = importCsv(db, text);
    expect(result).toMatchObject({ created: 12, updated: 0, unchanged: 0 });
    expect(result.rejected).toEqual([{ row: 12, reason: 'phone "555-12" is not a valid number for US', patient: expect.any(String) }]);
    expect(result.changedAppointmentIds).toHaveLength(12);
    expect(appointment(db, 'A-1007').status).toBe('cancelled');
    expect(appointment(db, 'A-1008').starts_at).toBe(Date.parse('2026-11-27T13:30:00Z'));
  });

  it('accepts columns in any order, with header names trimmed, any case, and unknown columns ignored', () => {
    const db = newDb();
    const result = importCsv(
      db,
      csv(' Starts_At ,NOTES,Patient Name,external_id,Phone', '2026-11-26 09:00,bring forms,Maria Lopez,A1,(212) 555-0101'),
    );
    expect(result).toMatchObject({ created: 1, rejected: [] });
    const row = appointment(db, 'A1');
    expect(row).toMatchObject({ starts_at: local('2026-11-26T09:00'), duration_min: 30, status: 'booked', provider: '' });
    const patient = first(db, sql`SELECT name, phone, email FROM patients WHERE id = ${row.patient_id}`);
    expect(patient).toEqual({ name: 'Maria Lopez', phone: '+12125550101', email: null });
  });

  it('reads both date formats', () => {
    const db = newDb();
    importCsv(db, csv(HEADER, 'A1,Ann,(212) 555-0101,,2026-11-27T09:30:00-05:00,,,', 'A2,Bob,(212) 555-0102,,2026-11-27 09:30,,,'));
    expect(appointment(db, 'A1').starts_at).toBe(Date.parse('2026-11-27T14:30:00Z'));
    expect(appointment(db, 'A2').starts_at).toBe(Date.parse('2026-11-27T14:30:00Z'));
  });

  it('rejects the whole file when a required column is missing, naming it', () => {
    const db = newDb();
    const run = (): unknown => importCsv(db, csv('external_id,phone,starts_at', 'A1,(212) 555-0101,2026-11-26 09:00'));
    expect(run).toThrow(UserError);
    // An appointment id is no longer required (a key is derived from patient, start and provider, with a warning).
    expect(run).toThrow('the CSV header has no "patient_name" column (required: patient_name and starts_at, or a practice system');
    expect(() => importCsv(db, '')).toThrow(/the CSV file is empty/);
    expect(() => importCsv(db, csv('external_id,patient_name,starts_at,Phone,phone'))).toThrow(/"phone" twice/);
  });

  it('rejects a bad clinic zone or phone region before reading anything', () => {
    const db = newDb();
    expect(() => importScheduleCsv(db, HEADER, { timezone: 'Mars/Base', defaultRegion: 'US', now: NOW })).toThrow(
      /clinic time zone "Mars\/Base"/,
    );
    expect(() => importScheduleCsv(db, HEADER, { timezone: ZONE, defaultRegion: 'ZZ', now: NOW })).toThrow(/"ZZ"/);
  });

  it('rejects bad rows by file row number (header = row 1) while the good rows import', () => {
    const db = newDb();
    const result = importCsv(
      db,
      csv(
        HEADER,
        'A1,Good One,(212) 555-0101,,2026-11-26 09:00,30,Dr. P,booked',
        'A2,No Contact,,,2026-11-26 09:30,30,Dr. P,booked',
        'A3,Bad Email,,not-an-email,2026-11-26 10:00,30,Dr. P,booked',
        'A4,Gap,(212) 555-0104,,2026-03-08 02:30,30,Dr. P,booked',
        'A5,Bad Duration,(212) 555-0105,,2026-11-26 11:00,-5,Dr. P,booked',
        'A6,Bad Status,(212) 555-0106,,2026-11-26 11:30,30,Dr. P,pending',
        'A7,Too Few Fields,(212) 555-0107',
        ',,(212) 555-0108,,,30,Dr. P,booked',
        'A9,Good Two,,ok@example.com,2026-11-26 12:00,15,Dr. P,Confirmed',
      ),
    );
    expect(result.created).toBe(2);
    expect(result.rejected).toEqual([
      { row: 3, reason: 'no phone or email: at least one is needed', patient: 'No Contact' },
      { row: 4, reason: 'email "not-an-email" is not a valid address', patient: 'Bad Email' },
      { row: 5, reason: 'starts_at "2026-03-08 02:30" does not exist in America/New_York (daylight-saving gap)', patient: 'Gap' },
      { row: 6, reason: 'duration_min "-5" must be a whole number of minutes between 1 and 1440', patient: 'Bad Duration' },
      { row: 7, reason: 'status "pending" is not one of booked, confirmed, cancelled, completed, no_show', patient: 'Bad Status' },
      { row: 8, reason: 'row has 3 fields but the header has 8 (an unquoted comma, or a missing field?)' },
      { row: 9, reason: 'external_id is empty; patient_name is empty; starts_at is empty' },
    ]);
    expect(appointment(db, 'A9')).toMatchObject({ status: 'confirmed', confirmed_at: NOW, duration_min: 15 });
  });

  it('rejects a later row that repeats an external_id, keeping the first', () => {
    const db = newDb();
    const result = importCsv(
      db,
      csv(HEADER, 'A1,First,(212) 555-0101,,2026-11-26 09:00,,,', 'A1,Second,(212) 555-0102,,2026-11-26 10:00,,,'),
    );
    expect(result.created).toBe(1);
    expect(result.rejected).toEqual([{ row: 3, reason: 'external_id "A1" already appears on row 2 of this file', patient: 'Second' }]);
    expect(appointment(db, 'A1').starts_at).toBe(local('2026-11-26T09:00'));
  });

  it('handles quoted fields, a BOM and CRLF, numbering rows by the line they start on', () => {
    const db = newDb();
    const text =
      '\uFEFF' +
      [
        `${HEADER},notes`,
        'A1,"Okafor, Chidi",(212) 555-0101,,2026-11-26 09:00,30,"Dr. ""Sam"" Patel",booked,',
        'A2,Ana Diaz,(212) 555-0102,,2026-11-26 09:30,30,,booked,"Uses a wheelchair.\r\nCall on arrival"',
        'A3,Bad,(212) 555-0103,,someday,30,,booked,',
        'A4,"Unclosed,(212) 555-0104,,2026-11-26 10:00,30,,booked,',
        'A5,Last,(212) 555-0105,,2026-11-26 10:30,30,,booked,',
      ].join('\r\n');
    const result = importCsv(db, text);
    expect(result.created).toBe(3);
    expect(result.rejected.map((r) => r.row)).toEqual([5, 6]);
    expect(result.rejected[1]?.reason).toBe('a quoted field is never closed (missing ")');
    const name = (id: string): unknown => scalar(db, sql`SELECT name FROM patients WHERE id = ${appointment(db, id).patient_id}`);
    expect(name('A1')).toBe('Okafor, Chidi');
    expect(name('A2')).toBe('Ana Diaz');
    expect(appointment(db, 'A1').provider).toBe('Dr. "Sam" Patel');
    expect(appointment(db, 'A5').starts_at).toBe(local('2026-11-26T10:30'));
  });

  it('reads an optional patient time zone column', () => {
    const db = newDb();
    const result = importCsv(
      db,
      csv(
        'external_id,patient_name,phone,starts_at,timezone',
        'T1,Ann,(212) 555-0101,2026-11-27 09:00,America/Chicago',
        'T2,Bob,(212) 555-0102,2026-11-27 09:30,',
        'T3,Cy,(212) 555-0103,2026-11-27 10:00,Central',
      ),
    );
    expect(result.rejected).toEqual([
      { row: 4, reason: 'timezone "Central" is not an IANA time zone (e.g. America/Chicago)', patient: 'Cy' },
    ]);
    const zone = (id: string): unknown => scalar(db, sql`SELECT timezone FROM patients WHERE id = ${appointment(db, id).patient_id}`);
    expect([zone('T1'), zone('T2')]).toEqual(['America/Chicago', null]);
    // The start time is still read in the clinic's zone: the patient's zone is for quiet hours and budgets.
    expect(appointment(db, 'T1').starts_at).toBe(local('2026-11-27T09:00'));
  });

  it('rejects the whole file when the header row itself is broken', () => {
    expect(() => importCsv(newDb(), '"external_id,patient_name,starts_at\nA1,Ann,2026-11-27 09:00\n')).toThrow(/header row cannot be read/);
  });

  it('imports a header-only file as nothing', () => {
    const db = newDb();
    expect(importCsv(db, HEADER)).toEqual({
      created: 0,
      updated: 0,
      unchanged: 0,
      rejected: [],
      rejectedCount: 0,
      remindersCancelled: 0,
      changedAppointmentIds: [],
    });
  });
});
