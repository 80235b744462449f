import type { Channel } from '../../../../shared/domain/types';
import { first, run, sql } from '../sql';
import type { ReadableDB, WritableDB } from '../types';

/** The simulate transport's "provider": what it would have sent, one row per message (channels/simulate.ts). */
export interface NewSimulatedMessage {
  readonly outboxId: number;
  readonly channel: Channel;
  /** The recipient's address. */
  readonly to: string;
  readonly body: string;
}

/** Records a simulated send in its own statement (its own commit, like a provider's record); returns its id. */
export function insertSimulatedMessage(db: WritableDB, message: NewSimulatedMessage, now: number): number {
  return Number(
    run(
      db,
      sql`INSERT INTO simulated_messages (outbox_id, channel, recipient, body, created_at)
       VALUES (${message.outboxId}, ${message.channel}, ${message.to}, ${message.body}, ${now})`,
    ).lastInsertRowid,
  );
}

/** The newest simulated send of an outbox row made at or after `since` (crash reconciliation), if any. */
export function findSimulatedMessageSince(db: ReadableDB, outboxId: number, since: number): number | undefined {
  return first<{ id: number }>(
    db,
    sql`SELECT id FROM simulated_messages WHERE outbox_id = ${outboxId} AND created_at >= ${since} ORDER BY id DESC LIMIT 1`,
  )?.id;
}
