import { describe, expect, it } from 'vitest';
import { setAppointmentNeedsPlan } from '../../../electron/core/db/repos/appointments-repo';
import { findPatientByKey, type PatientRow } from '../../../electron/core/db/repos/patients-repo';
import { column, first, run, scalar, sql } from '../../../electron/core/db/sql';
import { runPlanner } from '../../../electron/core/outbox/planner';
import { importScheduleCsv } from '../../../electron/core/sources/csv/import-csv';
import { appointment, csv, dumpSchedule, HEADER, importCsv, local, newDb, NOW, scheduleWrites, ZONE } from './helpers';

const LATER = NOW + 3_600_000;
const FILE = csv(
  HEADER,
  'A1,Maria Lopez,(212) 555-0101,maria@example.com,2026-11-27 09:00,30,Dr. Patel,booked',
  'A2,James Carter,(646) 555-0102,,2026-11-27 10:00,30,Dr. Patel,booked',
  'A3,Emily Chen,,emily@example.com,2026-11-27 11:00,60,Dr. Nguyen,',
);

function clearPlanFlags(db: ReturnType<typeof newDb>): void {
  for (const id of column<number>(db, sql`SELECT id FROM appointments`)) setAppointmentNeedsPlan(db, id, false);
}

function patientOf(db: ReturnType<typeof newDb>, externalId: string): PatientRow {
  return first<PatientRow>(db, sql`SELECT * FROM patients WHERE id = ${appointment(db, externalId).patient_id}`)!;
}

