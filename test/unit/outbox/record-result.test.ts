import { afterEach, describe, expect, it } from 'vitest';
import type { DispatchResult } from '../../../shared/domain/dto';
import type { RejectionAction, SendResult } from '../../../electron/core/channels/channel';
import { type ControlStore, openControlStore } from '../../../electron/core/control/control-store';
import type { WritableDB } from '../../../electron/core/db/connection';
import { insertAttempt } from '../../../electron/core/db/repos/contacts-repo';
import { insertOutboxRow, markSending, type OutboxRow } from '../../../electron/core/db/repos/outbox-repo';
import { getRecipient } from '../../../electron/core/db/repos/recipients-repo';
import { emptyDispatchResult } from '../../../electron/core/outbox/dispatcher';
import {
  applySendResult,
  decideSendResult,
  MAX_ATTEMPTS,
  type AttemptUpdate,
  type SendResultDecision,
  writeSendResult,
} from '../../../electron/core/outbox/record-result';
import { fixedClock, HOUR_MS, MINUTE_MS } from '../../../electron/core/platform/clock';
import type { Logger } from '../../../electron/core/platform/logger';
import { NOW, NUMBER, planningAppointment, scheduleDb } from './fixtures';

/** random() = 0.5: the jitter factor is exactly 1, so retry n waits 2^n minutes. */
const HALF = (): number => 0.5;
const ROW = { attempts: 1, expires_at: NOW + 10 * HOUR_MS, recipient: NUMBER };

const rejected = (action: RejectionAction, error = 'Twilio 123: no', code = '123'): SendResult => ({
  kind: 'rejected',
  action,
  error,
  code,
});
const failedAttempt = (error = 'Twilio 123: no'): AttemptUpdate => ({
  outcome: 'failed',
  countsForBudget: false,
  errorCode: '123',
  detail: error,
});
const NO_EFFECTS = { recipient: null, event: null, pause: null, notices: [] };

interface Case {
  readonly name: string;
  readonly res: SendResult;
  readonly row?: Partial<typeof ROW>;
  readonly expected: SendResultDecision;
}

