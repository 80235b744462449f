import { describe, expect, it } from 'vitest';
import { fieldForHeader, headerKey, knownHeaderKeys } from '../../../electron/core/sources/mapping/header-names';
import { NO_ID_WARNING, resolveMapping } from '../../../electron/core/sources/mapping/resolve-mapping';
import { minutesFromText, statusFromText } from '../../../electron/core/sources/mapping/cell-values';

describe('practice-export header names', () => {
  it.each([
    ['Appt ID', 'external_id'],
    ['Appointment ID', 'external_id'],
    ['AptNum', 'external_id'],
    ['Appt #', 'external_id'],
    ['APPT_NUM', 'external_id'],
    ['Visit ID', 'external_id'],
    ['Patient Last Name', 'last_name'],
    ['FName', 'first_name'],
    ['Patient', 'patient_name'],
    ['AptDateTime', 'starts_at'],
    ['Appt Date', 'date'],
    ['appt. time', 'time'],
    ['End Time', 'end_time'],
    ['Appt Length', 'duration_min'],
    ['Cell Phone', 'cell_phone'],
    ['Mobile', 'cell_phone'],
    ['WirelessPhone', 'cell_phone'],
    ['HmPhone', 'home_phone'],
    ['Work Phone', 'work_phone'],
    ['E-mail', 'email'],
    ['Doctor', 'provider'],
    ['Resource', 'provider'],
    ['AptStatus', 'status'],
    ['Preferred Language', 'language'],
    ['Time Zone', 'timezone'],
    ['OK to Text', 'sms_consent'],
    ['Chart #', 'patient_id'],
  ])('reads %s as %s, whatever the case and punctuation', (header, field) => {
    expect(fieldForHeader(header)).toBe(field);
    expect(fieldForHeader(` ${header.toUpperCase()} `)).toBe(field);
  });

  it('leaves unknown columns unread (notes, date of birth, the Open Dental pattern)', () => {
    for (const header of ['Notes', 'DOB', 'Pattern', 'Operatory']) expect(fieldForHeader(header)).toBeUndefined();
  });

  it('lists no header name under two fields (the table is checked when it loads)', () => {
    expect(knownHeaderKeys().size).toBeGreaterThan(150);
    expect(headerKey('Appt #')).toBe('apptnum');
  });
});

describe('resolveMapping', () => {
  it('maps a Dentrix-style header and warns that without an id a reschedule is a cancel plus a new visit', () => {
    const mapping = resolveMapping(['Appt Date', 'Appt Time', 'Patient Name', 'Cell Phone', 'Home Phone', 'Notes']);
    expect(mapping.used).toEqual({
      'Appt Date': 'date',
      'Appt Time': 'time',
      'Patient Name': 'patient_name',
      'Cell Phone': 'cell_phone',
      'Home Phone': 'home_phone',
    });
    expect(mapping.ignored).toEqual(['Notes']);
    expect(mapping.warnings).toEqual([NO_ID_WARNING]);
  });

  it('refuses a file without a patient name or a start, and two columns for one field', () => {
    expect(() => resolveMapping(['Appt ID', 'Phone'])).toThrow(
      /no "patient_name", "starts_at" columns \(required: .*external_id is strongly recommended\)/,
    );
    expect(() => resolveMapping(['Appt ID', 'Patient', 'Date', 'Phone', 'Telephone'])).toThrow(
      /two columns for phone: "Phone" and "Telephone"; say which one to read \(e\.g\. --map "Telephone=ignore"/,
    );
  });

  it('an explicit mapping wins over the names, may ignore a column, and must name columns the file has', () => {
    const mapping = resolveMapping(['Ref', 'Patient', 'When', 'Phone', 'Telephone'], {
      Ref: 'external_id',
      When: 'starts_at',
      Telephone: 'ignore',
    });
    expect(mapping.used).toEqual({ Ref: 'external_id', Patient: 'patient_name', When: 'starts_at', Phone: 'phone' });
    expect(mapping.warnings).toEqual([]);
    expect(() => resolveMapping(['Patient', 'Date'], { Nope: 'provider' })).toThrow(/the mapping names the column "Nope"/);
  });
});

describe('status and length words', () => {
  it.each([
    ['Scheduled', 'booked'],
    ['Unconfirmed', 'booked'],
    ['Left Message', 'booked'],
    ['Confirmed', 'confirmed'],
    ['Confirmed - Text', 'confirmed'],
    ['Canceled', 'cancelled'],
    ['CANCELLED', 'cancelled'],
    ['Broken', 'cancelled'],
    ['No Show', 'no_show'],
    ['no-show', 'no_show'],
    ['Complete', 'completed'],
    ['Checked Out', 'completed'],
  ])('%s is %s', (text, status) => expect(statusFromText(text)).toBe(status));

  it('does not guess unknown statuses (Open Dental UnschedList, Planned)', () => {
    expect(statusFromText('UnschedList')).toBeUndefined();
    expect(statusFromText('Planned')).toBeUndefined();
    expect(statusFromText('pending')).toBeUndefined();
  });

  it.each([
    ['30', 30],
    ['45 min', 45],
    ['1 hr 15 min', 75],
    ['1h', 60],
    ['1:30', 90],
    ['00:30:00', 30],
  ])('length %s is %i minutes', (text, minutes) => expect(minutesFromText(text)).toBe(minutes));
});
