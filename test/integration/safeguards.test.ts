import { afterEach, describe, expect, it } from 'vitest';
import type { OutgoingMessage, SendResult, Transport, Transports } from '../../electron/core/channels/channel';
import { SimulateTransport } from '../../electron/core/channels/simulate';
import { renderMessage } from '../../electron/core/channels/templates';
import type { WritableDB } from '../../electron/core/db/connection';
import type { Clock } from '../../electron/core/platform/clock';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../electron/core/platform/clock';
import { createTestEngine, e164, importRows, local, outboxStates, phone, providerAttemptsPerRow, type TestEngine } from '../helpers/engine';

let engine: TestEngine | undefined;
afterEach(() => {
  engine?.cleanup();
  engine = undefined;
});

/** Simulate transports with a hook that runs inside each send (to pause or crash mid-cycle). */
function hookedTransports(onSend: (m: OutgoingMessage) => void | Promise<void>) {
  return (db: WritableDB, clock: Clock): Transports => {
    const wrap = (channel: 'email' | 'sms' | 'voice'): Transport => {
      const inner = new SimulateTransport(channel, db, clock);
      return {
        name: 'simulate',
        channel,
        send: async (m): Promise<SendResult> => {
          await onSend(m);
          return inner.send(m);
        },
        reconcile: (m) => inner.reconcile(m),
      };
    };
    return { email: wrap('email'), sms: wrap('sms'), voice: wrap('voice'), description: 'hooked simulate' };
  };
}

