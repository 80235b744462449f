import { describe, expect, it } from 'vitest';
import { readDateText, readTimeText, splitDateTime } from '../../../electron/core/sources/mapping/date-text';
import { chooseDateFormat, FileDates } from '../../../electron/core/sources/mapping/file-dates';
import { UserError } from '../../../electron/core/platform/errors';

const dates = (option?: 'MDY' | 'DMY' | 'YMD', country = 'US') => new FileDates(chooseDateFormat(option, country));

describe('date and time texts', () => {
  it.each([
    ['12/14/2027', { year: 2027, month: 12, day: 14 }],
    ['12/14/27', { year: 2027, month: 12, day: 14 }],
    ['2027-12-14', { year: 2027, month: 12, day: 14 }],
    ['Dec 14, 2027', { year: 2027, month: 12, day: 14 }],
    ['Tuesday, December 14, 2027', { year: 2027, month: 12, day: 14 }],
    ['14-Dec-2027', { year: 2027, month: 12, day: 14 }],
  ])('reads %s (US clinic)', (text, date) => {
    expect(dates().read(text, 'date', 2)).toEqual({ ok: true, date });
  });

  it.each([
    ['9:30 AM', { hour: 9, minute: 30, second: 0 }],
    ['9:30am', { hour: 9, minute: 30, second: 0 }],
    ['12:00 PM', { hour: 12, minute: 0, second: 0 }],
    ['12:15 a.m.', { hour: 0, minute: 15, second: 0 }],
    ['13:15', { hour: 13, minute: 15, second: 0 }],
    ['09:30:00', { hour: 9, minute: 30, second: 0 }],
    ['0930', { hour: 9, minute: 30, second: 0 }],
    ['9 PM', { hour: 21, minute: 0, second: 0 }],
  ])('reads the time %s', (text, time) => expect(readTimeText(text)).toEqual(time));

  it('refuses what is not a time of day', () => {
    for (const text of ['13:15 PM', '0:30 AM', '25:00', '9:75', '9', 'noon']) expect(readTimeText(text)).toBeUndefined();
  });

  it('splits a date and time in one cell, and never reads a year as a time', () => {
    expect(splitDateTime('12/14/2027 9:30 AM')).toEqual(['12/14/2027', '9:30 AM']);
    expect(splitDateTime('Dec 14, 2027, 1:15 PM')).toEqual(['Dec 14, 2027', '1:15 PM']);
    expect(splitDateTime('2027-12-14T09:30')).toEqual(['2027-12-14', '09:30']);
    expect(splitDateTime('Dec 14, 2027')).toEqual(['Dec 14, 2027', undefined]);
    expect(readDateText('13/45/2027')).toEqual({ kind: 'year-last', first: 13, second: 45, year: 2027 });
  });
});

describe("a file's date order: never guessed day first", () => {
  it('a US clinic reads 03/04/2027 month first (March 4)', () => {
    expect(dates().read('03/04/2027', 'date', 2)).toEqual({ ok: true, date: { year: 2027, month: 3, day: 4 } });
  });

  it('a date that only works day first refuses the whole file, pointing to --date-format DMY', () => {
    const read = () => dates().read('25/12/2027', '"Appt Date"', 7);
    expect(read).toThrow(UserError);
    expect(read).toThrow(/row 7: "Appt Date" "25\/12\/2027" can only be read day first.*import it with --date-format DMY/);
  });

  it('day first only when asked; then a month-first-only date refuses the file', () => {
    expect(dates('DMY').read('03/04/2027', 'date', 2)).toEqual({ ok: true, date: { year: 2027, month: 4, day: 3 } });
    expect(() => dates('DMY').read('12/25/2027', 'date', 3)).toThrow(/--date-format DMY was given.*--date-format MDY/);
  });

  it('a country where both orders are common (Canada) refuses dates that read differently, but not 04/04', () => {
    expect(() => dates(undefined, 'CA').read('03/04/2027', 'date', 2)).toThrow(
      /import the file with --date-format MDY or --date-format DMY/,
    );
    expect(() => dates(undefined, 'CA').read('25/12/2027', 'date', 2)).toThrow(/--date-format/);
    expect(dates(undefined, 'CA').read('04/04/2027', 'date', 2)).toMatchObject({ ok: true });
    expect(dates(undefined, 'CA').read('2027-03-04', 'date', 2)).toEqual({ ok: true, date: { year: 2027, month: 3, day: 4 } });
  });

  it('impossible dates are rejected row by row, not the file', () => {
    expect(dates().read('02/30/2027', 'date', 2)).toEqual({ ok: false, reason: 'date "02/30/2027" is not a real calendar date' });
    expect(dates().read('13/45/2027', 'date', 2)).toMatchObject({ ok: false });
    expect(dates('YMD').read('12/14/2027', 'date', 2)).toMatchObject({ ok: false, reason: expect.stringMatching(/not year-month-day/) });
  });
});
