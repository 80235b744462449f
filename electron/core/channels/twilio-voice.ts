import type { DeliveryStatus, OutgoingMessage, ReconcileResult, SendResult, Transport } from './channel';
import { failedCallWithReason, finalCallStatus } from './twilio-call-status';
import { TwilioChannel } from './twilio-channel';
import { loadTwilio, type TwilioClient, type TwilioClientSource } from './twilio-client';
import { dayBefore } from './twilio-sms';
import { estimateSpeechSeconds, MAX_SPEECH_SECONDS, scriptTooLong } from './twilio-voice-limits';
import { sayVoiceFor } from './voices';

export { estimateSpeechSeconds, MAX_SPEECH_SECONDS };

export interface TwilioVoiceOptions {
  /** Our Twilio number, E.164 (calls need an owned or verified From). */
  readonly from: string;
  /** Ring time before no-answer; ≥ ~25 s so voicemail can pick up (docs/twilio.md#calls). Default 30. */
  readonly ringTimeoutS?: number;
  readonly skewMs?: number;
}

/**
 * Inline TwiML for a reminder: one Say (clinic name and number come first in the script), then hang up. The voice
 * and `language` are those of the script's language (docs/languages.md#calls).
 */
export function buildReminderTwiml(script: string, language?: string): string {
  const sdk = loadTwilio();
  const response = new sdk.twiml.VoiceResponse();
  const say = sayVoiceFor(language);
  response.say({ voice: say.voice as 'Polly.Joanna', language: say.language as 'en-US' }, script);
  response.hangup();
  return response.toString();
}

/** A call's delivery: its final status, with the reason from its Notifications when it failed. */
export async function callDeliveryStatus(client: TwilioClient, callSid: string): Promise<DeliveryStatus> {
  const call = await client.calls(callSid).fetch();
  if (call.status === 'failed') {
    // Calls carry no error_code; the reason is in Notifications, where error_code is a string (docs/twilio.md#rest-shapes).
    const notes = await client.calls(callSid).notifications.list({ limit: 20 });
    const note = notes[0];
    return failedCallWithReason(note?.errorCode ? String(note.errorCode) : undefined);
  }
  return finalCallStatus(call.status, { answeredBy: call.answeredBy }) ?? { kind: 'pending' };
}

/**
 * Voice reminders as inline TwiML with answering-machine detection: no public URL needed (docs/twilio.md#calls).
 * A call is never re-dialled automatically: an unknown outcome is only reconciled.
 */
export class TwilioVoiceTransport extends TwilioChannel implements Transport {
  readonly name = 'twilio-voice';
  readonly channel = 'voice' as const;
  /** Twilio's default: 1 call per second per account (docs/safeguards.md#rate-limits). */
  readonly minIntervalMs = 1_000;
  /** Calls wait in Twilio's queue before they list by StartTime; give the listing a moment. */
  readonly reconcileAfterMs = 30_000;

  constructor(
    source: TwilioClientSource,
    private readonly options: TwilioVoiceOptions,
  ) {
    super(source);
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const tooLong = scriptTooLong(message.body);
    if (tooLong) return tooLong;
    try {
      const call = await this.client.calls.create({
        to: message.to,
        from: this.options.from,
        twiml: buildReminderTwiml(message.body, message.language),
        // Human: plays at once; machine: waits for the beep so voicemail gets the whole message (docs/twilio.md#calls).
        machineDetection: 'DetectMessageEnd',
        timeout: this.options.ringTimeoutS ?? 30,
      });
      return { kind: 'accepted', providerId: call.sid };
    } catch (err) {
      return this.sendFailed(err, 'call');
    }
  }

  async reconcile(message: OutgoingMessage): Promise<ReconcileResult> {
    const since = message.claimedAt - (this.options.skewMs ?? 120_000);
    const base = { to: message.to, from: this.options.from, limit: 200 };
    try {
      // A queued call has no start_time, so the StartTime filter alone would miss it (docs/twilio.md#reconciliation).
      // Serially: parallel requests count against Twilio's REST concurrency limit (429).
      const started = await this.client.calls.list({ ...base, startTimeAfter: dayBefore(message.claimedAt) });
      const queued = await this.client.calls.list({ ...base, status: 'queued' });
      const ringing = await this.client.calls.list({ ...base, status: 'ringing' });
      const match = [...started, ...queued, ...ringing].find((c) => c.dateCreated.getTime() >= since);
      return match ? { kind: 'found', providerId: match.sid } : { kind: 'not_found' };
    } catch (err) {
      return this.reconcileUnavailable(err);
    }
  }

  deliveryStatus(providerId: string): Promise<DeliveryStatus> {
    return callDeliveryStatus(this.client, providerId);
  }
}