const CASES: readonly Case[] = [
  {
    name: 'accepted: sent, counted for the budget',
    res: { kind: 'accepted', providerId: 'SM1' },
    expected: {
      resultKind: 'accepted',
      outbox: { state: 'sent', reason: null, providerId: 'SM1', lastError: null },
      attempt: { outcome: 'sent', countsForBudget: true, providerId: 'SM1' },
      ...NO_EFFECTS,
      counter: 'sent',
    },
  },
  {
    name: 'accepted by the simulator: recorded as simulated',
    res: { kind: 'accepted', providerId: 'sim-1', simulated: true },
    expected: {
      resultKind: 'accepted',
      outbox: { state: 'sent', reason: null, providerId: 'sim-1', lastError: null },
      attempt: { outcome: 'simulated', countsForBudget: true, providerId: 'sim-1' },
      ...NO_EFFECTS,
      counter: 'sent',
    },
  },
  {
    name: 'unknown: may have reached the patient, so it counts and waits for reconciliation',
    res: { kind: 'unknown', error: 'timeout', code: 'ECONNABORTED' },
    expected: {
      resultKind: 'unknown',
      outbox: { state: 'unknown', reason: 'provider outcome unknown', providerId: null, lastError: 'timeout' },
      attempt: { outcome: 'unknown', countsForBudget: true, errorCode: 'ECONNABORTED', detail: 'timeout' },
      ...NO_EFFECTS,
      counter: 'unknown',
    },
  },
  {
    name: 'unknown without a code',
    res: { kind: 'unknown', error: 'socket hang up' },
    expected: {
      resultKind: 'unknown',
      outbox: { state: 'unknown', reason: 'provider outcome unknown', providerId: null, lastError: 'socket hang up' },
      attempt: { outcome: 'unknown', countsForBudget: true, errorCode: null, detail: 'socket hang up' },
      ...NO_EFFECTS,
      counter: 'unknown',
    },
  },
  {
    name: 'retry: back to pending after 2^attempts minutes, inside the window',
    res: rejected('retry'),
    expected: {
      resultKind: 'rejected',
      outbox: {
        state: 'pending',
        reason: 'provider busy; retrying',
        providerId: null,
        lastError: 'Twilio 123: no',
        notBefore: NOW + 2 * MINUTE_MS,
      },
      attempt: failedAttempt(),
      ...NO_EFFECTS,
      counter: 'deferred',
    },
  },
  {
    name: 'retry: the fourth attempt waits 16 minutes',
    res: rejected('retry'),
    row: { attempts: 4 },
    expected: {
      resultKind: 'rejected',
      outbox: {
        state: 'pending',
        reason: 'provider busy; retrying',
        providerId: null,
        lastError: 'Twilio 123: no',
        notBefore: NOW + 16 * MINUTE_MS,
      },
      attempt: failedAttempt(),
      ...NO_EFFECTS,
      counter: 'deferred',
    },
  },
  ...[
    ['retry: out of attempts', { attempts: MAX_ATTEMPTS }],
    ['retry: the window closes before the next try', { expires_at: NOW + 2 * MINUTE_MS }],
  ].map(
    ([name, row]): Case => ({
      name: name as string,
      res: rejected('retry'),
      row: row as Partial<typeof ROW>,
      expected: {
        resultKind: 'rejected',
        outbox: { state: 'failed', reason: 'provider busy until the send window closed', providerId: null, lastError: 'Twilio 123: no' },
        attempt: failedAttempt(),
        ...NO_EFFECTS,
        counter: 'failed',
      },
    }),
  ),
  {
    name: 'invalid address: failed, the number marked invalid, audited, and a notice to fix it',
    res: rejected('invalid_address', 'Twilio 21211: bad number'),
    expected: {
      resultKind: 'rejected',
      outbox: {
        state: 'failed',
        reason: 'invalid number — fix this number (Twilio 21211: bad number)',
        providerId: null,
        lastError: 'Twilio 21211: bad number',
      },
      attempt: failedAttempt('Twilio 21211: bad number'),
      recipient: { kind: 'invalid', reason: 'Twilio 21211: bad number' },
      event: { kind: 'invalid_number', detail: { recipient: NUMBER, error: 'Twilio 21211: bad number' } },
      pause: null,
      counter: 'failed',
      notices: [{ type: 'attention', kind: 'invalid_number', message: `Fix this number: ${NUMBER} (Twilio 21211: bad number)` }],
    },
  },
  {
    name: 'opted out at the provider: failed, the number opted out',
    res: rejected('opt_out', 'Twilio 21610: unsubscribed'),
    expected: {
      resultKind: 'rejected',
      outbox: {
        state: 'failed',
        reason: 'number has opted out at the provider (STOP)',
        providerId: null,
        lastError: 'Twilio 21610: unsubscribed',
      },
      attempt: failedAttempt('Twilio 21610: unsubscribed'),
      recipient: { kind: 'opted_out' },
      event: null,
      pause: null,
      counter: 'failed',
      notices: [],
    },
  },
  {
    name: 'configuration fault: the row waits, all sending pauses, a human is told',
    res: rejected('pause', 'Twilio 20003: bad credentials'),
    expected: {
      resultKind: 'rejected',
      outbox: {
        state: 'pending',
        reason: 'paused: provider configuration error',
        providerId: null,
        lastError: 'Twilio 20003: bad credentials',
      },
      attempt: failedAttempt('Twilio 20003: bad credentials'),
      recipient: null,
      event: null,
      pause: {
        kind: 'config',
        reason: 'Provider rejected our credentials or sender: Twilio 20003: bad credentials',
        actor: 'dispatcher',
        audit: { kind: 'paused', detail: { kind: 'config', reason: 'Twilio 20003: bad credentials' } },
      },
      counter: null,
      notices: [
        { type: 'paused', kind: 'config', reason: 'Twilio 20003: bad credentials' },
        { type: 'attention', kind: 'auth_failed', message: 'Sending paused: the provider rejected our configuration' },
      ],
    },
  },
  {
    name: 'definite failure: failed with the provider’s reason, never retried',
    res: rejected('fail'),
    expected: {
      resultKind: 'rejected',
      outbox: { state: 'failed', reason: 'Twilio 123: no', providerId: null, lastError: 'Twilio 123: no' },
      attempt: failedAttempt(),
      ...NO_EFFECTS,
      counter: 'failed',
    },
  },
];

