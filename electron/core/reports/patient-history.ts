import { DateTime } from 'luxon';
import type { HistoryRow, PatientHistory } from '../../../shared/domain/reports';
import type { ReadableDB } from '../db/types';
import { listConsentEvents, type ConsentEventRow } from '../db/repos/consent-events-repo';
import {
  actionsFor,
  appointmentsOfPatients,
  attemptsFor,
  importActorAt,
  outboxOfAppointments,
  repliesFrom,
} from '../db/repos/history-repo';
import { TRACKED_FIELDS } from '../schedule/consent-changes';
import type { PatientRow } from '../db/repos/patients-repo';
import { getRecipient } from '../db/repos/recipients-repo';
import { isoInZone } from '../api/time-format';
import {
  actionRow,
  attemptRow,
  consentRow,
  engineRow,
  patientAddedRow,
  reminderRow,
  replyRow,
  type AuditEntry,
  type Times,
} from './history-rows';

/** Who a history is about: the patients found, and the phone numbers and emails whose records belong to it. */
export interface HistorySubject {
  readonly query: string;
  readonly patients: readonly PatientRow[];
  readonly phones: readonly string[];
  readonly emails: readonly string[];
}

// At one instant: the reply before the opt-out it caused, the patient's arrival before its planned reminders.
const KIND_ORDER: Readonly<Record<HistoryRow['kind'], number>> = { reply: 0, consent: 1, reminder: 2, attempt: 3, action: 4, engine: 5 };

/**
 * One patient's (or one phone number's) contact and consent history, oldest first: every planned reminder
 * with its final state, every provider attempt, every reply, every consent or opt-out change and who made it,
 * confirmations and cancellations, and the pauses and resumes of sending while it all happened.
 * `audit` is the control file's audit log (pauses, resumes, breaker trips).
 */
export function buildPatientHistory(db: ReadableDB, subject: HistorySubject, zone: string, audit: readonly AuditEntry[]): PatientHistory {
  const at: Times = { iso: (ms) => isoInZone(ms, zone), short: (ms) => DateTime.fromMillis(ms, { zone }).toFormat('ccc d LLL HH:mm') };
  const patientIds = subject.patients.map((p) => p.id);
  const appointments = appointmentsOfPatients(db, patientIds);
  const byId = new Map(appointments.map((a) => [a.id, a]));
  const addresses = [...subject.phones, ...subject.emails];
  const names = new Map(subject.patients.map((p) => [p.id, p.name]));
  const consent = listConsentEvents(db, patientIds, subject.phones);
  const rows: { ms: number; row: HistoryRow }[] = [
    ...subject.patients.map((p) => ({
      ms: p.created_at,
      row: patientAddedRow(p, startingValues(p, consent), importActorAt(db, p.created_at) ?? 'import', at),
    })),
    ...outboxOfAppointments(db, [...byId.keys()]).map((o) => ({ ms: o.created_at, row: reminderRow(o, byId.get(o.appointment_id), at) })),
    ...attemptsFor(db, [...byId.keys()], addresses).map((c) => ({ ms: c.attempted_at, row: attemptRow(c, at) })),
    ...repliesFrom(db, subject.phones).map((r) => ({ ms: r.received_at, row: replyRow(r, patientOnNumber(subject, r.from_number), at) })),
    ...consent.map((e) => ({ ms: e.at, row: consentRow(e, names, at) })),
    ...actionsFor(db, [...byId.keys()]).map((e) => ({ ms: e.at, row: actionRow(e, byId, at) })),
  ];
  if (rows.length > 0) {
    const first = Math.min(...rows.map((r) => r.ms));
    const last = Math.max(...rows.map((r) => r.ms));
    for (const e of audit) if (e.at >= first && e.at <= last) rows.push({ ms: e.at, row: engineRow(e, at) });
  }
  rows.sort((a, b) => a.ms - b.ms || KIND_ORDER[a.row.kind] - KIND_ORDER[b.row.kind]);
  return {
    query: subject.query,
    patients: subject.patients.map((p) => ({
      id: p.id,
      name: p.name,
      phone: p.phone,
      email: p.email,
      smsConsent: p.sms_consent === 1,
      voiceConsent: p.voice_consent === 1,
      emailConsent: p.email_consent === 1,
      doNotContact: p.do_not_contact === 1,
    })),
    numbers: subject.phones.map((address) => {
      const r = getRecipient(db, address);
      return {
        address,
        optedOut: r?.opted_out_at != null,
        since: r?.opted_out_at != null ? at.iso(r.opted_out_at) : null,
        invalid: r?.invalid_reason ?? null,
      };
    }),
    rows: rows.map((r) => r.row),
  };
}

function patientOnNumber(subject: HistorySubject, phone: string): string {
  return subject.patients
    .filter((p) => p.phone === phone)
    .map((p) => p.name)
    .join(', ');
}

/** What a patient was created with: each tracked field's value before its first recorded change, else today's. */
function startingValues(p: PatientRow, events: readonly ConsentEventRow[]): Record<string, string | number | null> {
  const initial: Record<string, string | number | null> = {};
  for (const field of TRACKED_FIELDS) {
    const first = events.find((e) => e.patient_id === p.id && field in (JSON.parse(e.changes_json) as object));
    initial[field] = first ? (JSON.parse(first.changes_json) as Record<string, [string | number | null, unknown]>)[field]![0] : p[field];
  }
  return initial;
}
