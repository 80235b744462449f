import type { Channel } from '../../../shared/domain/types';
import { findSimulatedMessageSince, insertSimulatedMessage } from '../db/repos/simulated-repo';
import type { WritableDB } from '../db/types';
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
    private readonly db: WritableDB,
    private readonly clock: Clock,
  ) {}

  async send(message: OutgoingMessage): Promise<SendResult> {
    const id = insertSimulatedMessage(this.db, message, this.clock.now());
    return { kind: 'accepted', providerId: `SIM${id}`, simulated: true };
  }

  async reconcile(message: OutgoingMessage): Promise<ReconcileResult> {
    const id = findSimulatedMessageSince(this.db, message.outboxId, message.claimedAt);
    return id !== undefined ? { kind: 'found', providerId: `SIM${id}` } : { kind: 'not_found' };
  }
}

export function simulateTransports(db: WritableDB, clock: Clock): Transports {
  return {
    email: new SimulateTransport('email', db, clock),
    sms: new SimulateTransport('sms', db, clock),
    voice: new SimulateTransport('voice', db, clock),
    description: 'simulate (no one is contacted)',
  };
}
