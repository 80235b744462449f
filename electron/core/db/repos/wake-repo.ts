import { scalar, sql } from '../sql';
import type { ReadableDB } from '../types';

/**
 * When the next pending reminder may go: the earliest start of a still-open send window (docs/desktop-power.md#keep-awake).
 * A row already due counts as due now. Uses the outbox_due index.
 */
export function earliestPendingDue(db: ReadableDB, now: number): number | null {
  return scalar<number | null>(db, sql`SELECT MIN(not_before) FROM outbox WHERE state = 'pending' AND expires_at > ${now}`) ?? null;
}
