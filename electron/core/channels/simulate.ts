import type { Channel } from '../../../shared/domain/types';
import type { DB } from '../db/connection';
import { stmt } from '../db/sql';
import type { Clock } from '../platform/clock';
import type { OutgoingMessage, ReconcileResult, SendResult, Transport, Transports } from './channel';

/**
 * The default transport (docs/architecture.md#channels-and-transports): contacts nobody. Its "provider" is the simulated_messages table,
 * written in its own commit like a real provider's record, so crash reconciliation works the same way.
 */
export class SimulateTransport implements Transport {
  readonly name = 'simulate';
  readonly reconcileIsExact = true;
  constructor(
    readonly channel: Channel,
    private readonly db: DB,
    private readonly clock: Clock,
  ) {}

  async send(message: OutgoingMessage): Promise<SendResult> {
    const info = stmt(
      this.db,
      `INSERT INTO simulated_messages (outbox_id, channel, recipient, body, created_at) VALUES (?, ?, ?, ?, ?)`,
    ).run(message.outboxId, message.channel, message.to, message.body, this.clock.now());
    return { kind: 'accepted', providerId: `SIM${String(info.lastInsertRowid)}`, simulated: true };
  }

  async reconcile(message: OutgoingMessage): Promise<ReconcileResult> {
    const row = stmt(this.db, `SELECT id FROM simulated_messages WHERE outbox_id = ? AND created_at >= ? ORDER BY id DESC LIMIT 1`).get(
      message.outboxId,
      message.claimedAt,
    ) as { id: number } | undefined;
    return row ? { kind: 'found', providerId: `SIM${row.id}` } : { kind: 'not_found' };
  }
}

export function simulateTransports(db: DB, clock: Clock): Transports {
  return {
    email: new SimulateTransport('email', db, clock),
    sms: new SimulateTransport('sms', db, clock),
    voice: new SimulateTransport('voice', db, clock),
    description: 'simulate (no one is contacted)',
  };
}
