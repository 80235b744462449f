import { all, run, scalar, sql } from '../sql';
import type { ReadableDB, WritableDB } from '../types';

export interface EventRow {
  id: number;
  at: number;
  kind: string;
  actor: string;
  detail_json: string;
}

/**
 * The schedule's audit log: imports, confirmations, opt-outs, invalid numbers, settings changes. Pauses, resumes
 * and breaker trips go to the control file's audit instead (docs/safeguards.md#ledger-and-audit-log).
 */
export function recordEvent(db: WritableDB, at: number, kind: string, actor: string, detail: Record<string, unknown> = {}): void {
  run(db, sql`INSERT INTO events (at, kind, actor, detail_json) VALUES (${at}, ${kind}, ${actor}, ${JSON.stringify(detail)})`);
}

export function listEvents(db: ReadableDB, limit: number): EventRow[] {
  return all<EventRow>(db, sql`SELECT id, at, kind, actor, detail_json FROM events ORDER BY id DESC LIMIT ${limit}`);
}

/**
 * Test messages recorded to one address in [from, until): the durable count behind the daily limit.
 * Attempts the provider refused outright ('failed') reached no one and are not counted.
 */
export function countTestMessagesTo(db: ReadableDB, to: string, from: number, until: number): number {
  return scalar<number>(
    db,
    sql`SELECT COUNT(*) FROM events
      WHERE kind = 'test_message' AND at >= ${from} AND at < ${until}
        AND lower(json_extract(detail_json, '$.to')) = lower(${to}) AND COALESCE(json_extract(detail_json, '$.outcome'), '') <> 'failed'`,
  )!;
}
