import type { Channel } from '../../../shared/domain/types';
import type {
  DeliveryStatus,
  InboundMessage,
  InboundPoller,
  OutgoingMessage,
  ReconcileResult,
  SendResult,
  Transport,
  Transports,
} from '../../../electron/core/channels/channel';
import { SimulateTransport } from '../../../electron/core/channels/simulate';
import type { WritableDB } from '../../../electron/core/db/connection';
import type { Clock } from '../../../electron/core/platform/clock';

/** What the provider saw: one record per send call, with what it answered and later reported. */
export interface SendRecord {
  readonly at: number;
  readonly channel: Channel;
  readonly to: string;
  readonly body: string;
  readonly outboxId: number;
  readonly appointmentId: number;
  readonly result: 'accepted' | 'invalid' | 'opt_out';
  /** The delivery status it reported when polled (SMS and calls). */
  delivery?: 'delivered' | 'undelivered' | 'confirmed by keypress 1' | 'opted out by keypress 9';
  /** When the provider reported it (the engine applies it in that same poll). */
  reportedAt?: number;
}

/** How the fake provider treats numbers and appointments (the month's script). */
export interface ProviderScript {
  /** Numbers the provider refuses as invalid (Twilio 21211). */
  readonly invalid: ReadonlySet<string>;
  /** Numbers that opted out at the provider (Twilio 21610). */
  readonly unsubscribed: ReadonlySet<string>;
  /** Numbers whose texts are accepted but never delivered (30003). */
  readonly undeliverable: ReadonlySet<string>;
  /** Appointment ids whose reminder call is answered with 1 (confirms). */
  readonly pressOne: ReadonlySet<number>;
  /** Appointment ids whose reminder call is answered with 9 (opts the number out). */
  readonly pressNine?: ReadonlySet<number>;
  /** Patient replies, delivered by the inbound poll once the clock reaches them. */
  readonly replies: readonly { at: number; from: string; body: string }[];
}

/**
 * A provider that behaves like Twilio for one scripted month: accepts, refuses (21211, 21610), reports delivery
 * later (delivered, undelivered, a call answered with 1). Each send is also written through the simulate
 * transport, so the body the engine sent is kept like any simulated message.
 */
class ScriptedTransport implements Transport {
  readonly name = 'scripted provider';
  readonly reconcileIsExact = true;
  private readonly byProviderId = new Map<string, SendRecord>();
  constructor(
    readonly channel: Channel,
    private readonly simulate: SimulateTransport,
    private readonly clock: Clock,
    private readonly script: ProviderScript,
    private readonly log: SendRecord[],
  ) {}

  async send(message: OutgoingMessage): Promise<SendResult> {
    await this.simulate.send(message);
    const phone = this.channel !== 'email';
    const result =
      phone && this.script.invalid.has(message.to) ? 'invalid' : phone && this.script.unsubscribed.has(message.to) ? 'opt_out' : 'accepted';
    const record: SendRecord = {
      at: this.clock.now(),
      channel: this.channel,
      to: message.to,
      body: message.body,
      outboxId: message.outboxId,
      // Keys start with the zero-padded appointment id (rules/windows.ts).
      appointmentId: Number(message.idempotencyKey.slice(0, 10)),
      result,
    };
    this.log.push(record);
    if (result === 'invalid')
      return { kind: 'rejected', action: 'invalid_address', code: '21211', error: "The 'To' number is not a valid phone number." };
    if (result === 'opt_out')
      return { kind: 'rejected', action: 'opt_out', code: '21610', error: 'Attempt to send to unsubscribed recipient' };
    const providerId = `${this.channel.toUpperCase()}${this.log.length}`;
    this.byProviderId.set(providerId, record);
    return { kind: 'accepted', providerId };
  }

  reconcile(message: OutgoingMessage): Promise<ReconcileResult> {
    return this.simulate.reconcile(message);
  }

  async deliveryStatus(providerId: string): Promise<DeliveryStatus> {
    const record = this.byProviderId.get(providerId);
    if (!record) return { kind: 'pending' };
    record.reportedAt = this.clock.now();
    if (this.channel === 'voice' && this.script.pressOne.has(record.appointmentId)) {
      record.delivery = 'confirmed by keypress 1';
      return { kind: 'completed', digits: '1', answeredBy: 'human' };
    }
    if (this.channel === 'voice' && this.script.pressNine?.has(record.appointmentId)) {
      record.delivery = 'opted out by keypress 9';
      return { kind: 'completed', digits: '9', answeredBy: 'human' };
    }
    if (this.channel === 'sms' && this.script.undeliverable.has(record.to)) {
      record.delivery = 'undelivered';
      return { kind: 'undelivered', code: '30003', error: 'Unreachable destination handset' };
    }
    record.delivery = 'delivered';
    return { kind: 'delivered' };
  }
}

function inboundPoller(clock: Clock, replies: ProviderScript['replies']): InboundPoller {
  const ordered = [...replies].sort((a, b) => a.at - b.at);
  return {
    poll: async (cursor) => {
      const seen = Number(cursor ?? '0');
      const due = ordered.filter((r) => r.at <= clock.now());
      const messages: InboundMessage[] = due
        .slice(seen)
        .map((r, k) => ({ providerId: `IN${seen + k + 1}`, from: r.from, body: r.body, receivedAt: r.at }));
      return { messages, cursor: String(due.length) };
    },
  };
}

/** Transports for createTestEngine: the scripted provider on every channel, and the scripted replies. */
export function scriptedTransports(script: ProviderScript, log: SendRecord[]): (db: WritableDB, clock: Clock) => Transports {
  return (db, clock) => {
    const make = (channel: Channel) => new ScriptedTransport(channel, new SimulateTransport(channel, db, clock), clock, script, log);
    return {
      email: make('email'),
      sms: make('sms'),
      voice: make('voice'),
      inbound: inboundPoller(clock, script.replies),
      description: 'scripted provider (tests)',
    };
  };
}
