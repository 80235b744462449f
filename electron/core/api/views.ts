import { DateTime } from 'luxon';
import type { ClinicSettings, ContactRow, PreviewRow, ResumeReview, ReminderView, TodayAppointment } from '../../../shared/domain/dto';
import type { DB } from '../db/connection';
import { getClinicSettings } from '../db/repos/clinic-repo';
import { insertAttempt, listLedger, listLedgerForAppointments, type LedgerRow } from '../db/repos/contacts-repo';
import { listAppointmentsStartingBetween } from '../db/repos/appointments-repo';
import { countExpiredOnResume, listOutboxForAppointments, pendingInRange, type OutboxRow } from '../db/repos/outbox-repo';
import { getPlanningAppointment, type PlanningAppointment } from '../db/repos/planning-repo';
import { getRecipient } from '../db/repos/recipients-repo';
import { badRequest } from '../platform/errors';
import { HOUR_MS } from '../platform/clock';
import { blockedReason, decideClaim, type CheckContext } from '../outbox/final-checks';
import { runPlanner } from '../outbox/planner';
import { RecipientPlaces } from '../rules/recipient-zone';
import { isoInZone } from './time-format';

type Configured = Readonly<Record<'email' | 'sms' | 'voice', boolean>>;

/** `blocked`: why a pending row can never go out (the final checks' own answer), shown as suppressed. */
function reminderView(row: OutboxRow, ledger: LedgerRow | undefined, zone: string, blocked: string | null): ReminderView {
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
  };
}

/**
 * The day's appointments in the clinic zone with their reminder timelines (CLI `today`, the Today screen).
 * A pending reminder that cannot go out (no consent, STOP, do not contact, invalid number, country not
 * allowed, channel not configured) is shown as suppressed with the reason from planning on: the same
 * check the dispatcher's claim makes, asked now (docs/numbers-and-zones.md). `configured` as in preview.
 */
export function todayView(db: DB, date: string | undefined, now: number, configured: Configured): TodayAppointment[] {
  const settings = getClinicSettings(db);
  const zone = settings.timezone;
  const day = date ? DateTime.fromISO(date, { zone }) : DateTime.fromMillis(now, { zone });
  if (!day.isValid || (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)))
    throw badRequest(`--date must be YYYY-MM-DD, got "${date}"`);
  const from = day.startOf('day').toMillis();
  const appts = listAppointmentsStartingBetween(db, from, day.startOf('day').plus({ days: 1 }).toMillis());
  const ids = appts.map((a) => a.id);
  const rows = listOutboxForAppointments(db, ids);
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
  return appts.map((a) => {
    const recipient = a.patient_phone ? getRecipient(db, a.patient_phone) : undefined;
    return {
      appointment: a.external_id,
      appointmentId: a.id,
      patient: a.patient_name,
      patientId: a.patient_id,
      phone: a.patient_phone,
      email: a.patient_email,
      doNotContact: a.do_not_contact === 1,
      phoneInvalid: recipient?.invalid_reason ?? null,
      optedOut: recipient?.opted_out_at != null,
      provider: a.provider,
      startsAt: isoInZone(a.starts_at, zone),
      durationMin: a.duration_min,
      status: a.status,
      contacts: rows.filter((r) => r.appointment_id === a.id).map((r) => reminderView(r, latestAttempt.get(r.id), zone, blockedOf(r))),
    };
  });
}

/** The ledger as the CLI's `contacts` prints it (docs/cli.md). */
export function contactsView(db: DB, limit: number): ContactRow[] {
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
  }));
}

/**
 * What would go out in the next `hours` (the CLI's `preview`): the planner and the dispatcher's own
 * final checks run in a transaction that is always rolled back, with simulated ledger rows so
 * budgets and quiet hours apply exactly as they will. Nothing is written.
 */
export function previewView(
  db: DB,
  hours: number,
  now: number,
  configured: Readonly<Record<'email' | 'sms' | 'voice', boolean>>,
): PreviewRow[] {
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 14)
    throw badRequest(`--hours must be a number between 0 and 336, got ${hours}`);
  const until = now + hours * HOUR_MS;
  const out: PreviewRow[] = [];
  const rollback = new Error('preview rollback');
  try {
    db.transaction(() => {
      runPlanner(db, now);
      const settings = getClinicSettings(db);
      simulateSends(db, settings, now, until, configured, out);
      throw rollback;
    })();
  } catch (error) {
    if (error !== rollback) throw error;
  }
  return out;
}

function simulateSends(db: DB, settings: ClinicSettings, now: number, until: number, configured: Configured, out: PreviewRow[]): void {
  const zone = settings.timezone;
  const places = new RecipientPlaces();
  const queue = pendingInRange(db, now, until).map((row) => ({ row, at: Math.max(row.not_before, now) }));
  for (let guard = 0; queue.length > 0 && guard < 100_000; guard += 1) {
    queue.sort((a, b) => a.at - b.at);
    const next = queue.shift()!;
    if (next.at >= until) break;
    const appt = getPlanningAppointment(db, next.row.appointment_id);
    // The dispatcher's own checks at the instant it would send: quiet hours and budgets in the recipient's zone.
    const decision = decideClaim({ db, now: next.at, settings, configured, places }, next.row, appt);
    if (decision.kind === 'defer') {
      queue.push({ row: next.row, at: decision.until });
    } else if ((decision.kind === 'send' || decision.kind === 'rate_limited') && appt) {
      insertAttempt(db, {
        outboxId: next.row.id,
        appointmentId: appt.id,
        ruleId: next.row.rule_id,
        channel: next.row.channel,
        recipient: next.row.recipient,
        at: next.at,
      });
      out.push({
        appointment: appt.external_id,
        channel: next.row.channel,
        to: next.row.recipient,
        at: isoInZone(next.at, zone),
        outcome: 'planned',
        rule: next.row.rule_id,
        patient: appt.patient_name,
        startsAt: isoInZone(appt.starts_at, zone),
      });
    }
  }
}

/** What resume would release in the next hour, grouped by patient; stale rows are only counted. */
export function resumeReviewView(db: DB, now: number, configured: Readonly<Record<'email' | 'sms' | 'voice', boolean>>): ResumeReview {
  const groups = new Map<string, ResumeReview['waiting'][number]>();
  for (const item of previewView(db, 1, now, configured)) {
    const key = `${item.patient}\u0000${item.to}`;
    const group = groups.get(key) ?? { patient: item.patient, to: item.to, items: [] };
    group.items.push(item);
    groups.set(key, group);
  }
  return { waiting: [...groups.values()], expiredOnResume: countExpiredOnResume(db, now) };
}
