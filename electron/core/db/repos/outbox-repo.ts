import type { Channel, OutboxState } from '../../../../shared/domain/types';
import { all, first, run, scalar, sql } from '../sql';
import type { ReadableDB, WritableDB } from '../types';

export interface OutboxRow {
  id: number;
  idempotency_key: string;
  appointment_id: number;
  rule_id: string;
  channel: Channel;
  recipient: string;
  not_before: number;
  expires_at: number;
  state: OutboxState;
  reason: string | null;
  attempts: number;
  lease_token: string | null;
  claimed_at: number | null;
  handed_at: number | null;
  provider_id: string | null;
  last_error: string | null;
  /** Send-ahead (migration 0005, docs/send-ahead.md): the SendAt handed to Twilio; null for ordinary sends. */
  send_at?: number | null;
  /** Send-ahead: set when a stop path asked for the scheduled message to be cancelled at Twilio. */
  cancel_requested_at?: number | null;
  cancel_to?: OutboxState | null;
  cancel_reason?: string | null;
}

export interface NewOutboxRow {
  key: string;
  appointmentId: number;
  ruleId: string;
  channel: Channel;
  recipient: string;
  notBefore: number;
  expiresAt: number;
  state: 'pending' | 'suppressed';
  reason: string | null;
}

/** A range of idempotency keys: [from, to). One appointment's rows are one range (rules/windows.ts appointmentKeyRange). */
export type KeyRange = readonly [from: string, to: string];

/** INSERT … ON CONFLICT DO NOTHING (docs/outbox-states.md#idempotency-keys); returns true when the row is new. */
export function insertOutboxRow(db: WritableDB, row: NewOutboxRow, now: number): boolean {
  const info = run(
    db,
    sql`INSERT INTO outbox (idempotency_key, appointment_id, rule_id, channel, recipient, not_before, expires_at, state,
       reason, created_at, updated_at)
     VALUES (${row.key}, ${row.appointmentId}, ${row.ruleId}, ${row.channel}, ${row.recipient}, ${row.notBefore}, ${row.expiresAt},
       ${row.state}, ${row.reason}, ${now}, ${now})
     ON CONFLICT (idempotency_key) DO NOTHING`,
  );
  return info.changes === 1;
}

/**
 * A row that was cancelled or superseded before it ever reached a provider comes back when the
 * schedule wants it again (appointment re-booked, rescheduled back). Nothing sent is ever revived.
 */
export function reviveOutboxRow(db: WritableDB, key: string, recipient: string, now: number, notBefore = 0): boolean {
  // `notBefore`: a revived reminder waits out the settle time of the change that revived it, like a new one.
  return (
    run(
      db,
      sql`UPDATE outbox SET state = 'pending', reason = NULL, recipient = ${recipient}, updated_at = ${now},
         not_before = MAX(not_before, ${notBefore})
       WHERE idempotency_key = ${key} AND attempts = 0
         AND (state IN ('cancelled', 'superseded') OR (state = 'suppressed' AND reason IN ('no phone number', 'no email address')))`,
    ).changes === 1
  );
}

/**
 * Rows suppressed for `reason` that never reached a provider and whose window is still open go back to
 * pending (the cause went away, e.g. the clinic allowed the country); the final checks run again at claim.
 */
export function reviveSuppressedFor(db: WritableDB, reason: string, now: number): number {
  return run(
    db,
    sql`UPDATE outbox SET state = 'pending', reason = NULL, updated_at = ${now}
     WHERE state = 'suppressed' AND reason = ${reason} AND attempts = 0 AND expires_at > ${now}`,
  ).changes; // a rare settings change: a scan is fine
}

/** The rows whose keys fall in `range` (one appointment's, by the UNIQUE key index), in send order. */
export function listOutboxInKeyRange(db: ReadableDB, [from, to]: KeyRange): OutboxRow[] {
  return all<OutboxRow>(db, sql`SELECT * FROM outbox WHERE idempotency_key >= ${from} AND idempotency_key < ${to} ORDER BY not_before, id`);
}

/** The rows of several key ranges, range by range. */
export function listOutboxInKeyRanges(db: ReadableDB, ranges: readonly KeyRange[]): OutboxRow[] {
  return ranges.flatMap((range) => listOutboxInKeyRange(db, range));
}