function ledgerCount(db: WritableDB, where = '1 = 1'): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM contacts WHERE ${where}`).get() as { n: number }).n;
}

describe('§5.1 kill switch', () => {
  it('pause stops all sending, and is persisted across engines on the same file', async () => {
    engine = createTestEngine({ now: local('2026-11-27 11:00') });
    importRows(engine, [{ id: 'A1', name: 'Maria Lopez', phone: phone(1), startsAt: '2026-11-28 10:00' }]);
    engine.services.pause({ reason: 'checking the schedule', actor: 'test' });
    const result = await engine.services.dispatch();
    expect(result).toMatchObject({ sent: 0, paused: true, reason: 'checking the schedule' });
    expect(ledgerCount(engine.db)).toBe(0);
    expect(engine.services.status()).toMatchObject({ paused: true, reason: 'checking the schedule', pausedBy: 'test' });
    engine.services.resume({ actor: 'test' });
    expect(await engine.services.dispatch()).toMatchObject({ sent: 1, paused: false });
  });

  it('no provider request starts after pause returns, even mid-cycle', async () => {
    let calls = 0;
    engine = createTestEngine({
      now: local('2026-11-26 10:00'),
      transports: hookedTransports(() => {
        calls += 1;
        if (calls === 3) engine!.services.pause({ reason: 'stop now', actor: 'test' });
      }),
    });
    const rows = Array.from({ length: 10 }, (_, i) => ({
      id: `A${i}`,
      name: `P${i}`,
      email: `p${i}@example.com`,
      startsAt: '2026-11-28 10:00',
    }));
    importRows(engine, rows);
    const result = await engine.services.dispatch();
    expect(calls).toBe(3);
    expect(result.paused).toBe(true);
    expect(outboxStates(engine.db)).toEqual({ sent: 3, pending: 7, suppressed: 20 }); // no phone: texts and calls suppressed
    expect(ledgerCount(engine.db)).toBe(3);
  });
});

describe('§5.3 freshness', () => {
  it('after downtime only the latest step goes; earlier steps expire', async () => {
    engine = createTestEngine({ now: local('2026-11-25 07:00') });
    importRows(engine, [{ id: 'A1', name: 'Maria Lopez', phone: phone(1), email: 'm@example.com', startsAt: '2026-11-28 10:00' }]);
    engine.services.plan();
    // Down until 2 h 10 min before the appointment: email and SMS windows have closed.
    engine.clock.set(local('2026-11-28 07:50') + 30 * MINUTE_MS);
    const result = await engine.services.dispatch();
    expect(result).toMatchObject({ sent: 1, expired: 2 });
    expect(engine.services.contacts({}).map((c) => c.channel)).toEqual(['voice']);
  });

  it('nothing goes after the appointment has started', async () => {
    engine = createTestEngine({ now: local('2026-11-25 07:00') });
    importRows(engine, [{ id: 'A1', name: 'Maria Lopez', phone: phone(1), startsAt: '2026-11-28 10:00' }]);
    engine.services.plan();
    engine.clock.set(local('2026-11-28 09:45'));
    expect(await engine.services.dispatch()).toMatchObject({ sent: 0 });
    expect(ledgerCount(engine.db)).toBe(0);
  });
});

describe('§5.4 contact budget per number', () => {
  it('a family sharing one phone gets one SMS-or-call a day', async () => {
    engine = createTestEngine({ now: local('2026-11-27 11:00') });
    importRows(engine, [
      { id: 'K1', name: 'Ana Diaz', phone: phone(5), startsAt: '2026-11-28 10:00' },
      { id: 'K2', name: 'Luis Diaz', phone: phone(5), startsAt: '2026-11-28 10:30' },
    ]);
    await engine.services.dispatch();
    expect(ledgerCount(engine.db, `recipient = '${e164(5)}'`)).toBe(1);
    // The next morning the budget has renewed: one call (the other appointment's call waits or is suppressed).
    engine.clock.set(local('2026-11-28 08:00'));
    await engine.services.dispatch();
    engine.clock.set(local('2026-11-28 08:30'));
    await engine.services.dispatch();
    const perDay = engine.db
      .prepare(`SELECT COUNT(*) AS n FROM contacts WHERE recipient = ? AND attempted_at >= ? AND counts_for_budget = 1`)
      .get(e164(5), local('2026-11-28 00:00')) as { n: number };
    expect(perDay.n).toBe(1);
  });

  it('at most 3 SMS-or-call per number in a rolling week', async () => {
    engine = createTestEngine({ now: local('2026-11-26 07:00') });
    const days = ['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02'];
    importRows(
      engine,
      days.map((d, i) => ({ id: `W${i}`, name: 'Sam Lee', phone: phone(7), startsAt: `${d} 12:00` })),
    );
    for (let t = local('2026-11-26 08:00'); t < local('2026-12-02 12:00'); t += 30 * MINUTE_MS) {
      engine.clock.set(t);
      await engine.services.dispatch();
    }
    expect(ledgerCount(engine.db, `recipient = '${e164(7)}' AND counts_for_budget = 1`)).toBe(3);
  });

  it('never more than one call per appointment', async () => {
    engine = createTestEngine({ now: local('2026-11-28 08:00') });
    importRows(engine, [{ id: 'A1', name: 'Maria Lopez', phone: phone(1), startsAt: '2026-11-28 10:00' }]);
    await engine.services.dispatch();
    // A bug re-queues the call under another key: the ledger still says one call per appointment.
    engine.db
      .prepare(`INSERT INTO outbox (idempotency_key, appointment_id, rule_id, channel, recipient, not_before, expires_at, state, created_at, updated_at)
                SELECT 'dup', appointment_id, rule_id, channel, recipient, ?, expires_at, 'pending', 0, 0 FROM outbox WHERE channel = 'voice'`)
      .run(engine.clock.now());
    engine.clock.set(local('2026-11-29 08:00') - 23 * HOUR_MS + 30 * MINUTE_MS);
    await engine.services.dispatch();
    expect(ledgerCount(engine.db, `channel = 'voice'`)).toBe(1);
  });
});

describe('§5.5 backlog breaker', () => {
  it('pauses itself with a reason when the due set is far above what the schedule predicts', async () => {
    engine = createTestEngine({ now: local('2026-11-27 11:00') });
    importRows(engine, [{ id: 'A1', name: 'Maria Lopez', phone: phone(1), startsAt: '2026-11-28 10:00' }]);
    engine.services.plan();
    // The seed incident: a non-idempotent filler queued the same reminder every 5 minutes.
    const insert =
      engine.db.prepare(`INSERT INTO outbox (idempotency_key, appointment_id, rule_id, channel, recipient, not_before, expires_at, state, created_at, updated_at)
       SELECT ?, appointment_id, rule_id, channel, recipient, not_before, expires_at, 'pending', 0, 0 FROM outbox WHERE channel = 'sms' AND idempotency_key NOT LIKE 'flood-%'`);
    for (let i = 0; i < 50; i += 1) insert.run(`flood-${i}`);
    const result = await engine.services.dispatch();
    expect(result.paused).toBe(true);
    expect(result.sent).toBe(0);
    expect(result.reason).toMatch(/due/);
    expect(engine.services.status()).toMatchObject({ paused: true, pauseKind: 'breaker' });
    expect(engine.services.auditLog({}).map((e) => e.kind)).toContain('breaker_tripped');
    // After a human review and resume, budgets still allow exactly one text to that number.
    engine.services.resume({ actor: 'reception' });
    await engine.services.dispatch();
    expect(ledgerCount(engine.db)).toBe(1);
  });
});

describe('§5.5 backlog breaker, per number', () => {
  it('a family sharing a phone is normal; a pile of texts for one number pauses sending', async () => {
    engine = createTestEngine({ now: local('2026-11-27 11:00') });
    const family = (n: number, number: number) =>
      Array.from({ length: n }, (_, i) => ({
        id: `F${number}-${i}`,
        name: `Child ${i}`,
        phone: phone(number),
        startsAt: '2026-11-28 10:00',
      }));
    importRows(engine, family(4, 29));
    // One text a day to the shared number; the others' text windows close before tomorrow's budget.
    expect(await engine.services.dispatch()).toMatchObject({ sent: 1, suppressed: 3, paused: false });
    importRows(engine, family(8, 30));
    const result = await engine.services.dispatch();
    expect(result).toMatchObject({ sent: 0, paused: true });
    expect(result.reason).toMatch(/due for one number \(\+12125550130\)/);
  });
});

describe('§5.6 rate limit', () => {
  it('sends at most smsPerMinute texts in one minute and defers the rest', async () => {
    engine = createTestEngine({ now: local('2026-11-27 11:00') });
    await engine.services.updateSettings({
      settings: { limits: { ...engine.services.getSettings().limits, smsPerMinute: 5 } },
      actor: 'test',
    });
    importRows(
      engine,
      Array.from({ length: 8 }, (_, i) => ({ id: `R${i}`, name: `P${i}`, phone: phone(10 + i), startsAt: '2026-11-28 10:00' })),
    );
    expect(await engine.services.dispatch()).toMatchObject({ sent: 5, deferred: 3 });
    engine.clock.advance(MINUTE_MS);
    expect(await engine.services.dispatch()).toMatchObject({ sent: 3 });
  });
});

describe('§5.7 quiet hours', () => {
  it('a text due at night waits for 08:00, and expires if its window closes first', async () => {
    engine = createTestEngine({ now: local('2026-11-26 12:00') });
    importRows(engine, [
      { id: 'N1', name: 'Night Owl', phone: phone(20), startsAt: '2026-11-28 05:00' }, // SMS window 11-27 05:00 → 11-28 03:00
      { id: 'N2', name: 'Early Bird', phone: phone(21), startsAt: '2026-11-28 07:00' }, // call window 05:00 → 06:30: all night
    ]);
    engine.clock.set(local('2026-11-27 05:00'));
    const night = await engine.services.dispatch();
    expect(night.sent).toBe(0);
    expect(night.deferred).toBeGreaterThanOrEqual(1);
    engine.clock.set(local('2026-11-27 08:00'));
    await engine.services.dispatch();
    engine.clock.set(local('2026-11-28 05:00'));
    await engine.services.dispatch();
    const texts = engine.services.contacts({}).filter((c) => c.channel !== 'email');
    expect(texts.map((c) => [c.appointment, c.channel, c.at]).sort()).toEqual([
      ['N1', 'sms', '2026-11-27T08:00:00-05:00'],
      ['N2', 'sms', '2026-11-27T08:00:00-05:00'],
    ]);
    expect(
      engine.db
        .prepare(
          `SELECT state, reason FROM outbox WHERE channel = 'voice' AND appointment_id = (SELECT id FROM appointments WHERE external_id = 'N2')`,
        )
        .get(),
    ).toEqual({
      state: 'expired',
      reason: 'quiet hours',
    });
  });

  it('is DST-correct: 08:00 local on the day clocks change', async () => {
    engine = createTestEngine({ now: local('2027-03-12 12:00') });
    importRows(engine, [{ id: 'D1', name: 'Maria Lopez', phone: phone(1), startsAt: '2027-03-15 07:00' }]);
    engine.clock.set(local('2027-03-14 07:00')); // SMS window opens 03-14 07:00 EDT; the text waits for 08:00 EDT
    await engine.services.dispatch();
    engine.clock.set(local('2027-03-14 08:00'));
    await engine.services.dispatch();
    expect(engine.services.contacts({}).map((c) => c.at)).toEqual(['2027-03-14T08:00:00-04:00']);
  });
});

describe('§5.8 one sender', () => {
  it('a second engine on the same file does not send while the first holds the lease', async () => {
    engine = createTestEngine({ now: local('2026-11-27 11:00') });
    importRows(engine, [{ id: 'A1', name: 'Maria Lopez', phone: phone(1), startsAt: '2026-11-28 10:00' }]);
    expect(engine.dispatcher.lease.acquire(engine.clock.now())).toBe(true);
    const second = createTestEngine({ now: engine.clock.now(), file: engine.file });
    try {
      const result = await second.services.dispatch();
      expect(result).toMatchObject({ sent: 0, reason: expect.stringMatching(/lease/) });
      // The lease lapses after 60 s of clock time without renewal.
      second.clock.advance(61_000);
      expect((await second.services.dispatch()).sent).toBe(1);
    } finally {
      second.close();
    }
  });
});

describe('§5.9 crash safety', () => {
  it('a row found sending becomes unknown and is reconciled: found → sent, never sent twice', async () => {
    let crash = true;
    engine = createTestEngine({
      now: local('2026-11-27 11:00'),
      transports: hookedTransports(() => {
        if (crash) throw new Error('process died');
      }),
    });
    importRows(engine, [{ id: 'A1', name: 'Maria Lopez', phone: phone(1), startsAt: '2026-11-28 10:00' }]);
    // Simulate a crash after the sending commit: leave the row `sending` as a dead process would.
    engine.services.plan();
    engine.db
      .prepare(`UPDATE outbox SET state = 'sending', lease_token = 'dead', claimed_at = ?, attempts = 1 WHERE channel = 'sms'`)
      .run(engine.clock.now());
    const smsId = (engine.db.prepare(`SELECT id FROM outbox WHERE channel = 'sms'`).get() as { id: number }).id;
    engine.db
      .prepare(`INSERT INTO simulated_messages (outbox_id, channel, recipient, body, created_at) VALUES (?, 'sms', ?, 'x', ?)`)
      .run(smsId, e164(1), engine.clock.now());
    crash = false;
    await engine.services.dispatch();
    expect(providerAttemptsPerRow(engine.db).get(smsId)).toBe(1);
    expect(engine.db.prepare(`SELECT state FROM outbox WHERE id = ?`).get(smsId)).toEqual({ state: 'sent' });
  });

  it('a text not found at the provider is retried once; a call is never re-dialled', async () => {
    engine = createTestEngine({ now: local('2026-11-28 08:00') });
    importRows(engine, [
      { id: 'A1', name: 'Maria Lopez', phone: phone(1), startsAt: '2026-11-28 10:00' },
      { id: 'A2', name: 'James Carter', phone: phone(2), startsAt: '2026-11-29 07:00' },
    ]);
    engine.services.plan();
    // A dead sender had handed both to the provider (the provider never got them) when it died.
    engine.db
      .prepare(
        `UPDATE outbox SET state = 'sending', lease_token = 'dead', claimed_at = ?, handed_at = ?, attempts = 1 WHERE state = 'pending' AND not_before <= ?`,
      )
      .run(engine.clock.now(), engine.clock.now(), engine.clock.now());
    engine.db
      .prepare(
        `INSERT INTO contacts (outbox_id, appointment_id, rule_id, channel, recipient, attempted_at, outcome, updated_at) SELECT id, appointment_id, rule_id, channel, recipient, claimed_at, 'unknown', 0 FROM outbox WHERE state = 'sending'`,
      )
      .run();
    await engine.services.dispatch();
    const rows = engine.db.prepare(`SELECT channel, state, reason FROM outbox WHERE attempts > 0 ORDER BY channel`).all();
    expect(rows).toEqual([
      { channel: 'sms', state: 'sent', reason: null },
      { channel: 'voice', state: 'failed', reason: expect.stringMatching(/call outcome unknown/) },
    ]);
    expect(engine.db.prepare(`SELECT COUNT(*) AS n FROM simulated_messages WHERE channel = 'voice'`).get()).toEqual({ n: 0 });
    expect(engine.services.status().needsAttention).toBe(1);
    // The lost text counts nothing against the budget; the call attempt (outcome unknown) still does.
    expect(engine.db.prepare(`SELECT channel, outcome, counts_for_budget FROM contacts ORDER BY id`).all()).toEqual([
      { channel: 'voice', outcome: 'unknown', counts_for_budget: 1 },
      { channel: 'sms', outcome: 'failed', counts_for_budget: 0 },
      { channel: 'sms', outcome: 'simulated', counts_for_budget: 1 },
    ]);
  });

  it('a claim interrupted before the hand-off is queued again without using its retry, calls included', async () => {
    engine = createTestEngine({ now: local('2026-11-28 08:00') });
    importRows(engine, [{ id: 'A1', name: 'Maria Lopez', phone: phone(1), startsAt: '2026-11-28 10:00' }]);
    engine.services.plan();
    engine.db
      .prepare(`UPDATE outbox SET state = 'sending', lease_token = 'dead', claimed_at = ? WHERE channel = 'voice'`)
      .run(engine.clock.now());
    engine.db
      .prepare(
        `INSERT INTO contacts (outbox_id, appointment_id, rule_id, channel, recipient, attempted_at, outcome, updated_at) SELECT id, appointment_id, rule_id, channel, recipient, claimed_at, 'unknown', 0 FROM outbox WHERE state = 'sending'`,
      )
      .run();
    expect(await engine.services.dispatch()).toMatchObject({ sent: 1 });
    expect(engine.db.prepare(`SELECT state, attempts FROM outbox WHERE channel = 'voice'`).get()).toEqual({ state: 'sent', attempts: 1 });
    expect(engine.db.prepare(`SELECT COUNT(*) AS n FROM simulated_messages WHERE channel = 'voice'`).get()).toEqual({ n: 1 });
    expect(engine.services.contacts({}).map((c) => [c.channel, c.outcome])).toEqual([['voice', 'simulated']]);
  });
});

describe('§5.10 opt-out and consent', () => {
  it('STOP from a number suppresses later texts and calls to it', async () => {
    engine = createTestEngine({ now: local('2026-11-27 11:00') });
    importRows(engine, [{ id: 'A1', name: 'Maria Lopez', phone: phone(1), startsAt: '2026-11-28 10:00' }]);
    engine.db
      .prepare(`INSERT INTO recipients (address, opted_out_at, opt_out_source, updated_at) VALUES (?, ?, 'reply', ?)`)
      .run(e164(1), 1, 1);
    expect(await engine.services.dispatch()).toMatchObject({ sent: 0, suppressed: 1 });
    expect(engine.db.prepare(`SELECT reason FROM outbox WHERE channel = 'sms'`).get()).toEqual({ reason: 'number opted out (STOP)' });
  });

  it('do-not-contact suppresses every channel', async () => {
    engine = createTestEngine({ now: local('2026-11-26 10:00') });
    importRows(engine, [{ id: 'A1', name: 'Maria Lopez', phone: phone(1), email: 'm@example.com', startsAt: '2026-11-28 10:00' }]);
    const patientId = engine.services.today({ date: '2026-11-28' })[0]!.patientId;
    engine.services.setDoNotContact({ patientId, doNotContact: true, actor: 'test' });
    expect(await engine.services.dispatch()).toMatchObject({ sent: 0, suppressed: 1 });
  });
});

describe('§5.11 confirm, cancel and reschedule stop later steps atomically', () => {
  it('confirm cancels the pending SMS and call in the same transaction', async () => {
    engine = createTestEngine({ now: local('2026-11-26 10:00') });
    importRows(engine, [{ id: 'A1', name: 'Maria Lopez', phone: phone(1), email: 'm@example.com', startsAt: '2026-11-28 10:00' }]);
    engine.services.plan();
    expect(engine.services.confirm({ appointment: 'A1', actor: 'desk' })).toMatchObject({ status: 'confirmed', remindersCancelled: 2 });
    engine.clock.set(local('2026-11-28 08:00'));
    await engine.services.dispatch();
    expect(engine.services.contacts({}).map((c) => c.channel)).toEqual([]);
    expect(outboxStates(engine.db)).toMatchObject({ cancelled: 2, expired: 1 });
  });

  it('a cancelled appointment gets nothing; a reschedule supersedes the old rows', async () => {
    engine = createTestEngine({ now: local('2026-11-26 07:00') });
    importRows(engine, [
      { id: 'A1', name: 'Maria Lopez', phone: phone(1), email: 'm@example.com', startsAt: '2026-11-28 10:00' },
      { id: 'A2', name: 'James Carter', phone: phone(2), email: 'j@example.com', startsAt: '2026-11-28 11:00' },
    ]);
    engine.services.plan();
    const change = importRows(engine, [
      { id: 'A1', name: 'Maria Lopez', phone: phone(1), email: 'm@example.com', startsAt: '2026-11-28 10:00', status: 'cancelled' },
      { id: 'A2', name: 'James Carter', phone: phone(2), email: 'j@example.com', startsAt: '2026-11-29 11:00' },
    ]);
    expect(change).toMatchObject({ updated: 2, remindersCancelled: 6 });
    expect(engine.services.plan().enqueued).toBe(3);
    expect(outboxStates(engine.db)).toEqual({ cancelled: 3, superseded: 3, pending: 3 });
  });
});

describe('§5.12 minimal content', () => {
  it('the SMS names the clinic, date, time, phone and opt-out; never the provider', () => {
    const body = renderMessage('sms', {
      clinicName: 'Riverside Clinic',
      clinicPhone: '(212) 555-0100',
      startsAt: local('2026-11-28 10:00'),
      timezone: 'America/New_York',
      patientName: 'Maria',
    }).body;
    expect(body.length).toBeLessThanOrEqual(160);
    expect(body).toMatch(/Riverside Clinic/);
    expect(body).toMatch(/STOP/);
    expect(body).toMatch(/C to confirm/);
    expect(body).not.toMatch(/Patel|YES|CANCEL/);
  });
});

describe('§5.13 ledger and audit log', () => {
  it('records every attempt and every pause and resume', async () => {
    engine = createTestEngine({ now: local('2026-11-27 11:00') });
    importRows(engine, [{ id: 'A1', name: 'Maria Lopez', phone: phone(1), startsAt: '2026-11-28 10:00' }]);
    engine.services.pause({ reason: 'lunch', actor: 'Dana' });
    engine.services.resume({ actor: 'Dana' });
    await engine.services.dispatch();
    expect(engine.services.contacts({})).toEqual([
      expect.objectContaining({ appointment: 'A1', channel: 'sms', to: e164(1), outcome: 'simulated', at: '2026-11-27T11:00:00-05:00' }),
    ]);
    const kinds = engine.services.auditLog({}).map((e) => [e.kind, e.actor]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['paused', 'Dana'],
        ['resumed', 'Dana'],
        ['import', 'test'],
      ]),
    );
    void DAY_MS;
  });
});

describe('schedule changes reach pending reminders', () => {
  it('a changed phone number in a re-import redirects the pending text; a removed one suppresses it', async () => {
    engine = createTestEngine({ now: local('2026-11-26 07:00') });
    importRows(engine, [{ id: 'A1', name: 'Maria Lopez', phone: phone(1), startsAt: '2026-11-28 10:00' }]);
    engine.services.plan();
    importRows(engine, [{ id: 'A1', name: 'Maria Lopez', phone: phone(1), startsAt: '2026-11-28 10:00' }]);
    const rows = () => engine!.db.prepare(`SELECT channel, recipient, state FROM outbox WHERE channel != 'email' ORDER BY channel`).all();
    expect(rows()).toEqual([
      { channel: 'sms', recipient: e164(1), state: 'pending' },
      { channel: 'voice', recipient: e164(1), state: 'pending' },
    ]);
    const patientId = engine.services.today({ date: '2026-11-28' })[0]!.patientId;
    await engine.services.fixPhone({ patientId, phone: phone(9), actor: 'desk' });
    expect(rows()).toEqual([
      { channel: 'sms', recipient: e164(9), state: 'pending' },
      { channel: 'voice', recipient: e164(9), state: 'pending' },
    ]);
    await expect(engine.services.fixPhone({ patientId, phone: '555-12', actor: 'desk' })).rejects.toThrow(/not a valid number/);
    engine.clock.set(local('2026-11-27 10:00'));
    await engine.services.dispatch();
    expect(engine.services.contacts({}).map((c) => c.to)).toEqual([e164(9)]);
  });
});
