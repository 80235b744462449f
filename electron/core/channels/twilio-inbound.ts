import type { Clock } from '../platform/clock';
import { DAY_MS, HOUR_MS } from '../platform/clock';
import type { InboundMessage, InboundPoller } from './channel';
import { TwilioChannel } from './twilio-channel';
import type { TwilioClientSource } from './twilio-client';
import { dayBefore } from './twilio-sms';

export interface TwilioInboundOptions {
  /** Our Twilio number: replies are Messages To it. */
  readonly number: string;
  readonly pageSize?: number;
  /** With no cursor yet, how far back replies still count. Default 1 day. */
  readonly initialLookbackMs?: number;
  /** How long sids are remembered behind the newest reply, for replies that show up in the listing late. Default 6 h. */
  readonly overlapMs?: number;
}

/**
 * Opaque to the caller. `since`: replies sent before it were all handled; `seen`: sids (with their dates) at or
 * after `since` already reported, so overlapping polls neither miss nor double-report.
 */
interface Cursor {
  v: 1;
  since: number;
  seen: [string, number][];
}

function parseCursor(raw: string | null, fallbackSince: number): Cursor {
  if (raw) {
    try {
      const c = JSON.parse(raw) as Partial<Cursor>;
      if (c.v === 1 && typeof c.since === 'number' && Array.isArray(c.seen)) return { v: 1, since: c.since, seen: c.seen };
    } catch {
      // A corrupt cursor falls back to the lookback window; duplicates are still caught by provider id downstream.
    }
  }
  return { v: 1, since: fallbackSince, seen: [] };
}

/** Polls patient replies from Twilio's message log (no public webhook on a desk PC: docs/twilio.md#inbound-replies). */
export class TwilioInboundPoller extends TwilioChannel implements InboundPoller {
  constructor(
    source: TwilioClientSource,
    private readonly options: TwilioInboundOptions,
    private readonly clock: Clock,
  ) {
    super(source);
  }

  async poll(rawCursor: string | null): Promise<{ messages: InboundMessage[]; cursor: string }> {
    const now = this.clock.now();
    const cursor = parseCursor(rawCursor, now - (this.options.initialLookbackMs ?? DAY_MS));
    const seen = new Set(cursor.seen.map(([sid]) => sid));
    // DateSent filters by calendar day; start a day early and dedupe by sid (newest-first order is unverified).
    const rows = await this.client.messages.list({
      to: this.options.number,
      dateSentAfter: dayBefore(cursor.since),
      pageSize: this.options.pageSize ?? 100,
      limit: 5_000,
    });
    const fresh: InboundMessage[] = [];
    const remembered = new Map(cursor.seen);
    for (const m of rows) {
      if (m.direction !== 'inbound' || !m.dateSent || seen.has(m.sid)) continue;
      const at = m.dateSent.getTime();
      if (at < cursor.since) continue;
      seen.add(m.sid);
      remembered.set(m.sid, at);
      fresh.push({ providerId: m.sid, from: m.from, body: m.body, receivedAt: at });
    }
    fresh.sort((a, b) => a.receivedAt - b.receivedAt);
    const newest = Math.max(cursor.since, ...[...remembered.values()]);
    const since = Math.max(cursor.since, newest - (this.options.overlapMs ?? 6 * HOUR_MS));
    const next: Cursor = { v: 1, since, seen: [...remembered].filter(([, at]) => at >= since) };
    return { messages: fresh, cursor: JSON.stringify(next) };
  }
}
