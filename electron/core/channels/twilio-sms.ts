import type { Clock } from '../platform/clock';
import { DAY_MS } from '../platform/clock';
import type { DeliveryStatus, OutgoingMessage, ReconcileResult, SendResult, Transport } from './channel';
import { TwilioChannel } from './twilio-channel';
import type { TwilioClientSource } from './twilio-client';

export interface TwilioSmsOptions {
  /** Our Twilio number, E.164. */
  readonly from: string;
  /** How far before `claimedAt` a provider record may be dated and still match (clock skew). Default 2 min. */
  readonly skewMs?: number;
  /** Page size for reconciliation lists. Default 50. */
  readonly pageSize?: number;
}

const MAX_VALIDITY_S = 36_000;

/** Seconds Twilio may keep the SMS queued: never sent after `expiresAt` (1–36000 s; docs/twilio.md#sms). */
export function validityPeriodSeconds(expiresAt: number, now: number): number {
  return Math.min(MAX_VALIDITY_S, Math.max(1, Math.ceil((expiresAt - now) / 1000)));
}

/** Midnight UTC of the day before `ms`: list filters are by calendar day, so look one day further back. */
export function dayBefore(ms: number): Date {
  return new Date(Math.floor(ms / DAY_MS) * DAY_MS - DAY_MS);
}

/** SMS through Twilio Messages. Creates are not idempotent, so unknown outcomes are reconciled (docs/twilio.md#reconciliation). */
export class TwilioSmsTransport extends TwilioChannel implements Transport {
  readonly name = 'twilio-sms';
  readonly channel = 'sms' as const;
  /** A long code sends about 1 segment per second (docs/twilio.md#rate-limits); the default limit is 60 a minute. */
  readonly minIntervalMs = 1_000;
  /** Twilio's message list may lag a create by a few seconds; "not found" is trusted only after this. */
  readonly reconcileAfterMs = 30_000;

  constructor(
    source: TwilioClientSource,
    private readonly options: TwilioSmsOptions,
    private readonly clock: Clock,
  ) {
    super(source);
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    try {
      const created = await this.client.messages.create({
        to: message.to,
        from: this.options.from,
        body: message.body,
        validityPeriod: validityPeriodSeconds(message.expiresAt, this.clock.now()),
      });
      return { kind: 'accepted', providerId: created.sid };
    } catch (err) {
      return this.sendFailed(err, 'SMS');
    }
  }

  async reconcile(message: OutgoingMessage): Promise<ReconcileResult> {
    const since = message.claimedAt - (this.options.skewMs ?? 120_000);
    const pageSize = this.options.pageSize ?? 50;
    const base = { to: message.to, from: this.options.from };
    try {
      const dated = await this.client.messages.list({ ...base, dateSentAfter: dayBefore(message.claimedAt), pageSize, limit: 1000 });
      // A queued message has date_sent null; whether DateSent filters match it is unverified, so one undated page too.
      const undated = await this.client.messages.page({ ...base, pageSize });
      const match = [...dated, ...undated.instances].find(
        (m) => m.direction === 'outbound-api' && m.dateCreated.getTime() >= since && m.body === message.body,
      );
      return match ? { kind: 'found', providerId: match.sid } : { kind: 'not_found' };
    } catch (err) {
      return this.reconcileUnavailable(err);
    }
  }

  async deliveryStatus(providerId: string): Promise<DeliveryStatus> {
    const m = await this.client.messages(providerId).fetch();
    const code = m.errorCode === null || m.errorCode === undefined ? undefined : String(m.errorCode);
    const error = m.errorMessage ?? undefined;
    switch (m.status) {
      case 'delivered':
      case 'read':
        return { kind: 'delivered' };
      case 'undelivered':
        return { kind: 'undelivered', error, code };
      case 'failed':
        return { kind: 'failed', error, code };
      case 'canceled':
        return { kind: 'failed', error: 'canceled', code };
      default:
        // `sent` is not final: some carriers never confirm (docs/twilio.md#rest-shapes).
        return { kind: 'pending' };
    }
  }
}