export function listPendingInKeyRange(db: ReadableDB, [from, to]: KeyRange): OutboxRow[] {
  return all<OutboxRow>(db, sql`SELECT * FROM outbox WHERE idempotency_key >= ${from} AND idempotency_key < ${to} AND state = 'pending'`);
}

/** Ends a pending row without contact (cancelled, superseded, expired, suppressed). */
export function endPendingRow(db: WritableDB, id: number, state: OutboxState, reason: string, now: number): boolean {
  return (
    run(db, sql`UPDATE outbox SET state = ${state}, reason = ${reason}, updated_at = ${now} WHERE id = ${id} AND state = 'pending'`)
      .changes === 1
  );
}

export function deferPendingRow(db: WritableDB, id: number, notBefore: number, reason: string, now: number): void {
  run(db, sql`UPDATE outbox SET not_before = ${notBefore}, reason = ${reason}, updated_at = ${now} WHERE id = ${id} AND state = 'pending'`);
}

export function repointPendingRow(db: WritableDB, id: number, recipient: string, now: number): void {
  run(db, sql`UPDATE outbox SET recipient = ${recipient}, updated_at = ${now} WHERE id = ${id} AND state = 'pending'`);
}

/** Freshness (docs/safeguards.md#freshness): a pending row past its window expires rather than fire late. */
export function expireStaleRows(db: WritableDB, now: number): number {
  return run(
    db,
    sql`UPDATE outbox SET state = 'expired', reason = 'send window closed', updated_at = ${now}
     WHERE state = 'pending' AND not_before <= ${now} AND expires_at <= ${now}`,
  ).changes;
}

/** Due rows (docs/outbox-states.md#claim), oldest first, optionally excluding channels exhausted this cycle. */
export function selectDueRows(db: ReadableDB, now: number, limit: number, skip: Readonly<Record<Channel, boolean>>): OutboxRow[] {
  return all<OutboxRow>(
    db,
    sql`SELECT * FROM outbox WHERE state = 'pending' AND not_before <= ${now} AND expires_at > ${now}
       AND NOT (channel = 'email' AND ${skip.email ? 1 : 0}) AND NOT (channel = 'sms' AND ${skip.sms ? 1 : 0})
       AND NOT (channel = 'voice' AND ${skip.voice ? 1 : 0})
     ORDER BY not_before, id LIMIT ${limit}`,
  );
}

export function countDueRows(db: ReadableDB, now: number): number {
  return scalar<number>(db, sql`SELECT COUNT(*) FROM outbox WHERE state = 'pending' AND not_before <= ${now} AND expires_at > ${now}`)!;
}

/** The largest number of due SMS/calls waiting for any one number (breaker input). */
export function maxDuePerRecipient(db: ReadableDB, now: number): { recipient: string; n: number } | undefined {
  return first<{ recipient: string; n: number }>(
    db,
    sql`SELECT recipient, COUNT(*) AS n FROM outbox
     WHERE state = 'pending' AND not_before <= ${now} AND expires_at > ${now} AND channel IN ('sms', 'voice')
     GROUP BY recipient ORDER BY n DESC LIMIT 1`,
  );
}

/** Marks a claimed row `sending` with a fresh lease token (committed durably before the provider call). */
export function markSending(db: WritableDB, id: number, token: string, now: number): boolean {
  return (
    run(
      db,
      sql`UPDATE outbox SET state = 'sending', lease_token = ${token}, claimed_at = ${now}, handed_at = NULL, updated_at = ${now}
       WHERE id = ${id} AND state = 'pending'`,
    ).changes === 1
  );
}

/** Records that the provider call is about to start: from here on the attempt counts. */
export function markHandedToProvider(db: WritableDB, id: number, token: string, now: number): boolean {
  return (
    run(
      db,
      sql`UPDATE outbox SET handed_at = ${now}, attempts = attempts + 1
       WHERE id = ${id} AND state = 'sending' AND lease_token = ${token}`,
    ).changes === 1
  );
}

/** Takes a hand-off back for a row that was not sent after all (paused between hand-off and call). */
export function unmarkHandedToProvider(db: WritableDB, id: number, token: string): void {
  run(
    db,
    sql`UPDATE outbox SET handed_at = NULL, attempts = attempts - 1
     WHERE id = ${id} AND state = 'sending' AND lease_token = ${token} AND handed_at IS NOT NULL`,
  );
}