describe('importScheduleCsv: upserts', () => {
  it('re-importing the same file changes nothing: all unchanged, no write at all', () => {
    const db = newDb();
    expect(importCsv(db, FILE)).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    clearPlanFlags(db);
    const before = dumpSchedule(db);
    const changes = scheduleWrites(db);
    const again = importCsv(db, FILE, LATER);
    expect(again).toEqual({
      created: 0,
      updated: 0,
      unchanged: 3,
      rejected: [],
      rejectedCount: 0,
      remindersCancelled: 0,
      changedAppointmentIds: [],
    });
    expect(scheduleWrites(db)).toBe(changes);
    expect(dumpSchedule(db)).toEqual(before);
  });

  it('a changed start is a reschedule: updated, needs_plan = 1, id reported', () => {
    const db = newDb();
    importCsv(db, FILE);
    clearPlanFlags(db);
    const moved = FILE.replace('2026-11-27 10:00', '2026-11-27 15:30');
    const result = importCsv(db, moved, LATER);
    expect(result).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const row = appointment(db, 'A2');
    expect(result.changedAppointmentIds).toEqual([row.id]);
    expect(row).toMatchObject({ starts_at: local('2026-11-27T15:30'), needs_plan: 1, updated_at: LATER });
    expect(appointment(db, 'A1')).toMatchObject({ needs_plan: 0, updated_at: NOW });
  });

  it('status from the file overrides: cancelled cancels and ends pending reminders in the same import', () => {
    const db = newDb();
    importCsv(db, FILE);
    runPlanner(db, NOW);
    const pending = (): number =>
      scalar<number>(db, sql`SELECT COUNT(*) FROM outbox WHERE appointment_id = ${appointment(db, 'A1').id} AND state = 'pending'`)!;
    expect(pending()).toBeGreaterThan(0);
    const result = importCsv(db, FILE.replace('Dr. Patel,booked', 'Dr. Patel,Cancelled'), LATER);
    expect(result).toMatchObject({ updated: 1, unchanged: 2 });
    expect(result.remindersCancelled).toBeGreaterThan(0);
    expect(pending()).toBe(0);
    expect(appointment(db, 'A1')).toMatchObject({ status: 'cancelled', needs_plan: 1 });
  });

  it('does not touch appointments missing from the file', () => {
    const db = newDb();
    importCsv(db, FILE);
    clearPlanFlags(db);
    const result = importCsv(db, csv(HEADER, 'A9,New Person,(212) 555-0199,,2026-11-27 12:00,30,,'), LATER);
    expect(result).toMatchObject({ created: 1, updated: 0, unchanged: 0 });
    expect(appointment(db, 'A1')).toMatchObject({ status: 'booked', needs_plan: 0, updated_at: NOW });
  });

  it('a booked row does not undo a confirmation for the same time, but a reschedule does', () => {
    const db = newDb();
    importCsv(db, FILE);
    run(db, sql`UPDATE appointments SET status = 'confirmed', confirmed_at = ${NOW} WHERE external_id = 'A2'`);
    expect(importCsv(db, FILE, LATER)).toMatchObject({ unchanged: 3 });
    expect(appointment(db, 'A2')).toMatchObject({ status: 'confirmed', confirmed_at: NOW });
    importCsv(db, FILE.replace('2026-11-27 10:00', '2026-11-27 16:00'), LATER);
    expect(appointment(db, 'A2')).toMatchObject({ status: 'booked', confirmed_at: null });
  });

  it('a family sharing one phone are different patients with the same number', () => {
    const db = newDb();
    importCsv(
      db,
      csv(
        HEADER,
        'F1,Ana Diaz,(718) 555-0134,,2026-11-27 09:00,30,,',
        'F2,Luis Diaz,718-555-0134,,2026-11-27 09:30,30,,',
        'F3,ANA  diaz,+1 718 555 0134,,2026-11-28 09:00,30,,',
      ),
    );
    const [ana, luis, anaAgain] = ['F1', 'F2', 'F3'].map((id) => patientOf(db, id));
    expect(ana?.id).not.toBe(luis?.id);
    expect(anaAgain?.id).toBe(ana?.id);
    expect([ana?.phone, luis?.phone]).toEqual(['+17185550134', '+17185550134']);
    expect(scalar(db, sql`SELECT COUNT(*) FROM patients`)).toBe(2);
  });

  it('patient_id identifies a patient across new phone numbers; the change updates the patient and re-plans', () => {
    const db = newDb();
    const header = 'patient_id,external_id,patient_name,phone,starts_at';
    importCsv(db, csv(header, 'P-7,B1,Maria Lopez,(212) 555-0101,2026-11-27 09:00'));
    clearPlanFlags(db);
    const result = importCsv(db, csv(header, 'P-7,B1,Maria Lopez,(646) 555-0177,2026-11-27 09:00'), LATER);
    expect(result).toMatchObject({ updated: 1, unchanged: 0 });
    expect(appointment(db, 'B1').needs_plan).toBe(1);
    expect(findPatientByKey(db, 'id:P-7')).toMatchObject({ phone: '+16465550177', updated_at: LATER });
    expect(scalar(db, sql`SELECT COUNT(*) FROM patients`)).toBe(1);
  });

  it('reads consent columns; a later file without them keeps a stored "no"', () => {
    const db = newDb();
    const header = 'external_id,patient_name,phone,email,starts_at,sms_consent,voice_consent,email_consent';
    const result = importCsv(
      db,
      csv(
        header,
        'C1,Ann,(212) 555-0101,ann@example.com,2026-11-27 09:00,no,YES,0',
        'C2,Bob,(212) 555-0102,,2026-11-27 09:30,,,',
        'C3,Cy,(212) 555-0103,,2026-11-27 10:00,maybe,,',
      ),
    );
    expect(result.rejected).toEqual([{ row: 4, reason: 'sms_consent "maybe" must be yes or no', patient: 'Cy' }]);
    const consent = (id: string): number[] => {
      const p = patientOf(db, id);
      return [p.sms_consent, p.voice_consent, p.email_consent];
    };
    expect(consent('C1')).toEqual([0, 1, 0]);
    expect(consent('C2')).toEqual([1, 1, 1]);
    const plain = importCsv(db, csv(HEADER, 'C1,Ann,(212) 555-0101,ann@example.com,2026-11-27 09:00,,,'), LATER);
    expect(plain).toMatchObject({ unchanged: 1 });
    expect(consent('C1')).toEqual([0, 1, 0]);
    const granted = importCsv(db, csv(header, 'C1,Ann,(212) 555-0101,ann@example.com,2026-11-27 09:00,yes,,'), LATER);
    expect(granted).toMatchObject({ updated: 1 });
    expect(consent('C1')).toEqual([1, 1, 0]);
  });

  it('keeps sources apart: the same external_id from another source is another appointment', () => {
    const db = newDb();
    importCsv(db, FILE);
    const other = importScheduleCsv(db, FILE, { timezone: ZONE, defaultRegion: 'US', now: LATER, source: 'ehr' });
    expect(other).toMatchObject({ created: 3 });
    expect(scalar(db, sql`SELECT COUNT(*) FROM appointments`)).toBe(6);
  });
});