describe('decideSendResult', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(decideSendResult({ ...ROW, ...c.row }, c.res, NOW, HALF)).toEqual(c.expected);
  });

  it('covers every SendResult kind and rejection action', () => {
    const covered = new Set(CASES.map((c) => (c.res.kind === 'rejected' ? `rejected:${c.res.action}` : c.res.kind)));
    const actions: RejectionAction[] = ['fail', 'invalid_address', 'opt_out', 'retry', 'pause'];
    expect([...covered].sort()).toEqual(['accepted', 'unknown', ...actions.map((a) => `rejected:${a}`)].sort());
  });

  it('uses the injected random source for the jitter', () => {
    const at = (random: number) => decideSendResult(ROW, rejected('retry'), NOW, () => random).outbox.notBefore;
    expect(at(0)).toBe(NOW + MINUTE_MS);
    expect(at(0.999)).toBe(NOW + Math.round(2 * MINUTE_MS * 1.499));
  });
});

/** The write step against a real schedule: a row claimed (`sending`, its ledger attempt written). */
const opened: { close(): void }[] = [];
afterEach(() => {
  while (opened.length > 0) opened.pop()!.close();
});

interface Claimed {
  readonly db: WritableDB;
  readonly control: ControlStore;
  readonly row: OutboxRow;
}

function claimedRow(): Claimed {
  const db = scheduleDb();
  const control = openControlStore(db, NOW);
  opened.push(db, control);
  const appt = planningAppointment(db);
  insertOutboxRow(
    db,
    {
      key: 'k1',
      appointmentId: appt.id,
      ruleId: 'sms-24h',
      channel: 'sms',
      recipient: NUMBER,
      notBefore: NOW - HOUR_MS,
      expiresAt: NOW + 10 * HOUR_MS,
      state: 'pending',
      reason: null,
    },
    NOW,
  );
  const id = db.prepare(`SELECT id FROM outbox WHERE idempotency_key = 'k1'`).pluck().get() as number;
  markSending(db, id, 'token-1', NOW);
  insertAttempt(db, { outboxId: id, appointmentId: appt.id, ruleId: 'sms-24h', channel: 'sms', recipient: NUMBER, at: NOW });
  const row = db.prepare(`SELECT * FROM outbox WHERE id = ?`).get(id) as OutboxRow;
  return { db, control, row: { ...row, attempts: row.attempts + 1 } };
}

const recordingLogger = (): Logger & { errors: string[] } => {
  const errors: string[] = [];
  return { info() {}, warn() {}, error: (m: string) => errors.push(m), errors };
};

function outboxOf(db: WritableDB, id: number) {
  return db.prepare(`SELECT state, reason, provider_id, last_error, not_before, lease_token FROM outbox WHERE id = ?`).get(id);
}
function ledgerOf(db: WritableDB, id: number) {
  return db.prepare(`SELECT outcome, counts_for_budget, provider_id, error_code, detail FROM contacts WHERE outbox_id = ?`).all(id);
}
function eventsOf(db: WritableDB) {
  return db.prepare(`SELECT kind, actor, detail_json FROM events WHERE kind NOT IN ('import') ORDER BY id`).all();
}

