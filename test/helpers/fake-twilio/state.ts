import { SidMaker } from './http-util';
import { errorText, segments, type CallOutcome, type StoredCall, type StoredMessage } from './shapes';

export interface FakeClock {
  now(): number;
}

/** Whole-body keywords, case-insensitive (docs/twilio.md#inbound-replies): Twilio blocks or unblocks the (sender, patient) pair. */
const OPT_OUT = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT']);
const OPT_IN = new Set(['START', 'YES', 'UNSTOP']);
const HELP = new Set(['HELP', 'INFO']);

const FINAL_MESSAGE = new Set(['delivered', 'undelivered', 'failed', 'canceled', 'read', 'received']);
const FINAL_CALL = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);

/** Message lifecycle offsets from creation (ms). */
const SENDING_AT = 1_000;
const SENT_AT = 2_000;
const FINAL_AT = 4_000;
/** Call lifecycle offsets from dialling (ms). */
const RING_MS = 3_000;

/** In-memory Twilio account: messages, calls, opt-outs, all moved along by the injected clock. */
export class FakeState {
  messages: StoredMessage[] = [];
  calls: StoredCall[] = [];
  optOuts = new Set<string>();
  private lastDialAt = 0;
  readonly sids: SidMaker;
  /** Messaging Services of the account: MG sid → the sender number it sends from. */
  readonly serviceSenders = new Map<string, string>();

  constructor(
    readonly clock: FakeClock,
    readonly options: { autoProgress: boolean },
    seed: string,
  ) {
    this.sids = new SidMaker(seed);
  }

  reset(): void {
    this.messages = [];
    this.calls = [];
    this.optOuts.clear();
    this.lastDialAt = 0;
  }

  isOptedOut(sender: string, patient: string): boolean {
    return this.optOuts.has(`${sender}|${patient}`);
  }

  createOutbound(
    to: string,
    from: string,
    body: string,
    validityS: number,
    via: { service: string | null; sendAt: number | null } = { service: null, sendAt: null },
  ): StoredMessage {
    const now = this.clock.now();
    const m: StoredMessage = {
      sid: this.sids.next('SM'),
      body,
      from,
      to,
      direction: 'outbound-api',
      status: via.sendAt === null ? 'queued' : 'scheduled',
      errorCode: null,
      errorMessage: null,
      dateCreated: now,
      dateUpdated: now,
      dateSent: null,
      numSegments: segments(body),
      price: null,
      validityMs: validityS * 1000,
      messagingServiceSid: via.service,
      sendAt: via.sendAt,
    };
    this.messages.unshift(m);
    return m;
  }

  /** A patient's SMS to us; keywords update the opt-out list and trigger an `outbound-reply`. */
  inbound(from: string, to: string, body: string, at?: number): StoredMessage {
    const when = at ?? this.clock.now();
    const m: StoredMessage = {
      sid: this.sids.next('SM'),
      body,
      from,
      to,
      direction: 'inbound',
      status: 'received',
      errorCode: null,
      errorMessage: null,
      dateCreated: when,
      dateUpdated: when,
      dateSent: when,
      numSegments: segments(body),
      price: '-0.00790',
      validityMs: 0,
      messagingServiceSid: null,
      sendAt: null,
    };
    this.insertByDate(m);
    const word = body.trim().toUpperCase();
    let reply: string | null = null;
    if (OPT_OUT.has(word)) {
      this.optOuts.add(`${to}|${from}`);
      reply =
        'You have successfully been unsubscribed. You will not receive any more messages from this number. Reply START to resubscribe.';
    } else if (OPT_IN.has(word)) {
      this.optOuts.delete(`${to}|${from}`);
      reply = 'You have successfully been re-subscribed to messages from this number. Reply HELP for help. Reply STOP to unsubscribe.';
    } else if (HELP.has(word)) {
      reply = 'Reply STOP to unsubscribe. Msg&Data Rates May Apply.';
    }
    if (reply) {
      const r = this.createOutbound(from, to, reply, 36_000);
      r.direction = 'outbound-reply';
      r.dateCreated = when;
    }
    return m;
  }

  private insertByDate(m: StoredMessage): void {
    const idx = this.messages.findIndex((x) => x.dateCreated < m.dateCreated);
    if (idx < 0) this.messages.push(m);
    else this.messages.splice(idx, 0, m);
  }

  /** `at`: when the change happened (lifecycle steps are stamped at their due time, not when noticed). */
  setMessageStatus(m: StoredMessage, status: string, errorCode: number | null, at = this.clock.now()): void {
    const now = at;
    m.status = status;
    m.errorCode = errorCode;
    m.errorMessage = errorText(errorCode);
    m.dateUpdated = now;
    if (['sent', 'delivered', 'undelivered', 'read'].includes(status) && m.dateSent === null) m.dateSent = now;
    if (m.dateSent !== null && m.price === null) m.price = '-0.00790';
  }

