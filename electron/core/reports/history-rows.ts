import type { HistoryRow } from '../../../shared/domain/reports';
import type { ConsentEventRow } from '../db/repos/consent-events-repo';
import type { ActionEventRow, HistoryAppointmentRow, HistoryAttemptRow, HistoryOutboxRow, ReplyRow } from '../db/repos/history-repo';

/** One line of the control file's audit log (pause, resume, breaker). */
export interface AuditEntry {
  readonly at: number;
  readonly kind: string;
  readonly actor: string;
  readonly detail_json: string;
}

/** Instants as ISO 8601 with the clinic's offset (`at` columns), and short for sentences ("Tue 20 Oct 10:00"). */
export type Times = Readonly<{ iso: (ms: number) => string; short: (ms: number) => string }>;

const CHANNEL = { email: 'email', sms: 'text', voice: 'call' } as const;

const FIELD_LABEL: Readonly<Record<string, string>> = {
  phone: 'phone',
  email: 'email',
  sms_consent: 'texts allowed',
  voice_consent: 'calls allowed',
  email_consent: 'emails allowed',
  do_not_contact: 'do not contact',
  sms_opt_out: 'opted out (STOP)',
};

const CONSENT_EVENT: Readonly<Record<ConsentEventRow['kind'], string>> = {
  patient_updated: 'patient details changed',
  do_not_contact: 'do-not-contact changed',
  opt_out: 'opted out of texts and calls',
  opt_in: 'opted back in',
  phone_fixed: 'phone number corrected',
};

function value(field: string, v: string | number | null): string {
  if (v === null || v === '') return '—';
  if (field === 'phone' || field === 'email') return String(v);
  return v === 1 || v === '1' ? 'yes' : v === 0 || v === '0' ? 'no' : String(v);
}

/** "texts allowed: yes → no; phone: — → +12125550100". */
export function changesText(changesJson: string): string {
  const changes = JSON.parse(changesJson) as Record<string, [string | number | null, string | number | null]>;
  return Object.entries(changes)
    .map(([field, [before, after]]) => `${FIELD_LABEL[field] ?? field}: ${value(field, before)} → ${value(field, after)}`)
    .join('; ');
}

const blank = { patient: '', appointment: '', channel: '', address: '', outcome: '', detail: '', actor: '' };

/** A patient's starting point: the values it was imported with (rebuilt, see patient-history.ts). */
export function patientAddedRow(
  p: Readonly<{ name: string; created_at: number }>,
  initial: Readonly<Record<string, string | number | null>>,
  actor: string,
  at: Times,
): HistoryRow {
  const detail = Object.entries(initial).map(([field, v]) => `${FIELD_LABEL[field] ?? field}: ${value(field, v)}`);
  const phone = initial['phone'];
  return {
    ...blank,
    at: at.iso(p.created_at),
    kind: 'consent',
    patient: p.name,
    address: typeof phone === 'string' ? phone : '',
    event: 'patient added',
    outcome: 'import',
    detail: detail.join('; '),
    actor,
  };
}

export function reminderRow(o: HistoryOutboxRow, appt: HistoryAppointmentRow | undefined, at: Times): HistoryRow {
  return {
    ...blank,
    at: at.iso(o.created_at),
    kind: 'reminder',
    patient: appt?.patient_name ?? '',
    appointment: appt?.external_id ?? '',
    channel: CHANNEL[o.channel],
    address: o.recipient,
    event: `${CHANNEL[o.channel]} reminder planned for ${at.short(o.not_before)} (rule ${o.rule_id}, window closes ${at.short(o.expires_at)})`,
    outcome: o.state,
    detail: o.reason ?? '',
  };
}

export function attemptRow(c: HistoryAttemptRow, at: Times): HistoryRow {
  const detail = [
    c.provider_id ? `provider id ${c.provider_id}` : '',
    c.error_code ? `error ${c.error_code}` : '',
    c.detail ?? '',
    c.segments !== null ? `${c.segments} segment${c.segments === 1 ? '' : 's'}` : '',
  ].filter((s) => s !== '');
  return {
    ...blank,
    at: at.iso(c.attempted_at),
    kind: 'attempt',
    patient: c.patient_name,
    appointment: c.external_id,
    channel: CHANNEL[c.channel],
    address: c.recipient,
    event: `${CHANNEL[c.channel]} handed to the provider (rule ${c.rule_id})`,
    outcome: c.outcome,
    detail: detail.join('; '),
    actor: 'dispatcher',
  };
}

export function replyRow(r: ReplyRow, patient: string, at: Times): HistoryRow {
  return {
    ...blank,
    at: at.iso(r.received_at),
    kind: 'reply',
    patient,
    appointment: r.external_id ?? '',
    channel: 'text',
    address: r.from_number,
    event: `reply "${r.body}"`,
    outcome: r.action,
    detail: r.action === 'confirm' && r.external_id ? `confirmed ${r.external_id}` : '',
    actor: `patient (${r.from_number})`,
  };
}

export function consentRow(e: ConsentEventRow, names: ReadonlyMap<number, string>, at: Times): HistoryRow {
  return {
    ...blank,
    at: at.iso(e.at),
    kind: 'consent',
    patient: e.patient_id === null ? '' : (names.get(e.patient_id) ?? ''),
    address: e.address ?? '',
    event: CONSENT_EVENT[e.kind],
    outcome: e.source,
    detail: changesText(e.changes_json),
    actor: e.actor,
  };
}

export function actionRow(e: ActionEventRow, appointments: ReadonlyMap<number, HistoryAppointmentRow>, at: Times): HistoryRow {
  const detail = JSON.parse(e.detail_json) as { appointmentId?: number; remindersCancelled?: number };
  const appt = detail.appointmentId === undefined ? undefined : appointments.get(detail.appointmentId);
  return {
    ...blank,
    at: at.iso(e.at),
    kind: 'action',
    patient: appt?.patient_name ?? '',
    appointment: appt?.external_id ?? '',
    event: e.kind === 'appointment_confirmed' ? 'appointment confirmed' : 'appointment cancelled',
    detail: detail.remindersCancelled ? `${detail.remindersCancelled} later reminder(s) stopped` : '',
    actor: e.actor,
  };
}

/** A pause, resume or breaker trip of all sending (the control file's audit log). */
export function engineRow(e: AuditEntry, at: Times): HistoryRow {
  const detail = JSON.parse(e.detail_json) as { reason?: string | null };
  const reason = detail.reason ?? '';
  const text = e.kind === 'resumed' && reason ? `had been paused: ${reason}` : reason;
  return { ...blank, at: at.iso(e.at), kind: 'engine', event: `sending ${e.kind}`, detail: text, actor: e.actor };
}
