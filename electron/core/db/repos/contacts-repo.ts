import type { Channel, ContactOutcome } from '../../../../shared/domain/types';
import type { DB } from '../connection';
import { stmt } from '../sql';

export interface LedgerRow {
  id: number;
  outbox_id: number | null;
  appointment_id: number;
  rule_id: string;
  channel: Channel;
  recipient: string;
  attempted_at: number;
  outcome: ContactOutcome;
  counts_for_budget: number;
  provider_id: string | null;
  error_code: string | null;
  detail: string | null;
  /** SMS segments sent (migration 0004); null for calls, emails and older attempts. */
  segments: number | null;
}

/** DESIGN §5.13: one ledger row per provider attempt, written in the claim transaction as `unknown`. */
export function insertAttempt(
  db: DB,
  a: {
    outboxId: number;
    appointmentId: number;
    ruleId: string;
    channel: Channel;
    recipient: string;
    at: number;
    /** SMS segments of the body handed to the provider (cost estimate, docs/reports.md). */
    segments?: number | null;
  },
): number {
  return Number(
    stmt(
      db,
      `INSERT INTO contacts (outbox_id, appointment_id, rule_id, channel, recipient, attempted_at, outcome, counts_for_budget, updated_at,
         segments)
       VALUES (?, ?, ?, ?, ?, ?, 'unknown', 1, ?, ?)`,
    ).run(a.outboxId, a.appointmentId, a.ruleId, a.channel, a.recipient, a.at, a.at, a.segments ?? null).lastInsertRowid,
  );
}

/**
 * Sets the outcome of the latest attempt for an outbox row. `countsForBudget` is false only when the
 * provider definitely did not send (DESIGN §8 budgets).
 */
export function setAttemptOutcome(
  db: DB,
  outboxId: number,
  o: { outcome: ContactOutcome; countsForBudget: boolean; providerId?: string | null; errorCode?: string | null; detail?: string | null },
  now: number,
): void {
  stmt(
    db,
    `UPDATE contacts SET outcome = ?, counts_for_budget = ?, provider_id = COALESCE(?, provider_id), error_code = ?,
       detail = ?, updated_at = ?
     WHERE id = (SELECT MAX(id) FROM contacts WHERE outbox_id = ?)`,
  ).run(o.outcome, o.countsForBudget ? 1 : 0, o.providerId ?? null, o.errorCode ?? null, o.detail ?? null, now, outboxId);
}

/** Removes an attempt that never reached the provider (paused between claim and call). */
export function deleteLatestAttempt(db: DB, outboxId: number): void {
  stmt(db, `DELETE FROM contacts WHERE id = (SELECT MAX(id) FROM contacts WHERE outbox_id = ?)`).run(outboxId);
}

/** Budget input: SMS-or-call attempts to `recipient` since `since` (DESIGN §5.4). */
export function countPhoneContactsSince(db: DB, recipient: string, since: number): number {
  return (
    stmt(
      db,
      `SELECT COUNT(*) AS n FROM contacts WHERE recipient = ? AND attempted_at >= ? AND counts_for_budget = 1
         AND channel IN ('sms', 'voice')`,
    ).get(recipient, since) as { n: number }
  ).n;
}

/** Oldest counted SMS-or-call to `recipient` since `since` (when the weekly budget frees up). */
export function oldestPhoneContactSince(db: DB, recipient: string, since: number): number | null {
  const row = stmt(
    db,
    `SELECT MIN(attempted_at) AS at FROM contacts WHERE recipient = ? AND attempted_at >= ? AND counts_for_budget = 1
       AND channel IN ('sms', 'voice')`,
  ).get(recipient, since) as { at: number | null };
  return row.at;
}

export function countCallsForAppointment(db: DB, appointmentId: number): number {
  return (
    stmt(db, `SELECT COUNT(*) AS n FROM contacts WHERE appointment_id = ? AND channel = 'voice' AND counts_for_budget = 1`).get(
      appointmentId,
    ) as { n: number }
  ).n;
}

/** Rate-limit input: attempts on `channel` since `since`. */
export function countChannelAttemptsSince(db: DB, channel: Channel, since: number): number {
  return (stmt(db, `SELECT COUNT(*) AS n FROM contacts WHERE channel = ? AND attempted_at >= ?`).get(channel, since) as { n: number }).n;
}

export interface LedgerView extends LedgerRow {
  external_id: string;
}

export function listLedger(db: DB, limit: number): LedgerView[] {
  return stmt(db, `SELECT c.*, a.external_id FROM contacts c JOIN appointments a ON a.id = c.appointment_id ORDER BY c.id LIMIT ?`).all(
    limit,
  ) as LedgerView[];
}

export function listLedgerForAppointments(db: DB, appointmentIds: readonly number[]): LedgerRow[] {
  if (appointmentIds.length === 0) return [];
  return stmt(db, `SELECT * FROM contacts WHERE appointment_id IN (SELECT value FROM json_each(?)) ORDER BY id`).all(
    JSON.stringify(appointmentIds),
  ) as LedgerRow[];
}
