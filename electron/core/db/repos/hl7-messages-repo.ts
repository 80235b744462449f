import { all, column, first, run, scalar, sql } from '../sql';
import type { ReadableDB, WritableDB } from '../types';

export type Hl7Outcome = 'applied' | 'unchanged' | 'duplicate' | 'error' | 'rejected';

export interface Hl7MessageRow {
  id: number;
  source_id: number | null;
  received_at: number;
  control_id: string;
  event: string;
  ack_code: 'AA' | 'AE' | 'AR';
  outcome: Hl7Outcome;
  appointment: string | null;
  reason: string | null;
  raw: string;
}

export function insertHl7Message(db: WritableDB, row: Omit<Hl7MessageRow, 'id'>): number {
  const { source_id, received_at, control_id, event, ack_code, outcome, appointment, reason, raw } = row;
  return Number(
    run(
      db,
      sql`INSERT INTO hl7_messages (source_id, received_at, control_id, event, ack_code, outcome, appointment, reason, raw)
       VALUES (${source_id}, ${received_at}, ${control_id}, ${event}, ${ack_code}, ${outcome}, ${appointment}, ${reason}, ${raw})`,
    ).lastInsertRowid,
  );
}

/** The message with this control id that was accepted (AA) from this source, if any: a repeat is not applied again. */
export function findAcceptedHl7Message(db: ReadableDB, sourceId: number | null, controlId: string): Hl7MessageRow | undefined {
  return first<Hl7MessageRow>(
    db,
    sql`SELECT * FROM hl7_messages WHERE source_id IS ${sourceId} AND control_id = ${controlId} AND ack_code = 'AA' ORDER BY id LIMIT 1`,
  );
}

export function latestHl7Message(db: ReadableDB, sourceId: number): Hl7MessageRow | undefined {
  return first<Hl7MessageRow>(db, sql`SELECT * FROM hl7_messages WHERE source_id = ${sourceId} ORDER BY received_at DESC, id DESC LIMIT 1`);
}

/** When messages arrived (newest first, at most `limit`): the stale alarm learns the feed's rhythm from them. */
export function listHl7Arrivals(db: ReadableDB, sourceId: number, limit: number): number[] {
  return column<number>(
    db,
    sql`SELECT received_at FROM hl7_messages WHERE source_id = ${sourceId} ORDER BY received_at DESC LIMIT ${limit}`,
  );
}

/** Messages answered AE or AR since `since`. */
export function countHl7Errors(db: ReadableDB, sourceId: number, since: number): number {
  return (
    scalar<number>(
      db,
      sql`SELECT COUNT(*) FROM hl7_messages WHERE source_id = ${sourceId} AND ack_code <> 'AA' AND received_at >= ${since}`,
    ) ?? 0
  );
}

/** The latest messages of a source, newest first (the audit view and tests). */
export function listHl7Messages(db: ReadableDB, sourceId: number | null, limit: number): Hl7MessageRow[] {
  return all<Hl7MessageRow>(db, sql`SELECT * FROM hl7_messages WHERE source_id IS ${sourceId} ORDER BY id DESC LIMIT ${limit}`);
}
