import { one, type Params } from './http-util';
import type { FakeState } from './state';

export interface ApiError {
  status: number;
  code: number;
  message: string;
}

const E164 = /^\+[1-9]\d{1,14}$/;
const err = (code: number, message: string, status = 400): ApiError => ({ status, code, message });

/** Test-credential magic `To` numbers for SMS (docs/twilio.md#the-fake-twilio-server). */
const SMS_MAGIC_TO: Record<string, ApiError> = {
  '+15005550001': err(21211, "The 'To' number +15005550001 is not a valid phone number."),
  '+15005550002': err(21612, "The 'To' phone number: +15005550002, is not currently reachable using the 'From' phone number via SMS."),
  '+15005550003': err(21408, "Permission to send an SMS has not been enabled for the region indicated by the 'To' number: +15005550003."),
  '+15005550004': err(21610, 'Attempt to send to unsubscribed recipient'),
  '+15005550009': err(21614, "'To' number is not a valid mobile number"),
};

export interface ValidateOptions {
  /** Our numbers: SMS- and voice-capable senders. */
  owned: string[];
  /** Messaging Services of the account: MG sid → sender number. */
  services: ReadonlyMap<string, string>;
  landlines: string[];
}

/** Validates Messages create in Twilio's order (docs/twilio.md#the-fake-twilio-server); `null` means create it. */
export function validateMessage(form: Params, state: FakeState, o: ValidateOptions): ApiError | null {
  const to = one(form, 'To');
  const from = one(form, 'From');
  const body = one(form, 'Body');
  if (!to) return err(21604, "A 'To' phone number is required.");
  if (!E164.test(to)) return err(21211, `The 'To' number ${to} is not a valid phone number.`);
  if (!from && !one(form, 'MessagingServiceSid')) return err(21603, "A 'From' phone number is required.");
  const service = serviceError(form, o);
  if (service) return service;
  if (from === '+15005550001')
    return err(21212, `The 'From' number ${from} is not a valid phone number, shortcode, or alphanumeric sender ID.`);
  if (from === '+15005550008') return err(21611, "This 'From' number has exceeded the maximum number of queued messages");
  if (from && !o.owned.includes(from))
    return err(21606, `The From phone number ${from} is not a valid, SMS-capable inbound phone number or short code for your account.`);
  if (!body) return err(21602, 'Message body is required.');
  if (body.length > 1600) return err(21617, 'The concatenated message body exceeds the 1600 character limit.');
  const vp = one(form, 'ValidityPeriod');
  if (vp !== undefined && !(Number(vp) >= 1 && Number(vp) <= 36000)) return err(21609, 'Invalid ValidityPeriod');
  const magic = SMS_MAGIC_TO[to];
  if (magic && (magic.code === 21211 || magic.code === 21612)) return magic;
  if (magic?.code === 21610 || (from && state.isOptedOut(from, to))) return err(21610, 'Attempt to send to unsubscribed recipient');
  return null;
}

const SERVICE_SID = /^MG[0-9a-f]{32}$/;
/** Twilio Message Scheduling: 15 minutes to 35 days ahead (error pages 35114/35115; newer ones say 300 s minimum). */
export const SCHEDULE_MIN_MS = 900_000;
export const SCHEDULE_MAX_MS = 35 * 86_400_000;
const SEND_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** The Messaging Service and Message Scheduling checks (docs/twilio.md#the-fake-twilio-server). */
function serviceError(form: Params, o: ValidateOptions): ApiError | null {
  const service = one(form, 'MessagingServiceSid');
  if (service !== undefined && !SERVICE_SID.test(service)) return err(21705, 'The Messaging Service is invalid');
  if (service !== undefined && !o.services.has(service))
    return err(21701, 'The Messaging Service does not exist or does not match the Account SID in the request', 404);
  if (one(form, 'ScheduleType') === undefined) return null; // SendAt alone is ignored: the message goes at once
  if (service === undefined) return err(35118, 'MessagingServiceSid is required to schedule a message');
  const sendAt = one(form, 'SendAt');
  if (!sendAt) return err(35111, 'SendAt timestamp is missing');
  if (!SEND_AT.test(sendAt)) return err(35114, 'Scheduling does not support this timestamp');
  return null;
}

/** The SendAt window, checked against the fake's clock when the request arrives. */
export function sendAtWindowError(form: Params, now: number): ApiError | null {
  if (one(form, 'ScheduleType') !== 'fixed') return null;
  const at = Date.parse(one(form, 'SendAt') ?? '');
  if (at - now < SCHEDULE_MIN_MS)
    return err(35114, 'SendAt time must be between 900 seconds and 35 days (3024000 seconds) in the future, inclusive');
  if (at - now > SCHEDULE_MAX_MS)
    return err(35115, 'SendAt time must be between 900 seconds and 35 days (3024000 seconds) in the future, inclusive');
  return null;
}

/** The checks that come after the opt-out list: geo permission, then landlines. */
export function validateMessageLate(to: string, o: ValidateOptions): ApiError | null {
  const magic = SMS_MAGIC_TO[to];
  if (magic?.code === 21408) return magic;
  if (magic?.code === 21614) return magic;
  if (o.landlines.includes(to)) return err(21614, `'To' number ${to} is not a valid mobile number`);
  return null;
}

const CALL_MAGIC_TO: Record<string, ApiError> = {
  '+15005550001': err(21217, 'Phone number is not a valid phone number'),
  '+15005550002': err(21214, "'To' phone number cannot be reached"),
  '+15005550003': err(21215, 'Account not authorized to call +15005550003'),
  '+15005550004': err(21216, 'Call blocked by Twilio blocklist'),
};

/** Text of every `<Say>` in a TwiML document, entities decoded. */
export function sayTexts(twiml: string): string[] {
  const out: string[] = [];
  for (const m of twiml.matchAll(/<Say\b[^>]*>([\s\S]*?)<\/Say>/g)) {
    out.push(
      (m[1] ?? '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&'),
    );
  }
  return out;
}

/** Validates Calls create (docs/twilio.md#the-fake-twilio-server); unverified codes are the fake's own choice. */
export function validateCall(form: Params, o: ValidateOptions): ApiError | null {
  const to = one(form, 'To');
  const from = one(form, 'From');
  if (!to) return err(21201, "No 'To' number is specified");
  if (!from) return err(21202, "No 'From' number is specified");
  const twiml = one(form, 'Twiml');
  if (!twiml && !one(form, 'Url') && !one(form, 'ApplicationSid')) return err(21205, 'Url parameter is required.');
  if (twiml !== undefined && !one(form, 'Url')) {
    if (twiml.length > 4000) return err(21232, 'Twiml parameter is too long (4000 characters maximum)');
    if (!/<Response>[\s\S]*<\/Response>|<Response\/>/.test(twiml)) return err(12100, 'Document parse failure');
  }
  const timeout = one(form, 'Timeout');
  if (timeout !== undefined && !(Number(timeout) >= 1 && Number(timeout) <= 600)) return err(21220, 'Timeout must be between 1 and 600');
  const amd = one(form, 'MachineDetection');
  if (amd !== undefined && amd !== 'Enable' && amd !== 'DetectMessageEnd') return err(21220, `Invalid MachineDetection: ${amd}`);
  if (!o.owned.includes(from)) return err(21210, `The source phone number provided, ${from}, is not yet verified for your account.`);
  if (!E164.test(to)) return err(21217, 'Phone number is not a valid phone number');
  return CALL_MAGIC_TO[to] ?? null;
}
