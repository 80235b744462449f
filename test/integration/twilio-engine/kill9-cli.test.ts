import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../electron/core/platform/clock';
import { createTestEngine, e164, local, phone, scheduleCsv, ZONE, type CsvRow } from '../../helpers/engine';
import { startFakeTwilio, type FakeTwilio, type FaultRule } from '../../helpers/fake-twilio';
import { fakeTwilioEnv, runCliJson, spawnCli, type CliRun } from '../../helpers/twilio-engine-cli';
import { creates } from '../../helpers/twilio-engine';
import { MINUTE, SECOND } from './constants';

/**
 * Crash safety with the real CLI, the real `twilio` SDK and real SIGKILLs: `frontdesk dispatch` runs against a
 * slow fake Twilio (300–550 ms per create, some creates lost before or after processing) and is killed at
 * random moments; each restart runs at a later --now (≥ 31 s, past reconcileAfterMs) so the interrupted sends
 * are reconciled with the provider first. Whatever the kills hit: no appointment is called twice, no SMS is
 * created twice for one appointment, and every reminder ends in a final state.
 */

const NOW0 = local('2026-11-10 10:00');
const SMS_APPTS = 32;
const CALL_APPTS = 8;
const KILLS = 16;
const DELAY_MIN = 300;
const DELAY_SPREAD = 250;
/** After a kill, a held create may still be processed by the fake; let it land before the next run reconciles. */
const SETTLE_MS = DELAY_MIN + DELAY_SPREAD + 100;
const FINAL = ['sent', 'delivered', 'failed', 'expired', 'suppressed'];

let dir: string;
let file: string;
let fake: FakeTwilio;
/** The fake's clock: set to each run's --now, so its dates line up with the CLI's frozen clock. */
const fakeClock = new ManualClock(NOW0);

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function localText(ms: number): string {
  return DateTime.fromMillis(ms, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm');
}

/** 32 appointments in their SMS window at NOW0 (start +4 h … +15.5 h) and 8 in their call window (start +60 … +95 min). */
function schedule(): CsvRow[] {
  const rows: CsvRow[] = [];
  for (let i = 0; i < SMS_APPTS; i += 1) {
    rows.push({
      id: `S${i + 1}`,
      name: `Sms Patient ${i + 1}`,
      phone: phone(i + 1),
      startsAt: localText(NOW0 + 4 * 60 * MINUTE + i * 22 * MINUTE),
    });
  }
  for (let i = 0; i < CALL_APPTS; i += 1) {
    const n = SMS_APPTS + i + 1;
    rows.push({
      id: `V${i + 1}`,
      name: `Call Patient ${i + 1}`,
      phone: phone(n),
      startsAt: localText(NOW0 + 60 * MINUTE + i * 5 * MINUTE),
    });
  }
  return rows;
}

function makeRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Slow creates; with `lossy`, some are held then dropped unprocessed, some processed then the answer is lost. */
async function installFaults(rand: () => number, lossy: boolean): Promise<void> {
  const rules: FaultRule[] = [];
  for (const path of ['/Messages.json', '/Calls.json']) {
    for (let i = 0; i < 300; i += 1) {
      const ms = DELAY_MIN + Math.floor(rand() * DELAY_SPREAD);
      const r = rand();
      const action: FaultRule['action'] =
        lossy && (i === 1 || r < 0.08)
          ? { kind: 'accept_then_drop' }
          : lossy && (i === 3 || r < 0.16)
            ? { kind: 'delay', ms, thenProcess: false }
            : { kind: 'delay', ms, thenProcess: true };
      rules.push({ match: { method: 'POST', path }, action, times: 1 });
    }
  }
  await fake.clearFaults();
  const res = await fetch(`${fake.baseUrl}/__fake/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ rules }),
  });
  expect(res.ok).toBe(true);
}

function withDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

function leftToDo(db: Database.Database, now: number): number {
  return (
    db
      .prepare(
        `SELECT COUNT(*) AS n FROM outbox WHERE state IN ('sending', 'unknown') OR (state = 'pending' AND not_before <= ? AND expires_at > ?)`,
      )
      .get(now, now) as { n: number }
  ).n;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * One `dispatch` at `now`. `kill`: 'random' kills after a random delay; 'in-flight' kills shortly after a row is
 * committed `sending` (so a slow create is usually on the wire); null lets it finish.
 */
async function dispatchRun(now: number, kill: 'random' | 'in-flight' | null, rand: () => number): Promise<CliRun & { killed: boolean }> {
  fakeClock.set(now);
  const { child, done } = spawnCli(['dispatch', '--db', file, '--now', iso(now), '--json'], fakeTwilioEnv(fake));
  let exited = false;
  const timers: NodeJS.Timeout[] = [];
  const killNow = () => {
    if (!exited) child.kill('SIGKILL');
  };
  if (kill === 'random') timers.push(setTimeout(killNow, 400 + Math.floor(rand() * 2_600)));
  if (kill === 'in-flight') {
    timers.push(setTimeout(killNow, 6_000));
    const watcher = new Database(file, { readonly: true, fileMustExist: true });
    const sending = watcher.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE state = 'sending'`);
    const poll = setInterval(() => {
      if ((sending.get() as { n: number }).n > 0) {
        clearInterval(poll);
        timers.push(setTimeout(killNow, 50 + Math.floor(rand() * 300)));
      }
    }, 15);
    void done.finally(() => {
      clearInterval(poll);
      watcher.close();
    });
  }
  const run = await done;
  exited = true;
  for (const t of timers) clearTimeout(t);
  return { ...run, killed: run.signal === 'SIGKILL' };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'frontdesk-twilio-kill9-'));
  file = join(dir, 'frontdesk.db');
  fake = await startFakeTwilio({ clock: fakeClock });
  const setup = createTestEngine({ file, now: NOW0 });
  await setup.services.updateSettings({
    settings: { limits: { ...setup.services.getSettings().limits, smsPerMinute: 10_000, callsPerMinute: 10_000, breakerMinDue: 1_000 } },
    actor: 'test',
    confirmUnsafe: ['limits.smsPerMinute', 'limits.callsPerMinute', 'limits.breakerMinDue'],
  });
  const imported = await setup.services.importCsv({ csv: scheduleCsv(schedule()), actor: 'test' });
  expect(imported.created).toBe(SMS_APPTS + CALL_APPTS);
  setup.services.plan();
  const due = setup.db
    .prepare(
      `SELECT channel, COUNT(*) AS n FROM outbox WHERE state = 'pending' AND not_before <= ? AND expires_at > ? GROUP BY channel ORDER BY channel`,
    )
    .all(NOW0, NOW0);
  expect(due).toEqual([
    { channel: 'sms', n: SMS_APPTS },
    { channel: 'voice', n: CALL_APPTS },
  ]);
  setup.close();
  // Builds the CLI bundle now if a source is newer, and loads the SDK once (warm file cache).
  await runCliJson(['status', '--db', file], fakeTwilioEnv(fake));
}, 60_000);

