import type { OutboxState } from '../../../../shared/domain/types';
import { all, first, run, scalar, sql } from '../sql';
import type { ReadableDB, WritableDB } from '../types';
import type { OutboxRow } from './outbox-repo';

/** SQL of send-ahead (docs/send-ahead.md): the `scheduled` state, its "to cancel" list, and its crash lookups. */

export function getOutboxRow(db: ReadableDB, id: number): OutboxRow | undefined {
  return first<OutboxRow>(db, sql`SELECT * FROM outbox WHERE id = ${id}`);
}

/** The send-ahead claim: like `markSending`, plus the SendAt, which also becomes the row's planned time. */
export function markSendAheadClaim(db: WritableDB, id: number, token: string, sendAt: number, now: number): boolean {
  return (
    run(
      db,
      sql`UPDATE outbox SET state = 'sending', lease_token = ${token}, claimed_at = ${now}, handed_at = ${now},
         attempts = attempts + 1, send_at = ${sendAt}, not_before = ${sendAt}, cancel_requested_at = NULL, cancel_to = NULL,
         cancel_reason = NULL, updated_at = ${now}
       WHERE id = ${id} AND state = 'pending'`,
    ).changes === 1
  );
}

/** Twilio made nothing (it refused, or the kill switch flipped first): back to pending, the claim and hand-off taken back. */
export function releaseSendAheadClaim(db: WritableDB, id: number, token: string, reason: string, now: number): boolean {
  return (
    run(
      db,
      sql`UPDATE outbox SET state = 'pending', reason = ${reason}, lease_token = NULL, send_at = NULL, handed_at = NULL,
         attempts = attempts - 1, updated_at = ${now}
       WHERE id = ${id} AND state = 'sending' AND lease_token = ${token}`,
    ).changes === 1
  );
}

/** Pending rows that could not be handed to Twilio keep their reason (shown as "at risk: …"). */
export function setPendingReason(db: WritableDB, id: number, reason: string, now: number): void {
  run(db, sql`UPDATE outbox SET reason = ${reason}, updated_at = ${now} WHERE id = ${id} AND state = 'pending'`);
}

/** Every scheduled row (few: one per at-risk text of one off period). */
export function listScheduledRows(db: ReadableDB): OutboxRow[] {
  return all<OutboxRow>(db, sql`SELECT * FROM outbox WHERE state = 'scheduled' ORDER BY send_at, id`);
}

/** Whether any text waits at Twilio (the partial index answers it). */
export function hasScheduledRows(db: ReadableDB): boolean {
  return scalar<number>(db, sql`SELECT EXISTS (SELECT 1 FROM outbox WHERE state = 'scheduled')`) === 1;
}

/** Scheduled rows whose cancellation has been asked for, oldest request first. */
export function listCancelRequested(db: ReadableDB): OutboxRow[] {
  return all<OutboxRow>(
    db,
    sql`SELECT * FROM outbox WHERE state = 'scheduled' AND cancel_requested_at IS NOT NULL ORDER BY cancel_requested_at, id`,
  );
}

/** Adds a scheduled row to the durable "to cancel" list (a first request wins: its reason is the one kept). */
export function requestCancel(db: WritableDB, id: number, to: OutboxState, reason: string, now: number): boolean {
  return (
    run(
      db,
      sql`UPDATE outbox SET cancel_requested_at = ${now}, cancel_to = ${to}, cancel_reason = ${reason}, updated_at = ${now}
       WHERE id = ${id} AND state = 'scheduled' AND cancel_requested_at IS NULL`,
    ).changes === 1
  );
}

/** A cancel Twilio could not confirm: the row stays on the list with the error, shown loudly. */
export function noteCancelError(db: WritableDB, id: number, error: string, now: number): void {
  run(db, sql`UPDATE outbox SET last_error = ${error}, updated_at = ${now} WHERE id = ${id} AND state = 'scheduled'`);
}

/**
 * Twilio confirmed the cancel: nothing reached the patient, so the attempt is taken back (a cancelled or
 * superseded row may then be revived like one never sent) and the row ends as the stop path asked.
 */
export function finishCancelled(db: WritableDB, id: number, recipient: string, now: number): boolean {
  return (
    run(
      db,
      sql`UPDATE outbox SET state = COALESCE(cancel_to, 'cancelled'), reason = COALESCE(cancel_reason, 'cancelled at Twilio'),
         attempts = MAX(attempts - 1, 0), handed_at = NULL, send_at = NULL, recipient = ${recipient}, last_error = NULL,
         cancel_requested_at = NULL, cancel_to = NULL, cancel_reason = NULL, updated_at = ${now}
       WHERE id = ${id} AND state = 'scheduled'`,
    ).changes === 1
  );
}

/** A scheduled row Twilio reports as gone out (or otherwise finished): `state` with `reason`. */
export function finishScheduled(db: WritableDB, id: number, state: OutboxState, reason: string, now: number): boolean {
  return (
    run(
      db,
      sql`UPDATE outbox SET state = ${state}, reason = ${reason}, cancel_requested_at = NULL, cancel_to = NULL, cancel_reason = NULL,
         last_error = NULL, updated_at = ${now}
       WHERE id = ${id} AND state = 'scheduled'`,
    ).changes === 1
  );
}

/** Send-ahead claims left `unknown` by a crash (docs/send-ahead.md#crash-safety). */
export function listUnknownSendAhead(db: ReadableDB, limit: number): OutboxRow[] {
  return all<OutboxRow>(db, sql`SELECT * FROM outbox WHERE state = 'unknown' AND send_at IS NOT NULL ORDER BY claimed_at LIMIT ${limit}`);
}

/** An `unknown` send-ahead row resolved: found at Twilio (`scheduled`, `sent`…) or not (`pending`). */
export function resolveUnknownSendAhead(
  db: WritableDB,
  id: number,
  next: { state: OutboxState; reason: string; providerId: string | null },
  now: number,
): boolean {
  return (
    run(
      db,
      sql`UPDATE outbox SET state = ${next.state}, reason = ${next.reason}, provider_id = COALESCE(${next.providerId}, provider_id),
         send_at = CASE WHEN ${next.state} = 'pending' THEN NULL ELSE send_at END, updated_at = ${now}
       WHERE id = ${id} AND state = 'unknown' AND send_at IS NOT NULL`,
    ).changes === 1
  );
}

/** A scheduled text that should have been cancelled but Twilio has not confirmed it. */
export interface NotCancelledRow {
  readonly outboxId: number;
  readonly appointment: string;
  readonly patient: string;
  readonly recipient: string;
  readonly sendAt: number | null;
  readonly providerId: string | null;
  readonly error: string;
}

/** The rows on the "to cancel" list whose last try failed (docs/send-ahead.md#not-cancelled). */
export function listNotCancelled(db: ReadableDB): NotCancelledRow[] {
  return all<NotCancelledRow>(
    db,
    sql`SELECT o.id AS outboxId, a.external_id AS appointment, p.name AS patient, o.recipient, o.send_at AS sendAt,
         o.provider_id AS providerId, o.last_error AS error
       FROM outbox o JOIN appointments a ON a.id = o.appointment_id JOIN patients p ON p.id = a.patient_id
       WHERE o.state = 'scheduled' AND o.cancel_requested_at IS NOT NULL AND o.last_error IS NOT NULL
       ORDER BY o.send_at, o.id`,
  );
}
