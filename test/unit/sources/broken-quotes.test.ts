import { describe, expect, it } from 'vitest';
import { column, first, sql } from '../../../electron/core/db/sql';
import { appointment, csv, HEADER, importCsv, local, newDb } from '../schedule/helpers';

const NOTES_HEADER = `${HEADER},notes`;

function patientOf(db: ReturnType<typeof newDb>, externalId: string): { name: string; phone: string | null } {
  return first<{ name: string; phone: string | null }>(
    db,
    sql`SELECT name, phone FROM patients WHERE id = ${appointment(db, externalId).patient_id}`,
  )!;
}

function importedIds(db: ReturnType<typeof newDb>): string[] {
  return column<string>(db, sql`SELECT external_id FROM appointments ORDER BY external_id`);
}

describe('CSV files with broken quotes: rows are read exactly or rejected by line, never glued', () => {
  it('a stray quote opening a name, "closed" by a quote three lines down: every line it spans is rejected', () => {
    const db = newDb();
    // What the old reader did: one row A2 with a three-line name, Cy's phone and Cy's time; A3 and A4 vanished.
    const result = importCsv(
      db,
      csv(
        HEADER,
        'A1,Maria Lopez,(212) 555-0101,,2026-11-26 09:00,30,Dr. Patel,booked',
        'A2,"Nena Diaz,(212) 555-0102,,2026-11-26 09:30,30,Dr. Patel,booked',
        'A3,Bob Smith,(212) 555-0103,,2026-11-26 10:00,30,Dr. Patel,booked',
        'A4,Cy Jones 5",(212) 555-0104,,2026-11-26 10:30,30,Dr. Patel,booked',
        'A5,Dee Park,(212) 555-0105,,2026-11-26 11:00,30,Dr. Patel,booked',
      ),
    );
    expect(result).toMatchObject({ created: 2, rejectedCount: 3 });
    expect(result.rejected.map((r) => r.row)).toEqual([3, 4, 5]);
    expect(result.rejected[0]?.reason).toBe(
      'a quoted field runs from line 3 to line 5 and puts a line break into patient_name: lines 3–5 are not imported ' +
        '(a stray or missing " on line 3?)',
    );
    expect(result.rejected[1]?.reason).toBe('not imported: this line is inside the quoted field that starts on line 3');
    expect(importedIds(db)).toEqual(['A1', 'A5']);
    expect(patientOf(db, 'A5')).toEqual({ name: 'Dee Park', phone: '+12125550105' });
  });

  it('a stray quote in a notes column that swallows whole rows: all of them are rejected, none vanishes', () => {
    const db = newDb();
    // Same field count as the header and no line break in a column we read: only the swallowed rows give it away.
    const result = importCsv(
      db,
      csv(
        NOTES_HEADER,
        'A1,Maria Lopez,(212) 555-0101,,2026-11-26 09:00,30,Dr. Patel,booked,"Prefers mornings, call first',
        'A2,Bob Smith,(212) 555-0102,,2026-11-26 10:00,30,Dr. Patel,booked,',
        'A3,Cy Jones,(212) 555-0103,,2026-11-26 10:30,30,Dr. Patel,booked,wheelchair"',
        'A4,Dee Park,(212) 555-0104,,2026-11-26 11:00,30,Dr. Patel,booked,',
      ),
    );
    expect(result.rejected.map((r) => r.row)).toEqual([2, 3, 4]);
    expect(result.rejected[0]?.reason).toMatch(/^a quoted field runs from line 2 to line 4 and swallows a line that looks like a row/);
    expect(importedIds(db)).toEqual(['A4']);
  });

  it('an unclosed quote at the end of the file rejects that row only', () => {
    const db = newDb();
    const result = importCsv(
      db,
      csv(
        HEADER,
        'A1,Maria Lopez,(212) 555-0101,,2026-11-26 09:00,30,Dr. Patel,booked',
        'A2,Bob Smith,(212) 555-0102,,2026-11-26 10:00,30,"Dr. Patel,booked',
      ),
    );
    expect(result.created).toBe(1);
    expect(result.rejected).toEqual([{ row: 3, reason: 'a quoted field is never closed (missing ")' }]);
  });

  it('an unclosed quote mid-file rejects its row and the rows after it still import with their own data', () => {
    const db = newDb();
    const result = importCsv(
      db,
      csv(
        HEADER,
        'A1,"Maria Lopez,(212) 555-0101,,2026-11-26 09:00,30,Dr. Patel,booked',
        'A2,Bob Smith,(212) 555-0102,,2026-11-26 10:00,30,Dr. Patel,booked',
        'A3,"Okafor, Chidi",(212) 555-0103,,2026-11-26 10:30,30,Dr. Patel,booked',
      ),
    );
    expect(result.rejected.map((r) => r.row)).toEqual([2]);
    expect(importedIds(db)).toEqual(['A2', 'A3']);
    expect(patientOf(db, 'A2')).toEqual({ name: 'Bob Smith', phone: '+12125550102' });
    expect(patientOf(db, 'A3')).toEqual({ name: 'Okafor, Chidi', phone: '+12125550103' });
  });

  it('a quote in the middle of an unquoted field is part of the name', () => {
    const db = newDb();
    const result = importCsv(db, csv(HEADER, 'A1,Ana "Nena" Diaz,(212) 555-0101,,2026-11-26 09:00,30,Dr. Patel,booked'));
    expect(result).toMatchObject({ created: 1, rejected: [] });
    expect(patientOf(db, 'A1').name).toBe('Ana "Nena" Diaz');
  });

  it('text after a closing quote rejects that row, and the next row imports', () => {
    const db = newDb();
    const result = importCsv(
      db,
      csv(
        HEADER,
        'A1,"Nena" Diaz,(212) 555-0101,,2026-11-26 09:00,30,Dr. Patel,booked',
        'A2,Bob Smith,(212) 555-0102,,2026-11-26 10:00,30,Dr. Patel,booked',
      ),
    );
    expect(result.rejected).toEqual([{ row: 2, reason: 'a quoted field has text after its closing quote (a stray " in the row?)' }]);
    expect(importedIds(db)).toEqual(['A2']);
  });

  it('quoted fields with commas, doubled quotes and real multi-line notes still import, numbered by their first line', () => {
    const db = newDb();
    const result = importCsv(
      db,
      [
        NOTES_HEADER,
        'A1,"Okafor, Chidi",(212) 555-0101,,2026-11-26 09:00,30,"Dr. ""Sam"" Patel",booked,"Parking: rear lot, gate B',
        'Call on arrival, she uses a wheelchair"',
        'A2,Ana Diaz,(212) 555-0102,,2026-11-26 09:30,30,Dr. Patel,booked,"Line one\r\nline two\r\nline three"',
        'A3,Bad Time,(212) 555-0103,,someday,30,Dr. Patel,booked,',
      ].join('\r\n'),
    );
    expect(result).toMatchObject({ created: 2, rejectedCount: 1 });
    expect(result.rejected).toEqual([{ row: 7, reason: expect.stringMatching(/^starts_at "someday" is not a date/), patient: 'Bad Time' }]);
    expect(patientOf(db, 'A1').name).toBe('Okafor, Chidi');
    expect(appointment(db, 'A1').provider).toBe('Dr. "Sam" Patel');
    expect(appointment(db, 'A2').starts_at).toBe(local('2026-11-26T09:30'));
  });

  it('a multi-line field in a column we read is rejected, whatever it looks like', () => {
    const db = newDb();
    const result = importCsv(db, csv(HEADER, 'A1,"Ana', 'Diaz",(212) 555-0101,,2026-11-26 09:00,30,Dr. Patel,booked'));
    expect(result.rejected.map((r) => r.row)).toEqual([2, 3]);
    expect(result.rejected[0]?.reason).toMatch(/puts a line break into patient_name/);
    expect(result.created).toBe(0);
  });

  it('a row with a field too many across lines reports every line', () => {
    const db = newDb();
    const result = importCsv(
      db,
      csv(NOTES_HEADER, 'A1,Ana Diaz,(212) 555-0101,,2026-11-26 09:00,30,Dr. Patel,booked,"two', 'lines",extra'),
    );
    expect(result.rejected.map((r) => r.row)).toEqual([2, 3]);
    expect(result.rejected[0]?.reason).toMatch(
      /^a quoted field runs from line 2 to line 3 and makes a row of 10 fields where the header has 9/,
    );
  });
});
