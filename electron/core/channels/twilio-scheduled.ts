import type { CancelResult, OutgoingMessage, ScheduledLookup, ScheduledSmsTransport, ScheduledStatus, SendResult } from './channel';
import { TwilioChannel } from './twilio-channel';
import type { TwilioClientSource } from './twilio-client';
import { describeError, twilioErrorCode } from './twilio-errors';

/** Twilio takes SendAt as `YYYY-MM-DDTHH:MM:SSZ` (UTC, whole seconds). */
export function sendAtParam(ms: number): Date {
  return new Date(Math.ceil(ms / 1000) * 1000);
}

/**
 * Scheduled SMS through a Messaging Service. Without `MessagingServiceSid` Twilio would send at once, so it is
 * always given; the service picks the sender, so no `From`.
 */
export class TwilioScheduledSms extends TwilioChannel implements ScheduledSmsTransport {
  constructor(
    source: TwilioClientSource,
    readonly messagingServiceSid: string,
    private readonly skewMs = 120_000,
  ) {
    super(source);
  }

  async schedule(message: OutgoingMessage, sendAt: number): Promise<SendResult> {
    try {
      const created = await this.client.messages.create({
        to: message.to,
        body: message.body,
        messagingServiceSid: this.messagingServiceSid,
        scheduleType: 'fixed',
        sendAt: sendAtParam(sendAt),
      });
      return { kind: 'accepted', providerId: created.sid };
    } catch (err) {
      return this.sendFailed(err, 'SMS');
    }
  }

  async cancel(providerId: string): Promise<CancelResult> {
    try {
      const m = await this.client.messages(providerId).update({ status: 'canceled' });
      return m.status === 'canceled' ? { kind: 'canceled' } : { kind: 'not_scheduled', status: m.status };
    } catch (err) {
      if (twilioErrorCode(err) !== 30409) return { kind: 'error', error: describeError(err) };
      const now = await this.status(providerId);
      return { kind: 'not_scheduled', status: now.kind === 'status' ? now.status : null };
    }
  }

  async status(providerId: string): Promise<ScheduledStatus> {
    try {
      return { kind: 'status', status: (await this.client.messages(providerId).fetch()).status };
    } catch (err) {
      return { kind: 'error', error: describeError(err) };
    }
  }

  async find(message: OutgoingMessage): Promise<ScheduledLookup> {
    const since = message.claimedAt - this.skewMs;
    try {
      // A scheduled message has no date_sent yet, so no date filter; newest pages first are enough after a crash.
      const rows = await this.client.messages.list({ to: message.to, pageSize: 100, limit: 500 });
      const match = rows.find(
        (m) =>
          m.direction === 'outbound-api' &&
          m.messagingServiceSid === this.messagingServiceSid &&
          m.dateCreated.getTime() >= since &&
          m.body === message.body,
      );
      return match ? { kind: 'found', providerId: match.sid, status: match.status } : { kind: 'not_found' };
    } catch (err) {
      return { kind: 'unavailable', error: describeError(err) };
    }
  }
}
