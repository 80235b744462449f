import type { AppointmentStatus, Channel, ContactOutcome, OutboxState } from '../../../../shared/domain/types';
import { all, first, run, sql } from '../sql';
import type { ReadableDB, WritableDB } from '../types';

/**
 * The dashboard's and the daily summary's queries (docs/reports.md). Read-only; instants are ms UTC and
 * every range is [from, to). Aggregation by clinic day happens in electron/core/reports.
 */

export interface OutboxOutcomeRow {
  channel: Channel;
  state: OutboxState;
  reason: string | null;
  n: number;
}

/**
 * Reminders of the appointments starting in [from, to), by channel, state and reason. Superseded rows (the
 * plan of a time the appointment no longer has) are left out: a reschedule's replacement row counts instead.
 * The join walks each appointment's key range on the outbox's UNIQUE key index (rules/windows.ts).
 */
export function outboxOutcomesForAppointmentsBetween(db: ReadableDB, from: number, to: number): OutboxOutcomeRow[] {
  return all<OutboxOutcomeRow>(
    db,
    sql`SELECT o.channel, o.state, o.reason, COUNT(*) AS n
     FROM appointments a JOIN outbox o
       ON o.idempotency_key >= printf('%010d:', a.id) AND o.idempotency_key < printf('%010d;', a.id)
     WHERE a.starts_at >= ${from} AND a.starts_at < ${to} AND o.state <> 'superseded'
     GROUP BY o.channel, o.state, o.reason`,
  );
}

export interface AppointmentFactRow {
  id: number;
  starts_at: number;
  status: AppointmentStatus;
  confirmed_at: number | null;
}

/** Status and confirmation time of every appointment starting in [from, to) (appointments_starts_at index). */
export function appointmentFactsBetween(db: ReadableDB, from: number, to: number): AppointmentFactRow[] {
  return all<AppointmentFactRow>(
    db,
    sql`SELECT id, starts_at, status, confirmed_at FROM appointments WHERE starts_at >= ${from} AND starts_at < ${to} ORDER BY starts_at`,
  );
}

/** Who confirmed which appointment (audit log), for confirmations recorded in [from, to). */
export function confirmationActorsBetween(db: ReadableDB, from: number, to: number): { appointment_id: number; actor: string }[] {
  return all<{ appointment_id: number; actor: string }>(
    db,
    sql`SELECT json_extract(detail_json, '$.appointmentId') AS appointment_id, actor FROM events
     WHERE at >= ${from} AND at < ${to} AND kind = 'appointment_confirmed' ORDER BY id`,
  );
}

export interface LedgerFactRow {
  channel: Channel;
  recipient: string;
  attempted_at: number;
  outcome: ContactOutcome;
  counts_for_budget: number;
  segments: number | null;
  /** For SMS attempts without recorded segments: the body the simulate transport kept, if any. */
  simulated_body: string | null;
}

/** Every ledger row attempted in [from, to), oldest first (contacts_channel_time index, one range per channel). */
export function ledgerFactsBetween(db: ReadableDB, from: number, to: number): LedgerFactRow[] {
  return all<LedgerFactRow>(
    db,
    sql`SELECT c.channel, c.recipient, c.attempted_at, c.outcome, c.counts_for_budget, c.segments,
       CASE WHEN c.segments IS NULL AND c.channel = 'sms'
         THEN (SELECT s.body FROM simulated_messages s WHERE s.outbox_id = c.outbox_id ORDER BY s.id DESC LIMIT 1) END AS simulated_body
     FROM contacts c
     WHERE c.channel IN ('email', 'sms', 'voice') AND c.attempted_at >= ${from} AND c.attempted_at < ${to}
     ORDER BY c.attempted_at, c.id`,
  );
}

/**
 * Reminders attempted in [from, to) (the daily summary), by where they ended: accepted by the provider (sent,
 * delivered, simulated), failed (the reminder's final state is failed or undelivered: a retried 429 is not a
 * failure), or outcome unknown. Each reminder counts once however many attempts it took.
 */
export function attemptedRemindersBetween(db: ReadableDB, from: number, to: number): { sent: number; failed: number; unknown: number } {
  return first<{ sent: number; failed: number; unknown: number }>(
    db,
    sql`SELECT COUNT(DISTINCT CASE WHEN c.outcome IN ('simulated', 'sent', 'delivered') THEN c.outbox_id END) AS sent,
       COUNT(DISTINCT CASE WHEN o.state IN ('failed', 'undelivered') THEN c.outbox_id END) AS failed,
       COUNT(DISTINCT CASE WHEN o.state = 'unknown' THEN c.outbox_id END) AS unknown
     FROM contacts c JOIN outbox o ON o.id = c.outbox_id
     WHERE c.channel IN ('email', 'sms', 'voice') AND c.attempted_at >= ${from} AND c.attempted_at < ${to}`,
  )!;
}

/** Appointments whose confirmation was recorded in [from, to). A scan: run once a day, and from the dashboard. */
export function countConfirmedBetween(db: ReadableDB, from: number, to: number): number {
  return first<{ n: number }>(db, sql`SELECT COUNT(*) AS n FROM appointments WHERE confirmed_at >= ${from} AND confirmed_at < ${to}`)!.n;
}

/** Report settings (prices, summary time) kept in the clinic's extra settings under `reports`. */
export function getReportSettingsJson(db: ReadableDB): unknown {
  const row = first<{ reports: string | null }>(
    db,
    sql`SELECT json_extract(settings_json, '$.reports') AS reports FROM clinic WHERE id = 1`,
  );
  return row?.reports ? (JSON.parse(row.reports) as unknown) : undefined;
}

export function setReportSettingsJson(db: WritableDB, value: unknown, now: number): void {
  run(
    db,
    sql`UPDATE clinic SET settings_json = json_set(settings_json, '$.reports', json(${JSON.stringify(value)})), updated_at = ${now} WHERE id = 1`,
  );
}
