import { DateTime } from 'luxon';
import type { ContactRow, PreviewRow, ReminderView, TodayAppointment } from '../../../shared/domain/dto';
import type { Channel } from '../../../shared/domain/types';
import { getClinicSettings } from '../clinic/clinic-settings';
import { listLedger, listLedgerForAppointments, type LedgerRow } from '../db/repos/contacts-repo';
import { listAppointmentsStartingBetween } from '../db/repos/appointments-repo';
import { listOutboxInKeyRanges, type OutboxRow } from '../db/repos/outbox-repo';
import { getPlanningAppointment, type PlanningAppointment } from '../db/repos/planning-repo';
import { getRecipient } from '../db/repos/recipients-repo';
import type { ReadableDB, WritableDB } from '../db/types';
import { badRequest } from '../platform/errors';
import { HOUR_MS } from '../platform/clock';
import { blockedReason, type CheckContext } from '../outbox/final-checks';
import { predictPlan } from '../outbox/predict-plan';
import { appointmentKeyRange } from '../rules/windows';
import { RecipientPlaces } from '../rules/recipient-zone';
import { isoInZone } from './time-format';
import { forecastDay, forecastView, notReachedReason } from './reach-view';
import type { ReminderForecast } from '../outbox/predict-plan';

type Configured = Readonly<Record<Channel, boolean>>;

/** `blocked`: why a pending row can never go out (the final checks' own answer), shown as suppressed. */
function reminderView(
  row: OutboxRow,
  ledger: LedgerRow | undefined,
  zone: string,
  blocked: string | null,
  forecast: ReminderForecast | undefined,
): ReminderView {
  return {
    outboxId: row.id,
    ruleId: row.rule_id,
    channel: row.channel,
    to: row.recipient,
    state: blocked === null ? row.state : 'suppressed',
    reason: blocked ?? row.reason,
    at: isoInZone(ledger?.attempted_at ?? row.not_before, zone),
    expiresAt: isoInZone(row.expires_at, zone),
    outcome: ledger?.outcome ?? null,
    providerId: row.provider_id,
    lastError: row.last_error,
    forecast: row.state === 'pending' && blocked === null ? forecastView(forecast, zone) : null,
  };
}

/**
 * The day's appointments in the clinic zone with their reminder timelines (CLI `today`, the Today screen).
 * A pending reminder that cannot go out (no consent, STOP, do not contact, invalid number, country not
 * allowed, channel not configured) is shown as suppressed with the reason from planning on: the same
 * check the dispatcher's claim makes, asked now (docs/numbers-and-zones.md). Each other pending reminder
 * carries its forecast (when it will really go, or that it will expire), and each appointment whose patient
 * will get no text and no call says why (docs/desk-ui.md#who-will-not-be-reached). `configured` as in preview.
 */
export function todayView(
  db: ReadableDB,
  date: string | undefined,
  now: number,
  configured: Configured,
  /** The same database, writable: the forecast runs in a transaction it rolls back. Without it, no forecast. */
  forecastDb: WritableDB | null = null,
): TodayAppointment[] {
  const settings = getClinicSettings(db);
  const zone = settings.timezone;
  const day = date ? DateTime.fromISO(date, { zone }) : DateTime.fromMillis(now, { zone });
  if (!day.isValid || (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)))
    throw badRequest(`--date must be YYYY-MM-DD, got "${date}"`);
  const from = day.startOf('day').toMillis();
  const appts = listAppointmentsStartingBetween(db, from, day.startOf('day').plus({ days: 1 }).toMillis());
  const ids = appts.map((a) => a.id);
  const rows = listOutboxInKeyRanges(db, ids.map(appointmentKeyRange));
  const latestAttempt = new Map<number, LedgerRow>();
  for (const l of listLedgerForAppointments(db, ids)) if (l.outbox_id !== null) latestAttempt.set(l.outbox_id, l);
  const checks: CheckContext = { db, now, settings, configured, places: new RecipientPlaces() };
  const planning = new Map<number, PlanningAppointment | undefined>();
  const blockedOf = (row: OutboxRow): string | null => {
    if (row.state !== 'pending') return null;
    if (!planning.has(row.appointment_id)) planning.set(row.appointment_id, getPlanningAppointment(db, row.appointment_id));
    const appt = planning.get(row.appointment_id);
    return appt ? blockedReason(checks, row, appt) : null;
  };
  const forecasts = forecastDb ? forecastDay(forecastDb, rows, now, configured) : new Map<number, ReminderForecast>();
  return appts.map((a) => {
    const recipient = a.patient_phone ? getRecipient(db, a.patient_phone) : undefined;
    const contacts = rows
      .filter((r) => r.appointment_id === a.id)
      .map((r) => reminderView(r, latestAttempt.get(r.id), zone, blockedOf(r), forecasts.get(r.id)));
    const doNotContact = a.do_not_contact === 1;
    const facts = { status: a.status, phone: a.patient_phone, doNotContact, startsAtMs: a.starts_at };
    return {
      appointment: a.external_id,
      appointmentId: a.id,
      patient: a.patient_name,
      patientId: a.patient_id,
      phone: a.patient_phone,
      email: a.patient_email,
      doNotContact,
      phoneInvalid: recipient?.invalid_reason ?? null,
      optedOut: recipient?.opted_out_at != null,
      provider: a.provider,
      startsAt: isoInZone(a.starts_at, zone),
      durationMin: a.duration_min,
      status: a.status,
      contacts,
      notReached: notReachedReason(facts, contacts, now),
    };
  });
}

/** The ledger as the CLI's `contacts` prints it (docs/cli.md). */
export function contactsView(db: ReadableDB, limit: number): ContactRow[] {
  const zone = getClinicSettings(db).timezone;
  return listLedger(db, limit).map((l) => ({
    appointment: l.external_id,
    channel: l.channel,
    to: l.recipient,
    at: isoInZone(l.attempted_at, zone),
    outcome: l.outcome,
    rule: l.rule_id,
    providerId: l.provider_id,
    detail: l.detail,
    // Only a staff answer says what it is: reminder rows keep the CLI's JSON as it always was.
    ...(l.kind === 'conversation' ? { kind: 'conversation' as const } : {}),
  }));
}

/**
 * What would go out in the next `hours` (the CLI's `preview`): outbox/predict-plan.ts runs the planner and
 * the dispatcher's own final checks in a transaction it always rolls back. Nothing is written.
 */
export function previewView(db: WritableDB, hours: number, now: number, configured: Configured): PreviewRow[] {
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 14)
    throw badRequest(`--hours must be a number between 0 and 336, got ${hours}`);
  const zone = getClinicSettings(db).timezone;
  return predictPlan(db, now, now + hours * HOUR_MS, configured).map(({ row, appointment, at }) => ({
    appointment: appointment.external_id,
    channel: row.channel,
    to: row.recipient,
    at: isoInZone(at, zone),
    outcome: 'planned',
    rule: row.rule_id,
    patient: appointment.patient_name,
    startsAt: isoInZone(appointment.starts_at, zone),
  }));
}
