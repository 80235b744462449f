import type { AppointmentStatus, Channel, ContactOutcome, OutboxState } from '../../../../shared/domain/types';
import type { DB } from '../connection';
import { stmt } from '../sql';

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
export function outboxOutcomesForAppointmentsBetween(db: DB, from: number, to: number): OutboxOutcomeRow[] {
  return stmt(
    db,
    `SELECT o.channel, o.state, o.reason, COUNT(*) AS n
     FROM appointments a JOIN outbox o
       ON o.idempotency_key >= printf('%010d:', a.id) AND o.idempotency_key < printf('%010d;', a.id)
     WHERE a.starts_at >= ? AND a.starts_at < ? AND o.state <> 'superseded'
     GROUP BY o.channel, o.state, o.reason`,
  ).all(from, to) as OutboxOutcomeRow[];
}

export interface AppointmentFactRow {
  id: number;
  starts_at: number;
  status: AppointmentStatus;
  confirmed_at: number | null;
}

/** Status and confirmation time of every appointment starting in [from, to) (appointments_starts_at index). */
export function appointmentFactsBetween(db: DB, from: number, to: number): AppointmentFactRow[] {
  return stmt(
    db,
    `SELECT id, starts_at, status, confirmed_at FROM appointments WHERE starts_at >= ? AND starts_at < ? ORDER BY starts_at`,
  ).all(from, to) as AppointmentFactRow[];
}

/** Who confirmed which appointment (audit log), for confirmations recorded in [from, to). */
export function confirmationActorsBetween(db: DB, from: number, to: number): { appointment_id: number; actor: string }[] {
  return stmt(
    db,
    `SELECT json_extract(detail_json, '$.appointmentId') AS appointment_id, actor FROM events
     WHERE at >= ? AND at < ? AND kind = 'appointment_confirmed' ORDER BY id`,
  ).all(from, to) as { appointment_id: number; actor: string }[];
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
export function ledgerFactsBetween(db: DB, from: number, to: number): LedgerFactRow[] {
  return stmt(
    db,
    `SELECT c.channel, c.recipient, c.attempted_at, c.outcome, c.counts_for_budget, c.segments,
       CASE WHEN c.segments IS NULL AND c.channel = 'sms'
         THEN (SELECT s.body FROM simulated_messages s WHERE s.outbox_id = c.outbox_id ORDER BY s.id DESC LIMIT 1) END AS simulated_body
     FROM contacts c
     WHERE c.channel IN ('email', 'sms', 'voice') AND c.attempted_at >= ? AND c.attempted_at < ?
     ORDER BY c.attempted_at, c.id`,
  ).all(from, to) as LedgerFactRow[];
}

/**
 * Reminders attempted in [from, to) (the daily summary), by where they ended: accepted by the provider (sent,
 * delivered, simulated), failed (the reminder's final state is failed or undelivered: a retried 429 is not a
 * failure), or outcome unknown. Each reminder counts once however many attempts it took.
 */
export function attemptedRemindersBetween(db: DB, from: number, to: number): { sent: number; failed: number; unknown: number } {
  return stmt(
    db,
    `SELECT COUNT(DISTINCT CASE WHEN c.outcome IN ('simulated', 'sent', 'delivered') THEN c.outbox_id END) AS sent,
       COUNT(DISTINCT CASE WHEN o.state IN ('failed', 'undelivered') THEN c.outbox_id END) AS failed,
       COUNT(DISTINCT CASE WHEN o.state = 'unknown' THEN c.outbox_id END) AS unknown
     FROM contacts c JOIN outbox o ON o.id = c.outbox_id
     WHERE c.channel IN ('email', 'sms', 'voice') AND c.attempted_at >= ? AND c.attempted_at < ?`,
  ).get(from, to) as { sent: number; failed: number; unknown: number };
}

/** Appointments whose confirmation was recorded in [from, to). A scan: run once a day, and from the dashboard. */
export function countConfirmedBetween(db: DB, from: number, to: number): number {
  return (stmt(db, `SELECT COUNT(*) AS n FROM appointments WHERE confirmed_at >= ? AND confirmed_at < ?`).get(from, to) as { n: number }).n;
}

/** Report settings (prices, summary time) kept in the clinic's extra settings under `reports`. */
export function getReportSettingsJson(db: DB): unknown {
  const row = stmt(db, `SELECT json_extract(settings_json, '$.reports') AS reports FROM clinic WHERE id = 1`).get() as
    | { reports: string | null }
    | undefined;
  return row?.reports ? (JSON.parse(row.reports) as unknown) : undefined;
}

export function setReportSettingsJson(db: DB, value: unknown, now: number): void {
  stmt(db, `UPDATE clinic SET settings_json = json_set(settings_json, '$.reports', json(?)), updated_at = ? WHERE id = 1`).run(
    JSON.stringify(value),
    now,
  );
}
