import type { Clock } from '../platform/clock';
import type { Transports } from './channel';
import { SmtpEmailTransport } from './email-smtp';
import { lazyTwilioClient, type TwilioClientSource } from './twilio-client';
import { TwilioInboundPoller } from './twilio-inbound';
import { TwilioScheduledSms } from './twilio-scheduled';
import { TwilioSmsTransport } from './twilio-sms';
import { TwilioStudioVoiceTransport } from './twilio-studio';
import { TwilioVoiceTransport } from './twilio-voice';

/** Everything the real channels need; a channel whose settings are missing is left out ("channel not configured"). */
export interface ChannelConfig {
  readonly accountSid?: string;
  readonly authToken?: string;
  /** Our Twilio number, E.164. */
  readonly from?: string;
  /** Tests only: the fake Twilio server's origin. */
  readonly apiBase?: string;
  /** Opt-in keypress mode (docs/twilio.md#studio-keypress-mode): calls run as executions of this Studio flow. */
  readonly studioFlowSid?: string;
  /** Send-ahead (docs/send-ahead.md): the Messaging Service that Twilio Message Scheduling requires. */
  readonly messagingServiceSid?: string;
  readonly timeoutMs?: number;
  readonly smtpUrl?: string;
  readonly emailFrom?: string;
}

const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;
const FLOW_SID = /^FW[0-9a-fA-F]{32}$/;
const SERVICE_SID = /^MG[0-9a-fA-F]{32}$/;
const E164 = /^\+[1-9]\d{1,14}$/;

/** Reads the channel settings from the environment (empty strings count as unset). */
export function channelConfigFromEnv(env: NodeJS.ProcessEnv): ChannelConfig {
  const get = (k: string): string | undefined => env[k]?.trim() || undefined;
  return {
    accountSid: get('TWILIO_ACCOUNT_SID'),
    authToken: get('TWILIO_AUTH_TOKEN'),
    from: get('TWILIO_FROM'),
    apiBase: get('TWILIO_API_BASE'),
    studioFlowSid: get('TWILIO_STUDIO_FLOW_SID'),
    messagingServiceSid: get('TWILIO_MESSAGING_SERVICE_SID'),
    smtpUrl: get('SMTP_URL'),
    emailFrom: get('FRONTDESK_EMAIL_FROM'),
  };
}

/** Builds the configured transports; the Twilio SDK and nodemailer load on first use, not here. */
export function twilioTransportsFromConfig(config: ChannelConfig, clock: Clock, client?: TwilioClientSource): Transports {
  const notes: string[] = [];
  const parts: {
    sms?: Transports['sms'];
    voice?: Transports['voice'];
    email?: Transports['email'];
    inbound?: Transports['inbound'];
    scheduledSms?: Transports['scheduledSms'];
  } = {};
  const { accountSid, authToken, from } = config;
  if (accountSid && authToken && from) {
    if (!ACCOUNT_SID.test(accountSid)) notes.push('TWILIO_ACCOUNT_SID is not an AC… sid: SMS and calls off');
    else if (!E164.test(from)) notes.push('TWILIO_FROM is not an E.164 number: SMS and calls off');
    else {
      const source = client ?? lazyTwilioClient({ accountSid, authToken, apiBase: config.apiBase, timeoutMs: config.timeoutMs });
      parts.sms = new TwilioSmsTransport(source, { from }, clock);
      parts.inbound = new TwilioInboundPoller(source, { number: from }, clock);
      if (config.studioFlowSid && FLOW_SID.test(config.studioFlowSid)) {
        parts.voice = new TwilioStudioVoiceTransport(source, { from, flowSid: config.studioFlowSid });
        notes.push(`SMS and calls via Twilio ${from} (keypress mode, Studio flow ${config.studioFlowSid})`);
      } else {
        if (config.studioFlowSid) notes.push('TWILIO_STUDIO_FLOW_SID is not an FW… sid: plain calls without keypress');
        parts.voice = new TwilioVoiceTransport(source, { from });
        notes.push(`SMS and calls via Twilio ${from}`);
      }
      const service = config.messagingServiceSid;
      if (service && SERVICE_SID.test(service)) {
        parts.scheduledSms = new TwilioScheduledSms(source, service);
        notes.push(`send-ahead through Messaging Service ${service}`);
      } else if (service) notes.push('TWILIO_MESSAGING_SERVICE_SID is not an MG… sid: send-ahead off');
      if (config.apiBase) notes.push(`Twilio API redirected to ${config.apiBase}`);
    }
  } else {
    notes.push('SMS and calls not configured (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM)');
  }
  if (config.smtpUrl && config.emailFrom) {
    parts.email = new SmtpEmailTransport({ smtpUrl: config.smtpUrl, from: config.emailFrom, timeoutMs: config.timeoutMs });
    notes.push(`email via SMTP as ${config.emailFrom}`);
  } else {
    notes.push('email not configured (SMTP_URL, FRONTDESK_EMAIL_FROM)');
  }
  return { ...parts, description: `twilio: ${notes.join('; ')}` };
}

/** FRONTDESK_TRANSPORT=twilio reads its settings from the environment (docs/cli.md#environment). */
export function twilioTransportsFromEnv(env: NodeJS.ProcessEnv, clock: Clock): Transports {
  return twilioTransportsFromConfig(channelConfigFromEnv(env), clock);
}
