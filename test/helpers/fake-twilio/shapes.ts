/** JSON shapes of the fake Twilio server (docs/twilio.md#the-fake-twilio-server): every key, RFC 2822 dates, numeric strings. */

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Tue, 03 Mar 2026 15:30:00 +0000`, as the 2010 API writes dates. */
export function rfc2822(ms: number | null): string | null {
  if (ms === null) return null;
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** Studio v2 uses ISO 8601 without milliseconds. */
export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface StoredMessage {
  sid: string;
  body: string;
  from: string;
  to: string;
  direction: 'outbound-api' | 'inbound' | 'outbound-reply';
  status: string;
  errorCode: number | null;
  errorMessage: string | null;
  dateCreated: number;
  dateUpdated: number;
  dateSent: number | null;
  numSegments: number;
  price: string | null;
  validityMs: number;
  /** The Messaging Service it was sent through (required for scheduling). */
  messagingServiceSid: string | null;
  /** Message Scheduling: when Twilio sends it; the lifecycle starts then. */
  sendAt: number | null;
}

/** How a call ends (control API `call/{sid}/outcome`). */
export interface CallOutcome {
  status: string;
  answeredBy?: string;
  digits?: string;
  duration?: number;
  notificationCode?: string;
}

export interface StoredCall {
  sid: string;
  from: string;
  to: string;
  status: string;
  answeredBy: string | null;
  startTime: number | null;
  endTime: number | null;
  duration: number | null;
  dateCreated: number;
  dateUpdated: number;
  /** When the call leaves `queued` (1 call per second per account). */
  dialAt: number;
  timeoutS: number;
  machineDetection: string | null;
  twiml: string | null;
  sayTexts: string[];
  digits: string | null;
  notifications: { sid: string; code: string; text: string; at: number }[];
}

const ERROR_TEXT: Record<number, string> = {
  30001: 'Queue overflow',
  30003: 'Unreachable destination handset',
  30004: 'Message blocked',
  30005: 'Unknown destination handset',
  30006: 'Landline or unreachable carrier',
  30007: 'Message filtered',
  30008: 'Unknown error',
};

export function errorText(code: number | null): string | null {
  return code === null ? null : (ERROR_TEXT[code] ?? 'Unknown error');
}

/** Segments per GSM-7 (160/153) or UCS-2 (70/67); the fake only needs to be plausible. */
export function segments(body: string): number {
  // eslint-disable-next-line no-control-regex
  const gsm = /^[\x0A\x0D\x20-\x7E£¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà]*$/.test(body);
  const len = [...body].length;
  const [single, multi] = gsm ? [160, 153] : [70, 67];
  return len <= single ? 1 : Math.ceil(len / multi);
}

export function messageJson(accountSid: string, m: StoredMessage): Record<string, unknown> {
  const uri = `/2010-04-01/Accounts/${accountSid}/Messages/${m.sid}.json`;
  return {
    account_sid: accountSid,
    api_version: '2010-04-01',
    body: m.body,
    date_created: rfc2822(m.dateCreated),
    date_sent: rfc2822(m.dateSent),
    date_updated: rfc2822(m.dateUpdated),
    direction: m.direction,
    error_code: m.errorCode,
    error_message: m.errorMessage,
    // Through a Messaging Service the sender is chosen at send time: null while scheduled.
    from: m.from || null,
    messaging_service_sid: m.messagingServiceSid,
    num_media: '0',
    num_segments: String(m.numSegments),
    price: m.price,
    price_unit: 'USD',
    sid: m.sid,
    status: m.status,
    subresource_uris: { media: uri.replace('.json', '/Media.json'), feedback: uri.replace('.json', '/Feedback.json') },
    to: m.to,
    uri,
  };
}

function formatted(n: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(n);
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : n;
}

export function callJson(accountSid: string, c: StoredCall): Record<string, unknown> {
  const uri = `/2010-04-01/Accounts/${accountSid}/Calls/${c.sid}.json`;
  return {
    account_sid: accountSid,
    annotation: null,
    answered_by: c.answeredBy,
    api_version: '2010-04-01',
    caller_name: null,
    date_created: rfc2822(c.dateCreated),
    date_updated: rfc2822(c.dateUpdated),
    direction: 'outbound-api',
    duration: c.duration === null ? null : String(c.duration),
    end_time: rfc2822(c.endTime),
    forwarded_from: null,
    from: c.from,
    from_formatted: formatted(c.from),
    group_sid: null,
    parent_call_sid: null,
    phone_number_sid: 'PN' + '0'.repeat(32),
    price: c.endTime === null ? null : '-0.01400',
    price_unit: 'USD',
    queue_time: '0',
    sid: c.sid,
    start_time: rfc2822(c.startTime),
    status: c.status,
    subresource_uris: { notifications: uri.replace('.json', '/Notifications.json'), events: uri.replace('.json', '/Events.json') },
    to: c.to,
    to_formatted: formatted(c.to),
    trunk_sid: null,
    uri,
  };
}

export function notificationJson(accountSid: string, callSid: string, n: StoredCall['notifications'][number]): Record<string, unknown> {
  return {
    account_sid: accountSid,
    api_version: '2010-04-01',
    call_sid: callSid,
    date_created: rfc2822(n.at),
    date_updated: rfc2822(n.at),
    error_code: n.code, // a string here, unlike Messages (docs/twilio.md#rest-shapes)
    log: '0',
    message_date: rfc2822(n.at),
    message_text: n.text,
    more_info: `https://www.twilio.com/docs/errors/${n.code}`,
    request_method: 'POST',
    request_url: '',
    sid: n.sid,
    uri: `/2010-04-01/Accounts/${accountSid}/Calls/${callSid}/Notifications/${n.sid}.json`,
  };
}

/** The 2010 API's only error body: `type`+`title` would switch the SDK to TwilioServiceException. */
export function errorBody(status: number, code: number, message: string): Record<string, unknown> {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}
