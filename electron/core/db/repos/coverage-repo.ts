import type { Channel } from '../../../../shared/domain/types';
import { all, run, scalar, sql } from '../sql';
import type { ReadableDB, WritableDB } from '../types';

/** A pending reminder as the coverage check needs it (docs/coverage.md). */
export interface CoverageCandidate {
  readonly outbox_id: number;
  readonly appointment_id: number;
  readonly external_id: string;
  readonly channel: Channel;
  readonly recipient: string;
  readonly not_before: number;
  readonly expires_at: number;
  readonly starts_at: number;
  readonly patient_timezone: string | null;
  readonly patient_name: string;
  /** The appointment's last change (settle time counts from it). */
  readonly appointment_updated_at: number;
}

const SELECT_CANDIDATES = sql`SELECT o.id AS outbox_id, o.appointment_id, a.external_id, o.channel, o.recipient, o.not_before,
  o.expires_at, a.starts_at, p.timezone AS patient_timezone, p.name AS patient_name, a.updated_at AS appointment_updated_at
  FROM outbox o JOIN appointments a ON a.id = o.appointment_id JOIN patients p ON p.id = a.patient_id`;

/** Pending reminders due before `until` whose window is still open at `now`, in due order (by the due index). */
export function listPendingDueBefore(db: ReadableDB, now: number, until: number): CoverageCandidate[] {
  return all<CoverageCandidate>(
    db,
    sql`${SELECT_CANDIDATES} WHERE o.state = 'pending' AND o.not_before < ${until} AND o.expires_at > ${now} ORDER BY o.not_before, o.id`,
  );
}

/** Pending emails due in (now, until]: the ones that could go early. */
export function listPendingEmailsDueWithin(db: ReadableDB, now: number, until: number): CoverageCandidate[] {
  return all<CoverageCandidate>(
    db,
    sql`${SELECT_CANDIDATES} WHERE o.state = 'pending' AND o.not_before > ${now} AND o.not_before <= ${until} AND o.channel = 'email'
     ORDER BY o.not_before, o.id`,
  );
}

/** Moves a pending email's due time to `now` (sent early); false when the row is no longer a pending email due later. */
export function advancePendingEmail(db: WritableDB, id: number, now: number, reason: string): boolean {
  return (
    run(
      db,
      sql`UPDATE outbox SET not_before = ${now}, reason = ${reason}, updated_at = ${now}
       WHERE id = ${id} AND state = 'pending' AND channel = 'email' AND not_before > ${now}`,
    ).changes === 1
  );
}

/**
 * Reminders that were due at some instant since `since` and are still pending at `now`: what a sender that has not
 * run since `since` has left undone ("the sender is down", docs/coverage.md#the-sender-is-down).
 */
export function countPendingDueSince(db: ReadableDB, since: number, now: number): number {
  return scalar<number>(db, sql`SELECT COUNT(*) FROM outbox WHERE state = 'pending' AND not_before <= ${now} AND expires_at > ${since}`)!;
}
