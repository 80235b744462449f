import type { DeliveryStatus, OutgoingMessage, ReconcileResult, SendResult, Transport } from './channel';
import { finalCallStatus } from './twilio-call-status';
import { TwilioChannel } from './twilio-channel';
import type { TwilioClient, TwilioClientSource } from './twilio-client';
import { scriptTooLong } from './twilio-voice-limits';

export const CALL_WIDGET = 'call_patient';
export const GATHER_WIDGET = 'gather_reply';
const PROMPT = 'Press 1 to confirm. Press 9 to stop these calls.';

/**
 * The reminder flow: call with answering-machine detection, say the script and gather one digit, thank the patient.
 * Digits land in the execution context we poll, so no public URL of ours is needed (docs/twilio.md#studio-keypress-mode).
 */
export function reminderFlowDefinition(ringTimeoutS = 30): Record<string, unknown> {
  const offset = { x: 0, y: 0 };
  return {
    description: 'Frontdesk appointment reminder',
    initial_state: 'Trigger',
    flags: { allow_concurrent_calls: true },
    states: [
      {
        name: 'Trigger',
        type: 'trigger',
        properties: { offset },
        transitions: [
          { event: 'incomingMessage' },
          { event: 'incomingCall' },
          { event: 'incomingConversationMessage' },
          { event: 'incomingRequest', next: CALL_WIDGET },
          { event: 'incomingParent' },
        ],
      },
      {
        name: CALL_WIDGET,
        type: 'make-outgoing-call-v2',
        properties: {
          offset,
          from: '{{flow.channel.address}}',
          to: '{{contact.channel.address}}',
          machine_detection: 'DetectMessageEnd',
          timeout: ringTimeoutS,
          record: false,
          trim: 'true',
        },
        transitions: [{ event: 'answered', next: GATHER_WIDGET }, { event: 'busy' }, { event: 'noAnswer' }, { event: 'failed' }],
      },
      {
        name: GATHER_WIDGET,
        type: 'gather-input-on-call',
        properties: {
          offset,
          say: `{{flow.data.script}} ${PROMPT}`,
          voice: 'Polly.Joanna',
          language: 'en-US',
          number_of_digits: 1,
          timeout: 5,
          stop_gather: true,
          gather_language: 'en',
          loop: 1,
        },
        transitions: [{ event: 'keypress', next: 'say_thanks' }, { event: 'speech' }, { event: 'timeout' }],
      },
      {
        name: 'say_thanks',
        type: 'say-play',
        properties: { offset, say: 'Thank you. Goodbye.', voice: 'Polly.Joanna', language: 'en-US', loop: 1 },
        transitions: [{ event: 'audioComplete' }],
      },
    ],
  };
}

/** Makes sure the reminder flow exists and is current; returns its FW sid (creates one when `flowSid` is unset or gone). */
export async function ensureStudioFlow(
  client: TwilioClient,
  o: Readonly<{ flowSid?: string; friendlyName?: string; ringTimeoutS?: number }> = {},
): Promise<string> {
  const definition = reminderFlowDefinition(o.ringTimeoutS);
  const friendlyName = o.friendlyName ?? 'Frontdesk appointment reminder';
  if (o.flowSid) {
    try {
      const flow = await client.studio.v2.flows(o.flowSid).fetch();
      if (JSON.stringify(flow.definition) === JSON.stringify(definition) && flow.status === 'published') return flow.sid;
      const updated = await client.studio.v2
        .flows(o.flowSid)
        .update({ status: 'published', definition, commitMessage: 'Frontdesk update' });
      return updated.sid;
    } catch (err) {
      if ((err as { status?: unknown }).status !== 404) throw err;
    }
  }
  const created = await client.studio.v2.flows.create({ friendlyName, status: 'published', definition });
  return created.sid;
}

interface CallWidgetContext {
  CallSid?: string;
  CallStatus?: string;
  AnsweredBy?: string | null;
}

/** Voice reminders as Studio executions: the patient can press 1 (confirm) or 9 (opt out) on a live call. */
export class TwilioStudioVoiceTransport extends TwilioChannel implements Transport {
  readonly name = 'twilio-studio';
  readonly channel = 'voice' as const;
  readonly minIntervalMs = 1_000;
  readonly reconcileAfterMs = 30_000;

  constructor(
    source: TwilioClientSource,
    private readonly options: Readonly<{ from: string; flowSid: string; skewMs?: number }>,
  ) {
    super(source);
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    const tooLong = scriptTooLong(`${message.body} ${PROMPT}`);
    if (tooLong) return tooLong;
    try {
      const exec = await this.client.studio.v2.flows(this.options.flowSid).executions.create({
        to: message.to,
        from: this.options.from,
        parameters: { script: message.body },
      });
      return { kind: 'accepted', providerId: exec.sid };
    } catch (err) {
      // One active execution per contact: the earlier call is still running, so this one was not started.
      if ((err as { status?: unknown }).status === 409) {
        return { kind: 'rejected', action: 'retry', error: 'A reminder call to this number is still in progress', code: '409' };
      }
      return this.sendFailed(err, 'call');
    }
  }

  async reconcile(message: OutgoingMessage): Promise<ReconcileResult> {
    const since = message.claimedAt - (this.options.skewMs ?? 120_000);
    try {
      const execs = await this.client.studio.v2
        .flows(this.options.flowSid)
        .executions.list({ dateCreatedFrom: new Date(since), limit: 500 });
      const match = execs.find((e) => e.contactChannelAddress === message.to && e.dateCreated.getTime() >= since);
      return match ? { kind: 'found', providerId: match.sid } : { kind: 'not_found' };
    } catch (err) {
      return this.reconcileUnavailable(err);
    }
  }

  /** Reads the call widget's status and the gather widget's Digits from the execution context. */
  async deliveryStatus(executionSid: string): Promise<DeliveryStatus> {
    const exec = this.client.studio.v2.flows(this.options.flowSid).executions(executionSid);
    const ctx = await exec.executionContext().fetch();
    const widgets = (ctx.context as { widgets?: Record<string, unknown> } | null)?.widgets ?? {};
    const call = (widgets[CALL_WIDGET] ?? {}) as CallWidgetContext;
    const gather = (widgets[GATHER_WIDGET] ?? {}) as { Digits?: string };
    const final = finalCallStatus(call.CallStatus, { answeredBy: call.AnsweredBy, digits: gather.Digits || undefined });
    if (final) return final;
    // No final call status yet: a flow that has ended anyway never placed its call.
    const { status } = await exec.fetch();
    return status === 'ended' ? { kind: 'failed', error: 'flow ended without a call' } : { kind: 'pending' };
  }
}
