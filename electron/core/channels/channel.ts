import type { Channel } from '../../../shared/domain/types';

/** One message the dispatcher hands to a transport, after every final check has passed. */
export interface OutgoingMessage {
  readonly outboxId: number;
  readonly idempotencyKey: string;
  readonly channel: Channel;
  /** E.164 phone number for sms/voice, email address for email. */
  readonly to: string;
  /** Plain text (SMS body, spoken text for voice, email text part). */
  readonly body: string;
  /** The language the body is in (a call's voice speaks it); absent: English. */
  readonly language?: string;
  /** Email only. */
  readonly subject?: string;
  /** Email only: a simple HTML part. */
  readonly html?: string;
  /** Latest instant the message may still reach the patient (Twilio ValidityPeriod is derived from it). */
  readonly expiresAt: number;
  /** When the dispatcher claimed the row; reconciliation looks for provider records from here on. */
  readonly claimedAt: number;
}

/**
 * What happened at the provider: `accepted` (with its id), `rejected` (a definite answer, with what to do
 * about it), or `unknown`: the request may or may not have reached it (timeout, 5xx, dropped connection),
 * so it is reconciled, never retried blindly (docs/outbox-states.md#crash-rules).
 */
export type SendResult =
  | { readonly kind: 'accepted'; readonly providerId: string; readonly simulated?: boolean }
  | {
      readonly kind: 'rejected';
      /** Why, as shown to the receptionist. */
      readonly error: string;
      readonly code?: string;
      /** What the dispatcher should do about it. */
      readonly action: RejectionAction;
    }
  | { readonly kind: 'unknown'; readonly error: string; readonly code?: string };

/**
 * - `fail`: definite failure, not retried (any other refusal, e.g. a script too long for a call).
 * - `invalid_address`: the number or address is invalid (Twilio 21211, 13224…; SMTP 5xx to RCPT TO): failed,
 *   the address is marked invalid, the desk is told to fix it.
 * - `opt_out`: the recipient has opted out at the provider (Twilio 21610): record the opt-out, no retry.
 * - `retry`: not processed (Twilio 429/20429, 21611; SMTP 4xx or no connection before DATA): back off and
 *   retry inside the window.
 * - `pause`: configuration fault (bad credentials, bad From): the row goes back to pending, all sending pauses
 *   and a human is told.
 */
export type RejectionAction = 'fail' | 'invalid_address' | 'opt_out' | 'retry' | 'pause';

/** Result of asking the provider whether an `unknown` attempt actually happened. */
export type ReconcileResult =
  | { readonly kind: 'found'; readonly providerId: string }
  | { readonly kind: 'not_found' }
  /** The provider could not be asked right now; try again next cycle. */
  | { readonly kind: 'unavailable'; readonly error: string };

/** Final delivery state reported by the provider for an accepted message. */
export type DeliveryStatus =
  | { readonly kind: 'pending' }
  | { readonly kind: 'delivered' }
  | { readonly kind: 'undelivered'; readonly error?: string; readonly code?: string }
  | { readonly kind: 'failed'; readonly error?: string; readonly code?: string }
  /** Voice: the call was answered (by a person or a machine); `digits` is the key pressed, in Studio mode only. */
  | { readonly kind: 'completed'; readonly digits?: string; readonly answeredBy?: string };

/** An inbound SMS from a patient, as polled from the provider. */
export interface InboundMessage {
  readonly providerId: string;
  readonly from: string;
  readonly body: string;
  readonly receivedAt: number;
}

/** A transport for one channel. Implementations: simulate, Twilio SMS, Twilio voice (inline TwiML or Studio), SMTP email. */
export interface Transport {
  readonly name: string;
  readonly channel: Channel;
  /** Minimum milliseconds between two sends on this transport in one process (Twilio: 1 call/s). */
  readonly minIntervalMs?: number;
  /** How long after a claim the provider's listing is consistent enough to trust "not found". */
  readonly reconcileAfterMs?: number;
  /**
   * True when reconcile() is exact ("not found" means certainly never sent), as for the simulate
   * transport, whose provider record is a local table. Such rows are re-queued after a crash without
   * using up their one blind retry.
   */
  readonly reconcileIsExact?: boolean;
  send(message: OutgoingMessage): Promise<SendResult>;
  /** Looks for a provider record of `message` created since `message.claimedAt`. */
  reconcile(message: OutgoingMessage): Promise<ReconcileResult>;
  /** Polls the delivery status of an accepted message, if the provider reports one. */
  deliveryStatus?(providerId: string): Promise<DeliveryStatus>;
}

/** Polls inbound SMS (patient replies) since a cursor; returns the messages and the next cursor. */
export interface InboundPoller {
  poll(cursor: string | null): Promise<{ messages: InboundMessage[]; cursor: string }>;
}

// Send-ahead through Twilio Message Scheduling (docs/send-ahead.md).

/** Twilio's answer to "cancel this scheduled message" (docs/send-ahead.md#cancelling). */
export type CancelResult =
  | { readonly kind: 'canceled' }
  /** 30409: it is no longer `scheduled` — it went, or was cancelled before; `status` says which. */
  | { readonly kind: 'not_scheduled'; readonly status: string | null }
  /** Twilio did not confirm (network, 5xx, anything else): still on the list, shown loudly. */
  | { readonly kind: 'error'; readonly error: string };

/** Where a scheduled message is now, as Twilio reports it. */
export type ScheduledStatus = { readonly kind: 'status'; readonly status: string } | { readonly kind: 'error'; readonly error: string };

/** A message found at Twilio for an interrupted send-ahead claim. */
export type ScheduledLookup =
  | { readonly kind: 'found'; readonly providerId: string; readonly status: string }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'unavailable'; readonly error: string };

/** Twilio Message Scheduling for SMS: create with a SendAt, cancel, ask the status (docs/send-ahead.md). */
export interface ScheduledSmsTransport {
  readonly messagingServiceSid: string;
  schedule(message: OutgoingMessage, sendAt: number): Promise<SendResult>;
  cancel(providerId: string): Promise<CancelResult>;
  status(providerId: string): Promise<ScheduledStatus>;
  /** Looks for a message to `message.to` with its body through our service, created since `message.claimedAt`. */
  find(message: OutgoingMessage): Promise<ScheduledLookup>;
}

/** The transports configured for one engine: a missing channel is suppressed as "channel not configured". */
export interface Transports {
  readonly email?: Transport;
  readonly sms?: Transport;
  readonly voice?: Transport;
  readonly inbound?: InboundPoller;
  /** Twilio Message Scheduling, when a Messaging Service is configured (send-ahead, docs/send-ahead.md). */
  readonly scheduledSms?: ScheduledSmsTransport;
  /** Human-readable description, e.g. "simulate (no one is contacted)". */
  readonly description: string;
}
