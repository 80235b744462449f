import type { Channel, OutboxState } from '../../../../shared/domain/types';
import type { DB } from '../connection';
import { appointmentKeyRange } from '../../rules/windows';
import { stmt } from '../sql';

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

/** OUTBOX rule 1: INSERT … ON CONFLICT DO NOTHING; returns true when the row is new. */
export function insertOutboxRow(db: DB, row: NewOutboxRow, now: number): boolean {
  const info = stmt(
    db,
    `INSERT INTO outbox (idempotency_key, appointment_id, rule_id, channel, recipient, not_before, expires_at, state,
       reason, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`,
  ).run(row.key, row.appointmentId, row.ruleId, row.channel, row.recipient, row.notBefore, row.expiresAt, row.state, row.reason, now, now);
  return info.changes === 1;
}

/**
 * A row that was cancelled or superseded before it ever reached a provider comes back when the
 * schedule wants it again (appointment re-booked, rescheduled back). Nothing sent is ever revived.
 */
export function reviveOutboxRow(db: DB, key: string, recipient: string, now: number, notBefore = 0): boolean {
  // `notBefore`: a revived reminder waits out the settle time of the change that revived it, like a new one.
  return (
    stmt(
      db,
      `UPDATE outbox SET state = 'pending', reason = NULL, recipient = ?, updated_at = ?, not_before = MAX(not_before, ?)
       WHERE idempotency_key = ? AND attempts = 0
         AND (state IN ('cancelled', 'superseded') OR (state = 'suppressed' AND reason IN ('no phone number', 'no email address')))`,
    ).run(recipient, now, notBefore, key).changes === 1
  );
}

/**
 * Rows suppressed for `reason` that never reached a provider and whose window is still open go back to
 * pending (the cause went away, e.g. the clinic allowed the country); the final checks run again at claim.
 */
export function reviveSuppressedFor(db: DB, reason: string, now: number): number {
  return stmt(
    db,
    `UPDATE outbox SET state = 'pending', reason = NULL, updated_at = ?
     WHERE state = 'suppressed' AND reason = ? AND attempts = 0 AND expires_at > ?`,
  ).run(now, reason, now).changes; // a rare settings change: a scan is fine
}

/** An appointment's outbox rows, found by key range on the UNIQUE key index (see appointmentKeyRange). */
export function listOutboxForAppointment(db: DB, appointmentId: number): OutboxRow[] {
  const [from, to] = appointmentKeyRange(appointmentId);
  return stmt(db, `SELECT * FROM outbox WHERE idempotency_key >= ? AND idempotency_key < ? ORDER BY not_before, id`).all(
    from,
    to,
  ) as OutboxRow[];
}

export function listPendingForAppointment(db: DB, appointmentId: number): OutboxRow[] {
  const [from, to] = appointmentKeyRange(appointmentId);
  return stmt(db, `SELECT * FROM outbox WHERE idempotency_key >= ? AND idempotency_key < ? AND state = 'pending'`).all(
    from,
    to,
  ) as OutboxRow[];
}

/** Ends a pending row without contact (cancelled, superseded, expired, suppressed). */
export function endPendingRow(db: DB, id: number, state: OutboxState, reason: string, now: number): boolean {
  return (
    stmt(db, `UPDATE outbox SET state = ?, reason = ?, updated_at = ? WHERE id = ? AND state = 'pending'`).run(state, reason, now, id)
      .changes === 1
  );
}

export function deferPendingRow(db: DB, id: number, notBefore: number, reason: string, now: number): void {
  stmt(db, `UPDATE outbox SET not_before = ?, reason = ?, updated_at = ? WHERE id = ? AND state = 'pending'`).run(
    notBefore,
    reason,
    now,
    id,
  );
}

export function repointPendingRow(db: DB, id: number, recipient: string, now: number): void {
  stmt(db, `UPDATE outbox SET recipient = ?, updated_at = ? WHERE id = ? AND state = 'pending'`).run(recipient, now, id);
}

/** DESIGN §8 freshness: a pending row past its window expires rather than fire late. */
export function expireStaleRows(db: DB, now: number): number {
  return stmt(
    db,
    `UPDATE outbox SET state = 'expired', reason = 'send window closed', updated_at = ?
     WHERE state = 'pending' AND not_before <= ? AND expires_at <= ?`,
  ).run(now, now, now).changes;
}

/** Due rows (OUTBOX rule 3), oldest first, optionally excluding channels exhausted this cycle. */
export function selectDueRows(db: DB, now: number, limit: number, skip: Readonly<Record<Channel, boolean>>): OutboxRow[] {
  return stmt(
    db,
    `SELECT * FROM outbox WHERE state = 'pending' AND not_before <= ? AND expires_at > ?
       AND NOT (channel = 'email' AND ?) AND NOT (channel = 'sms' AND ?) AND NOT (channel = 'voice' AND ?)
     ORDER BY not_before, id LIMIT ?`,
  ).all(now, now, skip.email ? 1 : 0, skip.sms ? 1 : 0, skip.voice ? 1 : 0, limit) as OutboxRow[];
}

export function countDueRows(db: DB, now: number): number {
  return (
    stmt(db, `SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending' AND not_before <= ? AND expires_at > ?`).get(now, now) as {
      n: number;
    }
  ).n;
}

/** The largest number of due SMS/calls waiting for any one number (breaker input). */
export function maxDuePerRecipient(db: DB, now: number): { recipient: string; n: number } | undefined {
  return stmt(
    db,
    `SELECT recipient, COUNT(*) AS n FROM outbox
     WHERE state = 'pending' AND not_before <= ? AND expires_at > ? AND channel IN ('sms', 'voice')
     GROUP BY recipient ORDER BY n DESC LIMIT 1`,
  ).get(now, now) as { recipient: string; n: number } | undefined;
}