describe('writeSendResult', () => {
  it('writes the row, the ledger outcome, the number, the audit event and the pause of one decision', () => {
    const { db, control, row } = claimedRow();
    const logger = recordingLogger();
    const decision = decideSendResult(row, rejected('invalid_address', 'Twilio 21211: bad number'), NOW, HALF);
    db.transaction(() => writeSendResult({ db, control, logger }, row, 'token-1', decision, NOW + 1))();
    expect(outboxOf(db, row.id)).toEqual({
      state: 'failed',
      reason: 'invalid number — fix this number (Twilio 21211: bad number)',
      provider_id: null,
      last_error: 'Twilio 21211: bad number',
      not_before: NOW - HOUR_MS,
      lease_token: null,
    });
    expect(ledgerOf(db, row.id)).toEqual([
      { outcome: 'failed', counts_for_budget: 0, provider_id: null, error_code: '123', detail: 'Twilio 21211: bad number' },
    ]);
    expect(getRecipient(db, NUMBER)).toMatchObject({ invalid_reason: 'Twilio 21211: bad number', opted_out_at: null });
    expect(eventsOf(db)).toEqual([
      {
        kind: 'invalid_number',
        actor: 'dispatcher',
        detail_json: JSON.stringify({ recipient: NUMBER, error: 'Twilio 21211: bad number' }),
      },
    ]);
    expect(control.isPaused()).toBe(false);
    expect(logger.errors).toEqual([]);
  });

  it('opts the number out at the provider’s word', () => {
    const { db, control, row } = claimedRow();
    const decision = decideSendResult(row, rejected('opt_out'), NOW, HALF);
    writeSendResult({ db, control, logger: recordingLogger() }, row, 'token-1', decision, NOW + 1);
    expect(getRecipient(db, NUMBER)).toMatchObject({ opted_out_at: NOW + 1, opt_out_source: 'provider' });
  });

  it('pauses all sending on a configuration fault, audited in the control file', () => {
    const { db, control, row } = claimedRow();
    const decision = decideSendResult(row, rejected('pause', 'Twilio 20003: bad credentials'), NOW, HALF);
    writeSendResult({ db, control, logger: recordingLogger() }, row, 'token-1', decision, NOW + 1);
    expect(control.pauseState()).toMatchObject({
      paused: true,
      kind: 'config',
      reason: 'Provider rejected our credentials or sender: Twilio 20003: bad credentials',
      by: 'dispatcher',
      at: NOW + 1,
    });
    expect(control.auditLog(5)).toMatchObject([{ kind: 'paused', actor: 'dispatcher' }]);
    expect(outboxOf(db, row.id)).toMatchObject({ state: 'pending', reason: 'paused: provider configuration error' });
  });

  it('a row no longer ours is left alone and raises an alarm (fenced by the lease token)', () => {
    const { db, control, row } = claimedRow();
    const logger = recordingLogger();
    const decision = decideSendResult(row, { kind: 'accepted', providerId: 'SM1' }, NOW, HALF);
    writeSendResult({ db, control, logger }, row, 'someone-elses-token', decision, NOW + 1);
    expect(outboxOf(db, row.id)).toMatchObject({ state: 'sending', lease_token: 'token-1' });
    expect(logger.errors).toEqual([`outbox row ${row.id} was no longer ours when its result arrived`]);
    expect(eventsOf(db)).toEqual([
      { kind: 'fence_violation', actor: 'dispatcher', detail_json: JSON.stringify({ outboxId: row.id, result: 'accepted' }) },
    ]);
  });
});

describe('applySendResult', () => {
  it.each([
    ['accepted', { kind: 'accepted', providerId: 'SM1' } as SendResult, { sent: 1 }, false],
    ['unknown', { kind: 'unknown', error: 'timeout' } as SendResult, { unknown: 1 }, false],
    ['retry', rejected('retry'), { deferred: 1 }, false],
    ['fail', rejected('fail'), { failed: 1 }, false],
    ['pause', rejected('pause'), {}, true],
  ] as const)('%s adds to the cycle’s counts and says whether to stop', (_name, res, counts, stop) => {
    const { db, control, row } = claimedRow();
    const result: DispatchResult = emptyDispatchResult();
    const deps = { db, control, clock: fixedClock(NOW + 1), logger: recordingLogger(), random: HALF };
    const recorded = applySendResult(deps, row, 'token-1', res, result);
    expect(recorded.stop).toBe(stop);
    expect(result).toEqual({ ...emptyDispatchResult(), ...counts });
  });

  it('a retry uses the injected random source', () => {
    const { db, control, row } = claimedRow();
    const deps = { db, control, clock: fixedClock(NOW), logger: recordingLogger(), random: () => 0 };
    applySendResult(deps, row, 'token-1', rejected('retry'), emptyDispatchResult());
    // attempts 1 → 2 minutes × (0.5 + 0)
    expect(outboxOf(db, row.id)).toMatchObject({ state: 'pending', not_before: NOW + MINUTE_MS });
  });
});
