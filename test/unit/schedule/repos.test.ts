import { describe, expect, it } from 'vitest';
import {
  findAppointmentByExternalId,
  findAppointmentById,
  insertAppointment,
  listAppointmentsStartingBetween,
  listNeedsPlanIds,
  setAppointmentNeedsPlan,
  setAppointmentStatus,
  updateAppointment,
} from '../../../electron/core/db/repos/appointments-repo';
import {
  findPatientById,
  findPatientByKey,
  findPatientsByPhone,
  insertPatient,
  setPatientDoNotContact,
  setPatientPhone,
  updatePatientContact,
  type NewPatient,
} from '../../../electron/core/db/repos/patients-repo';
import {
  clearRecipientInvalid,
  getRecipient,
  markRecipientInvalid,
  markRecipientOptedIn,
  markRecipientOptedOut,
} from '../../../electron/core/db/repos/recipients-repo';
import { newDb, NOW } from './helpers';

const ANA: NewPatient = {
  patient_key: 'phone:+17185550134|ana diaz',
  name: 'Ana Diaz',
  phone: '+17185550134',
  email: null,
  timezone: null,
  language: null,
  sms_consent: 1,
  voice_consent: 1,
  email_consent: 1,
};

describe('patients repo', () => {
  it('inserts, finds by key, id and phone, and updates contact, phone and do-not-contact', () => {
    const db = newDb();
    const ana = insertPatient(db, ANA, NOW);
    const luis = insertPatient(db, { ...ANA, patient_key: 'phone:+17185550134|luis diaz', name: 'Luis Diaz' }, NOW);
    expect(findPatientByKey(db, ANA.patient_key)).toMatchObject({ id: ana, name: 'Ana Diaz', do_not_contact: 0 });
    expect(findPatientsByPhone(db, '+17185550134').map((p) => p.id)).toEqual([ana, luis]);
    updatePatientContact(db, ana, { ...ANA, email: 'ana@example.com', sms_consent: 0 }, NOW + 1);
    setPatientDoNotContact(db, luis, true, NOW + 2);
    setPatientPhone(db, luis, '+16465550100', NOW + 3);
    expect(findPatientById(db, ana)).toMatchObject({ email: 'ana@example.com', sms_consent: 0, updated_at: NOW + 1 });
    expect(findPatientById(db, luis)).toMatchObject({ do_not_contact: 1, phone: '+16465550100', updated_at: NOW + 3 });
    expect(findPatientByKey(db, 'nobody')).toBeUndefined();
  });
});

describe('appointments repo', () => {
  function seed(): { db: ReturnType<typeof newDb>; id: number; patientId: number } {
    const db = newDb();
    const patientId = insertPatient(db, ANA, NOW);
    const fields = { patient_id: patientId, provider: 'Dr. P', duration_min: 30, status: 'booked' as const, confirmed_at: null };
    const id = insertAppointment(db, { source: 'csv', external_id: 'A1', starts_at: NOW + 10_000, ...fields }, NOW);
    insertAppointment(db, { source: 'csv', external_id: 'A2', starts_at: NOW + 5_000, ...fields }, NOW);
    insertAppointment(db, { source: 'csv', external_id: 'A3', starts_at: NOW + 99_000, ...fields }, NOW);
    return { db, id, patientId };
  }

  it('finds by external id and lists a start range with the patient joined, in start order', () => {
    const { db, id } = seed();
    expect(findAppointmentByExternalId(db, 'csv', 'A1')?.id).toBe(id);
    expect(findAppointmentByExternalId(db, 'other', 'A1')).toBeUndefined();
    const listed = listAppointmentsStartingBetween(db, NOW, NOW + 50_000);
    expect(listed.map((a) => a.external_id)).toEqual(['A2', 'A1']);
    expect(listed[0]).toMatchObject({ patient_name: 'Ana Diaz', patient_phone: '+17185550134', sms_consent: 1 });
  });

  it('sets status with confirmed_at semantics and flags for planning', () => {
    const { db, id } = seed();
    setAppointmentNeedsPlan(db, id, false);
    setAppointmentStatus(db, id, 'confirmed', NOW + 1);
    setAppointmentStatus(db, id, 'confirmed', NOW + 2);
    expect(findAppointmentById(db, id)).toMatchObject({ status: 'confirmed', confirmed_at: NOW + 1, needs_plan: 1 });
    setAppointmentStatus(db, id, 'cancelled', NOW + 3);
    expect(findAppointmentById(db, id)).toMatchObject({ status: 'cancelled', confirmed_at: NOW + 1 });
    setAppointmentStatus(db, id, 'booked', NOW + 4);
    expect(findAppointmentById(db, id)).toMatchObject({ status: 'booked', confirmed_at: null, updated_at: NOW + 4 });
  });

  it('updates fields, and lists and clears the needs_plan work list', () => {
    const { db, id, patientId } = seed();
    expect(listNeedsPlanIds(db)).toHaveLength(3);
    for (const planned of listNeedsPlanIds(db)) setAppointmentNeedsPlan(db, planned, false);
    expect(listNeedsPlanIds(db)).toEqual([]);
    const fields = { patient_id: patientId, provider: 'Dr. Q', starts_at: NOW, duration_min: 45, status: 'booked' as const };
    updateAppointment(db, id, { ...fields, confirmed_at: null }, NOW + 7);
    expect(findAppointmentById(db, id)).toMatchObject({ provider: 'Dr. Q', duration_min: 45, updated_at: NOW + 7 });
    expect(listNeedsPlanIds(db)).toEqual([id]);
  });
});

describe('recipients repo', () => {
  it('records opt-out and opt-in per address, keeping the first opt-out time', () => {
    const db = newDb();
    expect(getRecipient(db, '+17185550134')).toBeUndefined();
    markRecipientOptedOut(db, '+17185550134', 'sms:STOP', NOW);
    markRecipientOptedOut(db, '+17185550134', 'sms:STOP', NOW + 5);
    expect(getRecipient(db, '+17185550134')).toMatchObject({ opted_out_at: NOW, opt_out_source: 'sms:STOP' });
    markRecipientOptedIn(db, '+17185550134', 'sms:START', NOW + 9);
    expect(getRecipient(db, '+17185550134')).toMatchObject({ opted_out_at: null, opt_out_source: 'sms:START', updated_at: NOW + 9 });
  });

  it('marks an address invalid with a reason and clears it', () => {
    const db = newDb();
    markRecipientInvalid(db, '+12125550101', 'Twilio 21211: invalid number', NOW);
    expect(getRecipient(db, '+12125550101')).toMatchObject({ invalid_reason: 'Twilio 21211: invalid number', opted_out_at: null });
    clearRecipientInvalid(db, '+12125550101', NOW + 1);
    expect(getRecipient(db, '+12125550101')).toMatchObject({ invalid_reason: null, updated_at: NOW + 1 });
  });
});