/** Marks a claimed row `sending` with a fresh lease token (committed durably before the provider call). */
export function markSending(db: DB, id: number, token: string, now: number): boolean {
  return (
    stmt(
      db,
      `UPDATE outbox SET state = 'sending', lease_token = ?, claimed_at = ?, handed_at = NULL, updated_at = ?
       WHERE id = ? AND state = 'pending'`,
    ).run(token, now, now, id).changes === 1
  );
}

/** Records that the provider call is about to start: from here on the attempt counts. */
export function markHandedToProvider(db: DB, id: number, token: string, now: number): boolean {
  return (
    stmt(db, `UPDATE outbox SET handed_at = ?, attempts = attempts + 1 WHERE id = ? AND state = 'sending' AND lease_token = ?`).run(
      now,
      id,
      token,
    ).changes === 1
  );
}

/** Takes a hand-off back for a row that was not sent after all (paused between hand-off and call). */
export function unmarkHandedToProvider(db: DB, id: number, token: string): void {
  stmt(
    db,
    `UPDATE outbox SET handed_at = NULL, attempts = attempts - 1 WHERE id = ? AND state = 'sending' AND lease_token = ? AND handed_at IS NOT NULL`,
  ).run(id, token);
}

/** OUTBOX rule 5: the result is fenced by state and lease token; 0 rows changed is an alarm. */
export function finishSending(
  db: DB,
  id: number,
  token: string,
  next: { state: OutboxState; reason: string | null; providerId: string | null; lastError: string | null; notBefore?: number },
  now: number,
): boolean {
  return (
    stmt(
      db,
      `UPDATE outbox SET state = ?, reason = ?, provider_id = COALESCE(?, provider_id), last_error = ?,
         not_before = COALESCE(?, not_before), lease_token = NULL, updated_at = ?
       WHERE id = ? AND state = 'sending' AND lease_token = ?`,
    ).run(next.state, next.reason, next.providerId, next.lastError, next.notBefore ?? null, now, id, token).changes === 1
  );
}

/** OUTBOX rule 6: `sending` is never reclaimed; rows left by a dead sender become `unknown`. */
export function markOrphanedSendingUnknown(db: DB, now: number): number {
  return stmt(
    db,
    `UPDATE outbox SET state = 'unknown', reason = 'interrupted while sending', lease_token = NULL, updated_at = ?
     WHERE state = 'sending'`,
  ).run(now).changes;
}

export function listUnknownRows(db: DB, limit: number): OutboxRow[] {
  return stmt(db, `SELECT * FROM outbox WHERE state = 'unknown' ORDER BY claimed_at LIMIT ?`).all(limit) as OutboxRow[];
}

export function resolveUnknownRow(
  db: DB,
  id: number,
  next: { state: OutboxState; reason: string | null; providerId: string | null; notBefore?: number },
  now: number,
): boolean {
  return (
    stmt(
      db,
      `UPDATE outbox SET state = ?, reason = ?, provider_id = COALESCE(?, provider_id), not_before = COALESCE(?, not_before),
         updated_at = ? WHERE id = ? AND state = 'unknown'`,
    ).run(next.state, next.reason, next.providerId, next.notBefore ?? null, now, id).changes === 1
  );
}

/** Accepted messages whose delivery is not final yet (polled for delivery status). */
export function listAwaitingDelivery(db: DB, since: number, limit: number): OutboxRow[] {
  return stmt(
    db,
    `SELECT * FROM outbox WHERE state = 'sent' AND provider_id IS NOT NULL AND channel IN ('sms', 'voice')
       AND updated_at >= ? ORDER BY updated_at LIMIT ?`,
  ).all(since, limit) as OutboxRow[];
}

export function setDeliveryState(db: DB, id: number, state: OutboxState, reason: string | null, now: number): void {
  stmt(db, `UPDATE outbox SET state = ?, reason = ?, updated_at = ? WHERE id = ? AND state = 'sent'`).run(state, reason, now, id);
}

export function countByState(db: DB): Record<string, number> {
  const rows = stmt(db, `SELECT state, COUNT(*) AS n FROM outbox GROUP BY state`).all() as { state: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

/** Rows a human must look at: unknown outcomes, failures, invalid numbers (last 7 days). */
export function countNeedsAttention(db: DB, since: number): number {
  return (stmt(db, `SELECT COUNT(*) AS n FROM outbox WHERE state IN ('unknown', 'failed') AND updated_at >= ?`).get(since) as { n: number })
    .n;
}

export function pendingInRange(db: DB, from: number, until: number): OutboxRow[] {
  return stmt(db, `SELECT * FROM outbox WHERE state = 'pending' AND not_before < ? AND expires_at > ? ORDER BY not_before, id`).all(
    until,
    from,
  ) as OutboxRow[];
}

export function listOutboxForAppointments(db: DB, appointmentIds: readonly number[]): OutboxRow[] {
  return appointmentIds.flatMap((id) => listOutboxForAppointment(db, id));
}

/** A corrected phone number applies to the patient's pending SMS and calls at once. */
export function repointPendingPhoneRows(db: DB, patientId: number, phone: string, now: number): number {
  return stmt(
    db,
    `UPDATE outbox SET recipient = ?, updated_at = ? WHERE state = 'pending' AND channel IN ('sms', 'voice')
       AND appointment_id IN (SELECT id FROM appointments WHERE patient_id = ?)`,
  ).run(phone, now, patientId).changes; // a rare front-desk action: a scan of the pending index is fine
}

export function countExpiredOnResume(db: DB, now: number): number {
  return (stmt(db, `SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending' AND expires_at <= ?`).get(now) as { n: number }).n;
}