afterAll(async () => {
  await fake?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('kill -9 of `frontdesk dispatch` during slow Twilio responses', () => {
  it('never calls an appointment twice or creates its SMS twice, and every reminder ends final', async () => {
    const seed = Number(process.env.KILL9_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const rand = makeRandom(seed);
    const context = `seed ${seed} (KILL9_SEED=${seed} to replay)`;
    await installFaults(rand, true);
    const started = Date.now();

    let now = NOW0;
    let kills = 0;
    let interrupted = 0;
    /** Rows reconciled as found at the provider (delivery polling later clears the reason, so collect per run). */
    const foundAgain = new Set<number>();
    const noteFound = () =>
      withDb((db) =>
        (
          db.prepare(`SELECT id FROM outbox WHERE reason = 'confirmed with the provider after an interruption'`).all() as { id: number }[]
        ).forEach((r) => foundAgain.add(r.id)),
      );
    for (let k = 0; k < KILLS; k += 1) {
      const run = await dispatchRun(now, k % 2 === 0 ? 'in-flight' : 'random', rand);
      if (run.killed) {
        kills += 1;
        interrupted += withDb(
          (db) => (db.prepare(`SELECT COUNT(*) AS n FROM outbox WHERE state IN ('sending', 'unknown')`).get() as { n: number }).n,
        );
        await sleep(SETTLE_MS);
      } else {
        expect(run.code, `${context}: dispatch exited badly:\n${run.stderr}`).toBe(0);
      }
      noteFound();
      if (withDb((db) => leftToDo(db, now)) === 0 && k >= KILLS / 2) break;
      now += 31 * SECOND + Math.floor(rand() * 9 * SECOND);
    }

    // Clean runs (still slow, no more lost answers) until nothing is in flight or due.
    await installFaults(rand, false);
    let cleanRuns = 0;
    for (; cleanRuns < 6; cleanRuns += 1) {
      now += 31 * SECOND;
      const run = await dispatchRun(now, null, rand);
      expect(run.code, `${context}: clean dispatch failed:\n${run.stderr}`).toBe(0);
      const result = JSON.parse(run.stdout) as { paused: boolean; reason: string | null };
      expect(result, context).toMatchObject({ paused: false, reason: null });
      noteFound();
      if (withDb((db) => leftToDo(db, now)) === 0) break;
    }
    const elapsed = Date.now() - started;

    const log = await fake.requests();
    const state = await fake.state();
    const rows = withDb(
      (db) =>
        db
          .prepare(
            `SELECT o.id, a.external_id AS appointment, o.channel, o.recipient, o.state, o.reason, o.attempts, o.provider_id
             FROM outbox o JOIN appointments a ON a.id = o.appointment_id
             WHERE (a.external_id LIKE 'S%' AND o.channel = 'sms') OR (a.external_id LIKE 'V%' AND o.channel = 'voice') ORDER BY o.id`,
          )
          .all() as {
          id: number;
          appointment: string;
          channel: string;
          recipient: string;
          state: string;
          reason: string | null;
          attempts: number;
          provider_id: string | null;
        }[],
    );
    const ledger = withDb(
      (db) =>
        db.prepare(`SELECT outbox_id, outcome, counts_for_budget FROM contacts ORDER BY id`).all() as {
          outbox_id: number;
          outcome: string;
          counts_for_budget: number;
        }[],
    );

    const countBy = <T>(items: T[], key: (t: T) => string) => {
      const m = new Map<string, number>();
      for (const t of items) m.set(key(t), (m.get(key(t)) ?? 0) + 1);
      return m;
    };
    const smsPosts = countBy(creates(log, 'Messages'), (r) => String(r.form.To));
    const callPosts = countBy(creates(log, 'Calls'), (r) => String(r.form.To));
    const accepted = state.messages.filter((m) => m.direction === 'outbound-api');
    const acceptedSms = countBy(accepted, (m) => m.to);
    const placedCalls = countBy(state.calls, (c) => c.to);
    const summary =
      `${context}: ${kills} kills, ${interrupted} rows caught sending/unknown, ${foundAgain.size} found again at the provider, ${cleanRuns + 1} clean run(s), ${Math.round(elapsed / 1000)} s; ` +
      `${accepted.length} SMS and ${state.calls.length} calls accepted, ${creates(log, 'Messages').length} + ${creates(log, 'Calls').length} creates; ` +
      `final ${JSON.stringify(Object.fromEntries(countBy(rows, (r) => `${r.channel}:${r.state}`)))}`;
    console.info(`twilio kill9: ${summary}`);

    // 1. Never a second call for an appointment (one number each), never one call re-dialled.
    expect(
      [...callPosts].filter(([, n]) => n > 1),
      summary,
    ).toEqual([]);
    expect(
      [...placedCalls].filter(([, n]) => n > 1),
      summary,
    ).toEqual([]);
    // 2. Never a second SMS for an appointment: at most one accepted; at most one blind retry after a lost request.
    expect(
      [...acceptedSms].filter(([, n]) => n > 1),
      summary,
    ).toEqual([]);
    expect(
      [...smsPosts].filter(([, n]) => n > 2),
      summary,
    ).toEqual([]);
    for (let i = 1; i <= SMS_APPTS + CALL_APPTS; i += 1) {
      expect((smsPosts.get(e164(i)) ?? 0) + (callPosts.get(e164(i)) ?? 0) <= (i <= SMS_APPTS ? 2 : 1), `${e164(i)} ${summary}`).toBe(true);
    }

    // 3. Every reminder that was due (the SMS of S*, the call of V*) ends final; `unknown` ones were reconciled.
    expect(rows, summary).toHaveLength(SMS_APPTS + CALL_APPTS);
    expect(
      rows.filter((r) => !FINAL.includes(r.state)),
      summary,
    ).toEqual([]);
    // 4. The ledger of the outbox matches the provider exactly: every accepted SMS/call belongs to one row that is
    // sent/delivered with its sid, and no failed row has anything at the provider.
    const bySid = new Map(rows.filter((r) => r.provider_id).map((r) => [r.provider_id!, r]));
    for (const m of accepted)
      expect(bySid.get(m.sid), `${m.sid} to ${m.to}: ${summary}`).toMatchObject({ recipient: m.to, channel: 'sms' });
    for (const c of state.calls)
      expect(bySid.get(c.sid), `${c.sid} to ${c.to}: ${summary}`).toMatchObject({ recipient: c.to, channel: 'voice' });
    for (const r of rows) {
      if (r.state === 'sent' || r.state === 'delivered')
        expect(r.provider_id, `${r.appointment}: ${summary}`).toMatch(/^(SM|CA)[0-9a-f]{32}$/);
      if (r.state === 'failed') {
        expect(acceptedSms.get(r.recipient) ?? 0, `${r.appointment} failed but was sent: ${summary}`).toBe(0);
        expect(placedCalls.get(r.recipient) ?? 0, `${r.appointment} failed but was called: ${summary}`).toBe(0);
      }
    }
    // 5. At most one counted (budget) ledger attempt per row; none left `unknown`.
    const counted = countBy(
      ledger.filter((l) => l.counts_for_budget === 1),
      (l) => String(l.outbox_id),
    );
    expect(
      [...counted].filter(([, n]) => n > 1),
      summary,
    ).toEqual([]);
    // A call never found again stays `unknown` in the ledger (it may have rung: it keeps counting for the budget)
    // and its row is failed for a human to follow up; every other attempt was resolved.
    const rowById = new Map(rows.map((r) => [r.id, r]));
    for (const l of ledger.filter((x) => x.outcome === 'unknown')) {
      expect(rowById.get(l.outbox_id), `ledger ${l.outbox_id} unknown: ${summary}`).toMatchObject({
        channel: 'voice',
        state: 'failed',
        reason: expect.stringContaining('never re-dialled automatically'),
      });
    }
    // The kills really interrupted sends, and at least one lost answer was found again at the provider.
    expect(kills, summary).toBeGreaterThanOrEqual(9);
    expect(interrupted, summary).toBeGreaterThan(0);
    expect(foundAgain.size, summary).toBeGreaterThan(0);
  }, 170_000);
});
