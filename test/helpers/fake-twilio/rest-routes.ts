import { dateFilter, one, pageOf, type Params } from './http-util';
import { callJson, messageJson, notificationJson } from './shapes';
import type { FakeState } from './state';
import {
  sayTexts,
  sendAtWindowError,
  validateCall,
  validateMessage,
  validateMessageLate,
  type ApiError,
  type ValidateOptions,
} from './validate';

export type RestReply = { status: number; body: unknown } | ApiError;

const notFound = (path: string): ApiError => ({ status: 404, code: 20404, message: `The requested resource ${path} was not found` });
const notAllowed = (): ApiError => ({ status: 405, code: 20004, message: 'Method not allowed' });

/** The 2010-04-01 Messages and Calls endpoints of one account (docs/twilio.md#the-fake-twilio-server). */
export function handleRest(
  state: FakeState,
  accountSid: string,
  vopts: ValidateOptions,
  method: string,
  path: string,
  form: Params,
  query: Params,
): RestReply {
  const prefix = `/2010-04-01/Accounts/${accountSid}/`;
  if (!path.startsWith(prefix)) return notFound(path);
  const rest = path.slice(prefix.length);
  state.sync();
  let m: RegExpExecArray | null;
  if (rest === 'Messages.json') {
    if (method === 'POST') return createMessage(state, accountSid, vopts, form);
    if (method !== 'GET') return notAllowed();
    const rows = state.messages.filter(
      (x) =>
        (!one(query, 'To') || x.to === one(query, 'To')) &&
        (!one(query, 'From') || x.from === one(query, 'From')) &&
        dateFilter(query, 'DateSent', x.dateSent),
    );
    return { status: 200, body: pageOf('messages', path, rows, query, (x) => messageJson(accountSid, x)) };
  }
  if ((m = /^Messages\/(SM[0-9a-f]{32})\.json$/.exec(rest))) {
    const msg = state.messages.find((x) => x.sid === m?.[1]);
    if (!msg) return notFound(path);
    if (method === 'GET') return { status: 200, body: messageJson(accountSid, msg) };
    if (method === 'DELETE') {
      state.messages = state.messages.filter((x) => x !== msg);
      return { status: 204, body: null };
    }
    if (method !== 'POST') return notAllowed();
    if (one(form, 'Status') === 'canceled') {
      // Only a message still `scheduled` (Message Scheduling, through a Messaging Service) can be canceled.
      if (msg.status !== 'scheduled') return { status: 400, code: 30409, message: 'This message cannot be canceled' };
      state.setMessageStatus(msg, 'canceled', null);
    }
    if (one(form, 'Body') === '') msg.body = '';
    return { status: 200, body: messageJson(accountSid, msg) };
  }
  if (rest === 'Calls.json') {
    if (method === 'POST') return createCall(state, accountSid, vopts, form);
    if (method !== 'GET') return notAllowed();
    const rows = state.calls.filter(
      (c) =>
        (!one(query, 'To') || c.to === one(query, 'To')) &&
        (!one(query, 'From') || c.from === one(query, 'From')) &&
        (!one(query, 'Status') || c.status === one(query, 'Status')) &&
        dateFilter(query, 'StartTime', c.startTime) &&
        dateFilter(query, 'EndTime', c.endTime),
    );
    return { status: 200, body: pageOf('calls', path, rows, query, (c) => callJson(accountSid, c)) };
  }
  if ((m = /^Calls\/(CA[0-9a-f]{32})(\.json|\/Notifications\.json)$/.exec(rest))) {
    const call = state.calls.find((c) => c.sid === m?.[1]);
    if (!call) return notFound(path);
    if (m[2] === '/Notifications.json') {
      if (method !== 'GET') return notAllowed();
      const items = [...call.notifications].reverse();
      return { status: 200, body: pageOf('notifications', path, items, query, (n) => notificationJson(accountSid, call.sid, n)) };
    }
    if (method === 'GET') return { status: 200, body: callJson(accountSid, call) };
    if (method !== 'POST') return notAllowed();
    const status = one(form, 'Status');
    if (status === 'canceled' || status === 'completed') {
      const live = status === 'canceled' ? ['queued', 'ringing'] : ['in-progress'];
      if (live.includes(call.status)) state.finishCall(call, { status });
    }
    return { status: 200, body: callJson(accountSid, call) };
  }
  return notFound(path);
}

function createMessage(state: FakeState, accountSid: string, vopts: ValidateOptions, form: Params): RestReply {
  const error =
    validateMessage(form, state, vopts) ?? sendAtWindowError(form, state.clock.now()) ?? validateMessageLate(one(form, 'To') ?? '', vopts);
  if (error) return error;
  const service = one(form, 'MessagingServiceSid') ?? null;
  const scheduled = one(form, 'ScheduleType') === 'fixed';
  const msg = state.createOutbound(
    one(form, 'To') ?? '',
    // Through a service the sender is picked at send time (now, or at SendAt).
    one(form, 'From') ?? (scheduled ? '' : (vopts.services.get(service ?? '') ?? '')),
    one(form, 'Body') ?? '',
    Number(one(form, 'ValidityPeriod') ?? 36000),
    { service, sendAt: scheduled ? Date.parse(one(form, 'SendAt') ?? '') : null },
  );
  return { status: 201, body: messageJson(accountSid, msg) };
}

function createCall(state: FakeState, accountSid: string, vopts: ValidateOptions, form: Params): RestReply {
  const error = validateCall(form, vopts);
  if (error) return error;
  // Given both Twiml and Url, Twilio ignores Twiml (docs/twilio.md#calls).
  const twiml = one(form, 'Url') ? null : (one(form, 'Twiml') ?? null);
  const call = state.createCall(one(form, 'To') ?? '', one(form, 'From') ?? '', {
    twiml,
    sayTexts: twiml ? sayTexts(twiml) : [],
    timeoutS: Number(one(form, 'Timeout') ?? 60),
    amd: one(form, 'MachineDetection') ?? null,
  });
  return { status: 201, body: callJson(accountSid, call) };
}
