import type { DB } from '../connection';
import { stmt } from '../sql';

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
export function recordEvent(db: DB, at: number, kind: string, actor: string, detail: Record<string, unknown> = {}): void {
  stmt(db, `INSERT INTO events (at, kind, actor, detail_json) VALUES (?, ?, ?, ?)`).run(at, kind, actor, JSON.stringify(detail));
}

export function listEvents(db: DB, limit: number): EventRow[] {
  return stmt(db, `SELECT id, at, kind, actor, detail_json FROM events ORDER BY id DESC LIMIT ?`).all(limit) as EventRow[];
}

/**
 * Test messages recorded to one address in [from, until): the durable count behind the daily limit.
 * Attempts the provider refused outright ('failed') reached no one and are not counted.
 */
export function countTestMessagesTo(db: DB, to: string, from: number, until: number): number {
  const row = stmt(
    db,
    `SELECT COUNT(*) AS n FROM events
      WHERE kind = 'test_message' AND at >= ? AND at < ?
        AND lower(json_extract(detail_json, '$.to')) = lower(?) AND COALESCE(json_extract(detail_json, '$.outcome'), '') <> 'failed'`,
  ).get(from, until, to) as { n: number };
  return row.n;
}
