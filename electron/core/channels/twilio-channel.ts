import type { ReconcileResult, SendResult } from './channel';
import { resolveClient, type TwilioClient, type TwilioClientSource } from './twilio-client';
import { describeError, sendErrorResult } from './twilio-errors';

/**
 * What the Twilio SMS, voice, Studio and reply classes share: one SDK client per engine, built (and the
 * SDK loaded) on first use from the credentials twilio-config.ts read, and one mapping of Twilio's
 * errors to our results (twilio-errors.ts).
 */
export abstract class TwilioChannel {
  protected constructor(private readonly source: TwilioClientSource) {}

  protected get client(): TwilioClient {
    return resolveClient(this.source);
  }

  /** A create that threw: rejected (and what to do about it) or unknown, by Twilio's code and HTTP status. */
  protected sendFailed(err: unknown, what: 'SMS' | 'call'): SendResult {
    return sendErrorResult(err, what);
  }

  /** A provider listing that failed: nothing is decided, reconciliation asks again next cycle. */
  protected reconcileUnavailable(err: unknown): ReconcileResult {
    return { kind: 'unavailable', error: describeError(err) };
  }
}
