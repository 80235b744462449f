import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryStatus, InboundMessage, Transport } from '../../../electron/core/channels/channel';
import type { PauseInput } from '../../../electron/core/control/control-store';
import type { WritableDB } from '../../../electron/core/db/connection';
import { getCursor } from '../../../electron/core/db/repos/engine-repo';
import { insertOutboxRow } from '../../../electron/core/db/repos/outbox-repo';
import { type DeliveryPollDeps, pollDeliveryStatuses } from '../../../electron/core/outbox/delivery';
import { pollReplies, type ReplyPollDeps } from '../../../electron/core/outbox/replies';
import { fixedClock, HOUR_MS } from '../../../electron/core/platform/clock';
import type { EngineEvent } from '../../../electron/core/platform/engine-events';
import { NOW, NUMBER, planningAppointment, scheduleDb } from './fixtures';

/**
 * The reply and delivery polls take only what they use (no dispatcher, no lease): plain fakes stand in
 * for the provider, the event bus and the kill switch.
 */
const opened: WritableDB[] = [];
afterEach(() => {
  while (opened.length > 0) opened.pop()!.close();
});

function db(): WritableDB {
  const d = scheduleDb();
  opened.push(d);
  return d;
}

const apptStatus = (d: WritableDB) => d.prepare(`SELECT status FROM appointments WHERE external_id = 'A1'`).pluck().get();

describe('pollReplies', () => {
  const reply = (providerId: string, body: string): InboundMessage => ({ providerId, from: NUMBER, body, receivedAt: NOW - 1_000 });

  it('applies each reply once, saves the cursor with it and says what changed', async () => {
    const d = db();
    const events: EngineEvent[] = [];
    const cursors: (string | null)[] = [];
    const deps: ReplyPollDeps = {
      db: d,
      clock: fixedClock(NOW),
      transports: {
        inbound: {
          poll: async (cursor) => {
            cursors.push(cursor);
            return { messages: [reply('SM1', 'C'), reply('SM1', 'C')], cursor: `after-${cursors.length}` };
          },
        },
      },
      events: { emit: (e) => events.push(e) },
      logger: { warn: () => {} },
    };
    expect(await pollReplies(deps)).toBe(1);
    expect(apptStatus(d)).toBe('confirmed');
    expect(getCursor(d, 'inbound-sms')).toBe('after-1');
    expect(events).toEqual([{ type: 'changed', topics: ['schedule', 'outbox', 'inbox'] }]);
    // The same reply again: nothing applied, nothing announced, the cursor still moves on.
    expect(await pollReplies(deps)).toBe(0);
    expect(cursors).toEqual([null, 'after-1']);
    expect(getCursor(d, 'inbound-sms')).toBe('after-2');
    expect(events).toHaveLength(1);
  });

  it('a poll that fails is logged and changes nothing', async () => {
    const d = db();
    const warnings: string[] = [];
    const deps: ReplyPollDeps = {
      db: d,
      clock: fixedClock(NOW),
      transports: { inbound: { poll: () => Promise.reject(new Error('Twilio is down')) } },
      events: { emit: () => expect.fail('nothing changed') },
      logger: { warn: (m) => warnings.push(m) },
    };
    expect(await pollReplies(deps)).toBe(0);
    expect(warnings).toEqual(['could not poll replies']);
    expect(getCursor(d, 'inbound-sms')).toBeNull();
  });

  it('without an inbound poller there is nothing to do', async () => {
    const deps: ReplyPollDeps = {
      db: db(),
      clock: fixedClock(NOW),
      transports: {},
      events: { emit: () => {} },
      logger: { warn: () => {} },
    };
    expect(await pollReplies(deps)).toBe(0);
  });
});

describe('pollDeliveryStatuses', () => {
  function sentText(d: WritableDB): number {
    const appt = planningAppointment(d);
    insertOutboxRow(
      d,
      {
        key: 'k1',
        appointmentId: appt.id,
        ruleId: 'sms-24h',
        channel: 'sms',
        recipient: NUMBER,
        notBefore: NOW - HOUR_MS,
        expiresAt: NOW + HOUR_MS,
        state: 'pending',
        reason: null,
      },
      NOW - HOUR_MS,
    );
    d.prepare(`UPDATE outbox SET state = 'sent', provider_id = 'SM1', updated_at = ? WHERE idempotency_key = 'k1'`).run(NOW - HOUR_MS);
    return d.prepare(`SELECT id FROM outbox WHERE idempotency_key = 'k1'`).pluck().get() as number;
  }

  function smsReporting(status: DeliveryStatus): Transport {
    return {
      name: 'fake-sms',
      channel: 'sms',
      send: () => Promise.reject(new Error('not used')),
      reconcile: () => Promise.reject(new Error('not used')),
      deliveryStatus: async () => status,
    };
  }

  it('a carrier block pauses all sending through the kill switch it is given, and says so', async () => {
    const d = db();
    const id = sentText(d);
    const pauses: PauseInput[] = [];
    const events: EngineEvent[] = [];
    const deps: DeliveryPollDeps = {
      db: d,
      control: {
        pause: (input) => (
          pauses.push(input),
          { paused: true, kind: input.kind, reason: input.reason, at: input.now, by: input.actor, breakerReviewedUntil: null }
        ),
      },
      clock: fixedClock(NOW),
      transports: { sms: smsReporting({ kind: 'undelivered', code: '30034', error: 'unregistered number' }) },
      events: { emit: (e) => events.push(e) },
    };
    expect(await pollDeliveryStatuses(deps)).toBe(1);
    const reason = "Texts are blocked by the carriers (error 30034): register the clinic's number (10DLC / toll-free verification)";
    expect(pauses).toEqual([
      { kind: 'config', reason, actor: 'dispatcher', now: NOW, audit: { kind: 'paused', detail: { kind: 'config', code: '30034' } } },
    ]);
    expect(events).toEqual([
      { type: 'paused', kind: 'config', reason },
      { type: 'attention', kind: 'auth_failed', message: reason },
      { type: 'changed', topics: ['outbox', 'contacts'] },
    ]);
    expect(d.prepare(`SELECT state, reason FROM outbox WHERE id = ?`).get(id)).toEqual({
      state: 'undelivered',
      reason: 'unregistered number',
    });
  });

  it('a delivered text is marked delivered; a pending one is left for the next poll', async () => {
    const d = db();
    const id = sentText(d);
    const deps = (status: DeliveryStatus): DeliveryPollDeps => ({
      db: d,
      control: { pause: () => expect.fail('no pause') },
      clock: fixedClock(NOW),
      transports: { sms: smsReporting(status) },
      events: { emit: () => {} },
    });
    expect(await pollDeliveryStatuses(deps({ kind: 'pending' }))).toBe(0);
    expect(await pollDeliveryStatuses(deps({ kind: 'delivered' }))).toBe(1);
    expect(d.prepare(`SELECT state FROM outbox WHERE id = ?`).pluck().get(id)).toBe('delivered');
  });
});
