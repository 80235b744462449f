import type { Channel, ContactOutcome } from '../../../../shared/domain/types';
import { all, run, scalar, sql } from '../sql';
import type { ReadableDB, WritableDB } from '../types';

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
  /** `reminder`, or `conversation` for a staff answer by SMS (migration 0007; docs/conversations.md). */
  kind: 'reminder' | 'conversation';
}

/** One ledger row per provider attempt, written in the claim transaction as `unknown` (docs/outbox-states.md#ledger-and-outbox). */
export function insertAttempt(
  db: WritableDB,
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
    run(
      db,
      sql`INSERT INTO contacts (outbox_id, appointment_id, rule_id, channel, recipient, attempted_at, outcome, counts_for_budget,
         updated_at, segments)
       VALUES (${a.outboxId}, ${a.appointmentId}, ${a.ruleId}, ${a.channel}, ${a.recipient}, ${a.at}, 'unknown', 1, ${a.at},
         ${a.segments ?? null})`,
    ).lastInsertRowid,
  );
}

/**
 * Sets the outcome of the latest attempt for an outbox row. `countsForBudget` is false only when the
 * provider definitely did not send (docs/safeguards.md#contact-budgets).
 */
export function setAttemptOutcome(
  db: WritableDB,
  outboxId: number,
  o: { outcome: ContactOutcome; countsForBudget: boolean; providerId?: string | null; errorCode?: string | null; detail?: string | null },
  now: number,
): void {
  run(
    db,
    sql`UPDATE contacts SET outcome = ${o.outcome}, counts_for_budget = ${o.countsForBudget ? 1 : 0},
       provider_id = COALESCE(${o.providerId ?? null}, provider_id), error_code = ${o.errorCode ?? null}, detail = ${o.detail ?? null},
       updated_at = ${now}
     WHERE id = (SELECT MAX(id) FROM contacts WHERE outbox_id = ${outboxId})`,
  );
}

/** Removes an attempt that never reached the provider (released before the call, or never handed off before a crash). */
export function deleteLatestAttempt(db: WritableDB, outboxId: number): void {
  run(db, sql`DELETE FROM contacts WHERE id = (SELECT MAX(id) FROM contacts WHERE outbox_id = ${outboxId})`);
}

/** Budget input: SMS-or-call attempts to `recipient` since `since` (docs/safeguards.md#contact-budgets). */
export function countPhoneContactsSince(db: ReadableDB, recipient: string, since: number): number {
  return scalar<number>(
    db,
    sql`SELECT COUNT(*) FROM contacts WHERE recipient = ${recipient} AND attempted_at >= ${since} AND counts_for_budget = 1
       AND channel IN ('sms', 'voice')`,
  )!;
}

/** Oldest counted SMS-or-call to `recipient` since `since` (when the weekly budget frees up). */
export function oldestPhoneContactSince(db: ReadableDB, recipient: string, since: number): number | null {
  return (
    scalar<number | null>(
      db,
      sql`SELECT MIN(attempted_at) FROM contacts WHERE recipient = ${recipient} AND attempted_at >= ${since} AND counts_for_budget = 1
       AND channel IN ('sms', 'voice')`,
    ) ?? null
  );
}

export function countCallsForAppointment(db: ReadableDB, appointmentId: number): number {
  return scalar<number>(
    db,
    sql`SELECT COUNT(*) FROM contacts WHERE appointment_id = ${appointmentId} AND channel = 'voice' AND counts_for_budget = 1`,
  )!;
}

/**
 * Rate-limit input: attempts on `channel` in [since, until]. `until` keeps texts scheduled at Twilio for a later
 * SendAt (their ledger rows are dated then, docs/send-ahead.md) out of today's per-minute count.
 */
export function countChannelAttemptsSince(db: ReadableDB, channel: Channel, since: number, until = Number.MAX_SAFE_INTEGER): number {
  return scalar<number>(
    db,
    sql`SELECT COUNT(*) FROM contacts WHERE channel = ${channel} AND attempted_at >= ${since} AND attempted_at <= ${until}`,
  )!;
}

export interface LedgerView extends LedgerRow {
  external_id: string;
}

export function listLedger(db: ReadableDB, limit: number): LedgerView[] {
  return all<LedgerView>(
    db,
    sql`SELECT c.*, a.external_id FROM contacts c JOIN appointments a ON a.id = c.appointment_id ORDER BY c.id LIMIT ${limit}`,
  );
}

export function listLedgerForAppointments(db: ReadableDB, appointmentIds: readonly number[]): LedgerRow[] {
  if (appointmentIds.length === 0) return [];
  return all<LedgerRow>(
    db,
    sql`SELECT * FROM contacts WHERE appointment_id IN (SELECT value FROM json_each(${JSON.stringify(appointmentIds)})) ORDER BY id`,
  );
}