/** The result is fenced by state and lease token; 0 rows changed is an alarm (docs/outbox-states.md#fenced-results). */
export function finishSending(
  db: WritableDB,
  id: number,
  token: string,
  next: { state: OutboxState; reason: string | null; providerId: string | null; lastError: string | null; notBefore?: number },
  now: number,
): boolean {
  return (
    run(
      db,
      sql`UPDATE outbox SET state = ${next.state}, reason = ${next.reason}, provider_id = COALESCE(${next.providerId}, provider_id),
         last_error = ${next.lastError}, not_before = COALESCE(${next.notBefore ?? null}, not_before), lease_token = NULL,
         updated_at = ${now}
       WHERE id = ${id} AND state = 'sending' AND lease_token = ${token}`,
    ).changes === 1
  );
}

/** `sending` is never reclaimed; rows left by a dead sender become `unknown` (docs/outbox-states.md#orphaned-sending-rows). */
export function markOrphanedSendingUnknown(db: WritableDB, now: number): number {
  return run(
    db,
    sql`UPDATE outbox SET state = 'unknown', reason = 'interrupted while sending', lease_token = NULL, updated_at = ${now}
     WHERE state = 'sending'`,
  ).changes;
}

export function listUnknownRows(db: ReadableDB, limit: number): OutboxRow[] {
  // Send-ahead rows (send_at set) are looked up by the send-ahead step instead (docs/send-ahead.md#crash-safety).
  return all<OutboxRow>(db, sql`SELECT * FROM outbox WHERE state = 'unknown' AND send_at IS NULL ORDER BY claimed_at LIMIT ${limit}`);
}

export function resolveUnknownRow(
  db: WritableDB,
  id: number,
  next: { state: OutboxState; reason: string | null; providerId: string | null; notBefore?: number },
  now: number,
): boolean {
  return (
    run(
      db,
      sql`UPDATE outbox SET state = ${next.state}, reason = ${next.reason}, provider_id = COALESCE(${next.providerId}, provider_id),
         not_before = COALESCE(${next.notBefore ?? null}, not_before), updated_at = ${now}
       WHERE id = ${id} AND state = 'unknown'`,
    ).changes === 1
  );
}

/** Accepted messages whose delivery is not final yet (polled for delivery status). */
export function listAwaitingDelivery(db: ReadableDB, since: number, limit: number): OutboxRow[] {
  return all<OutboxRow>(
    db,
    sql`SELECT * FROM outbox WHERE state = 'sent' AND provider_id IS NOT NULL AND channel IN ('sms', 'voice')
       AND updated_at >= ${since} ORDER BY updated_at LIMIT ${limit}`,
  );
}

export function setDeliveryState(db: WritableDB, id: number, state: OutboxState, reason: string | null, now: number): void {
  run(db, sql`UPDATE outbox SET state = ${state}, reason = ${reason}, updated_at = ${now} WHERE id = ${id} AND state = 'sent'`);
}

export function countByState(db: ReadableDB): Record<string, number> {
  const rows = all<{ state: string; n: number }>(db, sql`SELECT state, COUNT(*) AS n FROM outbox GROUP BY state`);
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

/** Rows a human must look at: unknown outcomes, failures, invalid numbers (last 7 days). */
export function countNeedsAttention(db: ReadableDB, since: number): number {
  return scalar<number>(db, sql`SELECT COUNT(*) FROM outbox WHERE state IN ('unknown', 'failed') AND updated_at >= ${since}`)!;
}

export function pendingInRange(db: ReadableDB, from: number, until: number): OutboxRow[] {
  return all<OutboxRow>(
    db,
    sql`SELECT * FROM outbox WHERE state = 'pending' AND not_before < ${until} AND expires_at > ${from} ORDER BY not_before, id`,
  );
}

/** A corrected phone number applies to the patient's pending SMS and calls at once. */
export function repointPendingPhoneRows(db: WritableDB, patientId: number, phone: string, now: number): number {
  return run(
    db,
    sql`UPDATE outbox SET recipient = ${phone}, updated_at = ${now} WHERE state = 'pending' AND channel IN ('sms', 'voice')
       AND appointment_id IN (SELECT id FROM appointments WHERE patient_id = ${patientId})`,
  ).changes; // a rare front-desk action: a scan of the pending index is fine
}

export function countExpiredOnResume(db: ReadableDB, now: number): number {
  return scalar<number>(db, sql`SELECT COUNT(*) FROM outbox WHERE state = 'pending' AND expires_at <= ${now}`)!;
}
