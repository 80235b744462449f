import { describe, expect, it } from 'vitest';
import { importScheduleFile } from '../../../electron/core/api/import-schedule';
import { listProfiles, saveProfile } from '../../../electron/core/sources/profiles';
import { dumpSchedule, newDb, NOW } from '../schedule/helpers';

const EXPORT = [
  'Appt Ref,Client,When,Mobile,Status',
  ...Array.from(
    { length: 25 },
    (_, i) =>
      `R-${i},Client ${i},12/14/2027 9:${String(i * 2).padStart(2, '0')} AM,(212) 555-${String(200 + i).padStart(4, '0')},Scheduled`,
  ),
  'R-99,Bad Phone,12/14/2027 9:00 AM,555-1,Scheduled',
].join('\n');

describe('the import wizard: preview, mapping and profiles', () => {
  it('shows the first 20 rows as read (clinic time, problems), a dry run of the whole file, and writes nothing', async () => {
    const db = newDb();
    const before = dumpSchedule(db);
    const mapping = { 'Appt Ref': 'external_id', Client: 'patient_name', When: 'starts_at' } as const;
    const outcome = await importScheduleFile(db, NOW, {
      csv: EXPORT,
      actor: 'test',
      mapping,
      dryRun: true,
      previewRows: 20,
      withRejectedCsv: true,
    });
    expect(outcome.header).toEqual(['Appt Ref', 'Client', 'When', 'Mobile', 'Status']);
    expect(outcome.preview).toHaveLength(20);
    expect(outcome.preview?.[0]).toEqual({
      row: 2,
      cells: ['R-0', 'Client 0', '12/14/2027 9:00 AM', '(212) 555-0200', 'Scheduled'],
      problems: [],
      appointment: {
        externalId: 'R-0',
        patient: 'Client 0',
        startsAt: '2027-12-14T09:00:00-05:00',
        durationMin: 30,
        provider: '',
        status: 'booked',
        phone: '+12125550200',
        email: null,
      },
    });
    expect(outcome.summary).toMatchObject({
      created: 25,
      rejectedCount: 1,
      dryRun: true,
      mapping: { ...mapping, Mobile: 'cell_phone', Status: 'status' },
    });
    // Rejected rows as a CSV to fix and import again: the row, the reason, then the file's own columns.
    expect(outcome.summary.rejectedCsv).toBe(
      '\uFEFFRow,Reason,Appt Ref,Client,When,Mobile,Status\r\n27,"""Mobile"" ""555-1"" is not a valid number for US",R-99,Bad Phone,12/14/2027 9:00 AM,555-1,Scheduled\r\n',
    );
    expect(dumpSchedule(db)).toEqual(before);
  });

  it('saves a mapping as a profile and reads the next file from the same system with it', async () => {
    const db = newDb();
    expect(() => importScheduleFile(db, NOW, { csv: EXPORT, actor: 'test' })).rejects.toThrow(/no "patient_name", "starts_at" columns/);
    saveProfile(
      db,
      {
        name: 'Clinic PMS',
        mapping: { 'Appt Ref': 'external_id', Client: 'patient_name', When: 'starts_at' },
        dateFormat: 'MDY',
        sheet: null,
      },
      NOW,
    );
    expect(listProfiles(db).map((p) => p.name)).toEqual(['Clinic PMS']);
    const { summary } = await importScheduleFile(db, NOW, { csv: EXPORT, actor: 'test', profile: 'Clinic PMS' });
    expect(summary).toMatchObject({ created: 25, dateFormat: 'MDY', dateFormatSource: 'option' });
    await expect(importScheduleFile(db, NOW, { csv: EXPORT, actor: 'test', profile: 'Nope' })).rejects.toThrow(
      'no mapping profile named "Nope"',
    );
  });
});