  createCall(
    to: string,
    from: string,
    opts: { twiml: string | null; sayTexts: string[]; timeoutS: number; amd: string | null },
  ): StoredCall {
    const now = this.clock.now();
    // 1 call per second per account: excess calls wait in `queued` (docs/twilio.md#rate-limits).
    const dialAt = Math.max(now, this.lastDialAt + 1000);
    this.lastDialAt = dialAt;
    const c: StoredCall = {
      sid: this.sids.next('CA'),
      from,
      to,
      status: 'queued',
      answeredBy: null,
      startTime: null,
      endTime: null,
      duration: null,
      dateCreated: now,
      dateUpdated: now,
      dialAt,
      timeoutS: opts.timeoutS,
      machineDetection: opts.amd,
      twiml: opts.twiml,
      sayTexts: opts.sayTexts,
      digits: null,
      notifications: [],
    };
    this.calls.unshift(c);
    return c;
  }

  /** Ends a call now with the given outcome (control API and lifecycle). */
  finishCall(c: StoredCall, o: CallOutcome, at = this.clock.now()): void {
    if (FINAL_CALL.has(c.status)) return;
    const now = at;
    c.startTime ??= Math.min(now, c.dialAt);
    c.status = o.status;
    c.endTime = now;
    c.dateUpdated = now;
    c.duration = o.status === 'completed' ? (o.duration ?? Math.round((now - c.startTime) / 1000)) : 0;
    if (o.status === 'completed') c.answeredBy = c.machineDetection ? (o.answeredBy ?? 'human') : null;
    if (o.digits !== undefined) c.digits = o.digits;
    if (o.status === 'failed') {
      const code = o.notificationCode ?? '13224';
      c.notifications.push({ sid: this.sids.next('NO'), code, text: `Call failed: ${code}`, at: now });
    }
  }

  /** Moves every message and call along to `clock.now()`. Called before each request is served. */
  sync(): void {
    const now = this.clock.now();
    for (const m of this.messages) this.syncMessage(m, now);
    for (const c of [...this.calls].reverse()) this.syncCall(c, now);
  }

  private syncMessage(m: StoredMessage, now: number): void {
    if (m.direction === 'inbound' || FINAL_MESSAGE.has(m.status)) return;
    // Message Scheduling: at SendAt the message joins the queue through its service's sender, then lives as any other.
    if (m.status === 'scheduled') {
      if (m.sendAt === null || now < m.sendAt) return;
      m.from = this.serviceSenders.get(m.messagingServiceSid ?? '') ?? m.from;
      this.setMessageStatus(m, 'queued', null, m.sendAt);
    }
    const age = now - (m.sendAt ?? m.dateCreated);
    if (!this.options.autoProgress) {
      // Held in the queue past ValidityPeriod: dropped, never sent late.
      const queuedAt = m.sendAt ?? m.dateCreated;
      if (m.status === 'queued' && age > m.validityMs) this.setMessageStatus(m, 'failed', 30001, queuedAt + m.validityMs);
      return;
    }
    const t0 = m.sendAt ?? m.dateCreated;
    if (age >= SENDING_AT && m.status === 'queued') this.setMessageStatus(m, 'sending', null, t0 + SENDING_AT);
    if (age >= SENT_AT && m.status === 'sending') this.setMessageStatus(m, 'sent', null, t0 + SENT_AT);
    if (age >= FINAL_AT && m.status === 'sent') {
      this.setMessageStatus(m, 'delivered', null, t0 + FINAL_AT);
    }
  }

  private syncCall(c: StoredCall, now: number): void {
    if (FINAL_CALL.has(c.status)) return;
    if (!this.options.autoProgress) return;
    if (now >= c.dialAt && c.status === 'queued') {
      c.status = 'ringing';
      c.startTime = c.dialAt;
      c.dateUpdated = c.dialAt;
    }
    if (now >= c.dialAt + RING_MS && c.status === 'ringing') {
      c.status = 'in-progress';
      c.answeredBy = c.machineDetection ? 'human' : null;
      c.dateUpdated = c.dialAt + RING_MS;
    }
    const speechMs = Math.max(5_000, c.sayTexts.join(' ').split(/\s+/).length * 400);
    if (now >= c.dialAt + RING_MS + speechMs && c.status === 'in-progress') {
      this.finishCall(
        c,
        { status: 'completed', answeredBy: c.answeredBy ?? undefined, duration: Math.round(speechMs / 1000) },
        c.dialAt + RING_MS + speechMs,
      );
    }
  }
}
