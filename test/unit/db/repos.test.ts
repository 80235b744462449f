import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureClinic, getClinicSettings, saveClinicSettings } from '../../../electron/core/clinic/clinic-settings';
import { openMemoryDatabase } from '../../../electron/core/db/connection';
import { migrateControl } from '../../../electron/core/db/control-schema';
import { clinicRowExists, countRules, getExtraSettings, listRules, replaceRules } from '../../../electron/core/db/repos/clinic-repo';
import {
  deleteLease,
  insertAudit,
  selectAudit,
  selectLease,
  selectPausedFlag,
  selectPauseRow,
  upsertLease,
  writePauseRow,
} from '../../../electron/core/db/repos/control-repo';
import { insertEngineRow, readLegacyControlState, tableExists } from '../../../electron/core/db/repos/engine-repo';
import { createStage, deleteStage, insertClaim, insertStagedRow } from '../../../electron/core/db/repos/import-stage-repo';
import { isInboundApplied, nextUnconfirmedAppointmentFor, recordInbound } from '../../../electron/core/db/repos/inbound-repo';
import { insertOutboxRow, listOutboxInKeyRange, listOutboxInKeyRanges } from '../../../electron/core/db/repos/outbox-repo';
import { insertNeverPlannedRange, markRangePlanned } from '../../../electron/core/db/repos/planning-repo';
import { findSimulatedMessageSince, insertSimulatedMessage } from '../../../electron/core/db/repos/simulated-repo';
import { scalar, sql } from '../../../electron/core/db/sql';
import { asWritableDB, type WritableDB } from '../../../electron/core/db/types';
import { DEFAULT_LIMITS, DEFAULT_RULES } from '../../../electron/core/rules/defaults';
import { appointmentKeyRange, idempotencyKey } from '../../../electron/core/rules/windows';
import { planOf, preparedBy } from '../../helpers/query-plan';

const NOW = Date.UTC(2026, 10, 25, 17, 0);
const HOUR = 3_600_000;
const opened: WritableDB[] = [];
afterEach(() => {
  while (opened.length > 0) opened.pop()!.close();
});

function schedule(): WritableDB {
  const db = openMemoryDatabase();
  opened.push(db);
  return db;
}

function count(db: WritableDB, table: 'outbox' | 'import_stage_rows' | 'import_stage_claims' | 'simulated_messages'): number {
  return db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).pluck().get() as number;
}

/** Patient `id` with this phone and email, and appointment `id` starting at `startsAt`. */
function seed(db: WritableDB, id: number, startsAt: number, opts: { phone?: string | null; email?: string | null; status?: string } = {}) {
  db.prepare(`INSERT INTO patients (id, patient_key, name, phone, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, 0)`).run(
    id,
    `k${id}`,
    `Patient ${id}`,
    opts.phone === undefined ? `+1212555${String(id).padStart(4, '0')}` : opts.phone,
    opts.email === undefined ? `p${id}@example.com` : opts.email,
  );
  db.prepare(
    `INSERT INTO appointments (id, external_id, patient_id, starts_at, duration_min, status, needs_plan, created_at, updated_at)
     VALUES (?, ?, ?, ?, 30, ?, 1, 0, 0)`,
  ).run(id, `A${id}`, id, startsAt, opts.status ?? 'booked');
}

function outboxRow(appointmentId: number, ruleId: string) {
  return {
    key: idempotencyKey(appointmentId, ruleId, NOW + 48 * HOUR),
    appointmentId,
    ruleId,
    channel: 'sms' as const,
    recipient: '+12125550000',
    notBefore: NOW,
    expiresAt: NOW + HOUR,
    state: 'pending' as const,
    reason: null,
  };
}

describe('outbox rows by key range', () => {
  it("finds exactly one appointment's rows (1 is not 10 or 100), on the UNIQUE key index", () => {
    const db = schedule();
    for (const id of [1, 10, 100, 2]) seed(db, id, NOW + 48 * HOUR);
    for (const id of [1, 10, 100, 2]) for (const rule of ['sms-24h', 'email-48h']) insertOutboxRow(db, outboxRow(id, rule), NOW);
    expect(listOutboxInKeyRange(db, appointmentKeyRange(1)).map((r) => [r.appointment_id, r.rule_id])).toEqual([
      [1, 'sms-24h'],
      [1, 'email-48h'],
    ]);
    expect(listOutboxInKeyRanges(db, [1, 10, 7].map(appointmentKeyRange)).map((r) => r.appointment_id)).toEqual([1, 1, 10, 10]);

    const fresh = schedule();
    const [text] = preparedBy(fresh, () => listOutboxInKeyRange(fresh, appointmentKeyRange(1)));
    expect(planOf(fresh, text!)).toMatch(/SEARCH outbox USING INDEX outbox_idempotency_key \(idempotency_key>\? AND idempotency_key<\?\)/);
  });
});

describe('the bulk planning insert (planning-repo)', () => {
  const SMS = { id: 'sms-24h', channel: 'sms', openMs: 24 * HOUR, closeMs: 2 * HOUR, onlyIfUnconfirmed: true };
  const EMAIL = { id: 'email-48h', channel: 'email', openMs: 48 * HOUR, closeMs: 24 * HOUR, onlyIfUnconfirmed: false };

  it('inserts one row per open rule of each flagged, never-planned appointment in the id range, with the planner key', () => {
    const db = schedule();
    const start = NOW + 30 * HOUR;
    seed(db, 1, start);
    seed(db, 2, start, { email: null });
    seed(db, 3, start, { status: 'confirmed' });
    seed(db, 4, start, { status: 'cancelled' });
    seed(db, 5, start); // outside the id range
    expect(insertNeverPlannedRange(db, [SMS, EMAIL], NOW, 1, 4)).toBe(5);
    const rows = db
      .prepare(`SELECT idempotency_key, appointment_id, rule_id, recipient, not_before, expires_at, state, reason FROM outbox`)
      .all();
    expect(rows).toEqual([
      {
        idempotency_key: idempotencyKey(1, 'email-48h', start),
        appointment_id: 1,
        rule_id: 'email-48h',
        recipient: 'p1@example.com',
        not_before: start - 48 * HOUR,
        expires_at: start - 24 * HOUR,
        state: 'pending',
        reason: null,
      },
      {
        idempotency_key: idempotencyKey(1, 'sms-24h', start),
        appointment_id: 1,
        rule_id: 'sms-24h',
        recipient: '+12125550001',
        not_before: start - 24 * HOUR,
        expires_at: start - 2 * HOUR,
        state: 'pending',
        reason: null,
      },
      {
        idempotency_key: idempotencyKey(2, 'email-48h', start),
        appointment_id: 2,
        rule_id: 'email-48h',
        recipient: '',
        not_before: start - 48 * HOUR,
        expires_at: start - 24 * HOUR,
        state: 'suppressed',
        reason: 'no email address',
      },
      {
        idempotency_key: idempotencyKey(2, 'sms-24h', start),
        appointment_id: 2,
        rule_id: 'sms-24h',
        recipient: '+12125550002',
        not_before: start - 24 * HOUR,
        expires_at: start - 2 * HOUR,
        state: 'pending',
        reason: null,
      },
      {
        idempotency_key: idempotencyKey(3, 'email-48h', start),
        appointment_id: 3,
        rule_id: 'email-48h',
        recipient: 'p3@example.com',
        not_before: start - 48 * HOUR,
        expires_at: start - 24 * HOUR,
        state: 'pending',
        reason: null,
      },
    ]);
    // Idempotent by the key, and a marked range is not planned again.
    expect(insertNeverPlannedRange(db, [SMS, EMAIL], NOW, 1, 4)).toBe(0);
    markRangePlanned(db, 1, 4);
    db.prepare(`DELETE FROM outbox`).run();
    expect(insertNeverPlannedRange(db, [SMS, EMAIL], NOW, 1, 5)).toBe(2);
  });

  it('skips a rule whose window has already closed', () => {
    const db = schedule();
    seed(db, 1, NOW + 10 * HOUR); // the email window closed 14 h ago
    expect(insertNeverPlannedRange(db, [SMS, EMAIL], NOW, 1, 1)).toBe(1);
  });

  it('walks the planner work index and looks patients up by primary key', () => {
    const db = schedule();
    const texts = preparedBy(db, () => insertNeverPlannedRange(db, [SMS], NOW, 1, 10));
    const plan = planOf(db, texts.find((t) => t.includes('INSERT INTO outbox'))!);
    expect(plan).toMatch(/SEARCH a USING INDEX appointments_needs_plan \(id>\? AND id<\?\)/);
    expect(plan).toMatch(/SEARCH p USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    expect(plan).not.toMatch(/SCAN (a|p|appointments|patients)\b/);
  });
});

describe('the simulate transport provider table (simulated-repo)', () => {
  it('records a send and finds the newest one for an outbox row made since a claim', () => {
    const db = schedule();
    seed(db, 1, NOW + 48 * HOUR);
    insertOutboxRow(db, outboxRow(1, 'sms-24h'), NOW);
    const message = { outboxId: 1, channel: 'sms' as const, to: '+12125550001', body: 'Hi' };
    const first = insertSimulatedMessage(db, message, NOW);
    const second = insertSimulatedMessage(db, message, NOW + 5);
    expect(second).toBe(first + 1);
    expect(db.prepare(`SELECT outbox_id, channel, recipient, body, created_at FROM simulated_messages WHERE id = ?`).get(first)).toEqual({
      outbox_id: 1,
      channel: 'sms',
      recipient: '+12125550001',
      body: 'Hi',
      created_at: NOW,
    });
    expect(findSimulatedMessageSince(db, 1, NOW)).toBe(second);
    expect(findSimulatedMessageSince(db, 1, NOW + 6)).toBeUndefined();
    expect(findSimulatedMessageSince(db, 2, 0)).toBeUndefined();
  });
});

describe('inbound replies (inbound-repo)', () => {
  it('records a reply once and finds the next unconfirmed appointment of that phone', () => {
    const db = schedule();
    seed(db, 1, NOW + 3 * HOUR, { phone: '+12125550100' });
    seed(db, 2, NOW + 2 * HOUR, { phone: '+12125550100' });
    seed(db, 3, NOW + HOUR, { phone: '+12125550100', status: 'confirmed' });
    expect(nextUnconfirmedAppointmentFor(db, '+12125550100', NOW, NOW + 48 * HOUR)).toBe(2);
    expect(nextUnconfirmedAppointmentFor(db, '+12125550100', NOW, NOW + HOUR)).toBeUndefined();
    const reply = { providerId: 'SM1', from: '+12125550100', body: 'C', receivedAt: NOW };
    expect(isInboundApplied(db, 'SM1')).toBe(false);
    recordInbound(db, reply, 'confirmed', 2, NOW + 1);
    expect(isInboundApplied(db, 'SM1')).toBe(true);
    expect(() => recordInbound(db, reply, 'confirmed', 2, NOW + 2)).toThrow(/UNIQUE|PRIMARY KEY/);
  });
});

describe('the import stage (import-stage-repo)', () => {
  const row = (line: number) => ({
    line,
    external_id: `E${line}`,
    patient_key: 'k',
    starts_at: NOW,
    duration_min: 30,
    provider: '',
    status: 'booked' as const,
  });

  it("deletes one stage's rows and keeps another's; the last stage empties the tables", () => {
    const db = schedule();
    const one = createStage(db);
    const two = createStage(db);
    for (const stage of [one, two])
      for (const line of [2, 3]) {
        insertStagedRow(db, stage, row(line));
        insertClaim(db, stage, `E${line}`, line);
      }
    deleteStage(db, one);
    expect([count(db, 'import_stage_rows'), count(db, 'import_stage_claims')]).toEqual([2, 2]);
    deleteStage(db, two);
    expect([count(db, 'import_stage_rows'), count(db, 'import_stage_claims')]).toEqual([0, 0]);
  });
});

describe('the clinic row (clinic-repo) and its defaults (clinic/clinic-settings)', () => {
  it('ensureClinic creates the row, the engine row and the default rules once, in one transaction', () => {
    const db = schedule();
    expect(clinicRowExists(db)).toBe(false);
    let asked = 0;
    expect(ensureClinic(db, NOW, () => ((asked += 1), 'America/Chicago'))).toBe('America/Chicago');
    expect(ensureClinic(db, NOW + 1, () => ((asked += 1), 'Europe/Paris'))).toBeUndefined();
    expect(asked).toBe(1);
    expect(db.inTransaction).toBe(false);
    expect(listRules(db)).toEqual(DEFAULT_RULES);
    expect(readLegacyControlState(db).engine).toMatchObject({ paused: 0 });
    const settings = getClinicSettings(db);
    expect(settings).toMatchObject({ timezone: 'America/Chicago', limits: DEFAULT_LIMITS, country: 'US', allowedCountries: ['US'] });
  });

  it('ensureClinic writes nothing when it fails half way (the service owns one transaction)', () => {
    const db = schedule();
    db.exec(`CREATE TRIGGER no_rules BEFORE INSERT ON rules BEGIN SELECT RAISE(ABORT, 'rules refused'); END;`);
    expect(() => ensureClinic(db, NOW, 'UTC')).toThrow(/rules refused/);
    expect(clinicRowExists(db)).toBe(false);
    expect(tableExists(db, 'engine') && scalar(db, sql`SELECT COUNT(*) FROM engine`)).toBe(0);
  });

  it('fills limits a stored row lacks with the defaults of this build', () => {
    const db = schedule();
    ensureClinic(db, NOW, 'UTC');
    db.prepare(`UPDATE clinic SET limits_json = '{"smsOrCallPerDay": 2}'`).run();
    expect(getClinicSettings(db).limits).toEqual({ ...DEFAULT_LIMITS, smsOrCallPerDay: 2 });
  });

  it('stores the allowed countries only when they are more than the clinic country', () => {
    const db = schedule();
    ensureClinic(db, NOW, 'UTC');
    const { rules, ...settings } = getClinicSettings(db);
    saveClinicSettings(db, { ...settings, country: 'CA', allowedCountries: ['CA'] }, { studio: true }, NOW);
    expect(getExtraSettings(db)).toEqual({ studio: true, defaultRegion: 'CA' });
    saveClinicSettings(db, { ...settings, country: 'CA', allowedCountries: ['CA', 'US'] }, getExtraSettings(db), NOW);
    expect(getExtraSettings(db)).toEqual({ studio: true, defaultRegion: 'CA', allowedCountries: ['CA', 'US'] });
    expect(getClinicSettings(db)).toMatchObject({ country: 'CA', allowedCountries: ['CA', 'US'], rules });
  });

  it('replaceRules swaps every rule; insertEngineRow keeps an existing row', () => {
    const db = schedule();
    replaceRules(db, DEFAULT_RULES, NOW);
    replaceRules(db, [DEFAULT_RULES[0]!], NOW);
    expect(countRules(db)).toBe(1);
    insertEngineRow(db, NOW);
    db.prepare(`UPDATE engine SET paused = 1`).run();
    insertEngineRow(db, NOW + 1);
    expect(readLegacyControlState(db).engine).toMatchObject({ paused: 1 });
  });
});

describe('the control file (control-repo)', () => {
  it('keeps the pause row, the leases and the audit', () => {
    const db = asWritableDB(new Database(':memory:'));
    opened.push(db);
    migrateControl(db);
    expect(selectPauseRow(db)).toBeUndefined();
    expect(selectPausedFlag(db)).toBe(false);
    const paused = {
      paused: 1,
      pause_kind: 'manual' as const,
      pause_reason: 'r',
      paused_at: NOW,
      paused_by: 'me',
      breaker_reviewed_until: null,
    };
    writePauseRow(db, paused, NOW);
    expect(selectPauseRow(db)).toEqual(paused);
    expect(selectPausedFlag(db)).toBe(true);
    writePauseRow(db, { ...paused, paused: 0 }, NOW + 1);
    expect(selectPausedFlag(db)).toBe(false);

    const lease = { holder: 'h1', pid: 7, hostname: 'desk', expires_at: NOW + 60_000 };
    upsertLease(db, 'sender', lease);
    upsertLease(db, 'sender', { ...lease, expires_at: NOW + 120_000 });
    expect(selectLease(db, 'sender')).toEqual({ ...lease, expires_at: NOW + 120_000 });
    deleteLease(db, 'sender', 'someone else');
    expect(selectLease(db, 'sender')).toBeDefined();
    deleteLease(db, 'sender', 'h1');
    expect(selectLease(db, 'sender')).toBeUndefined();

    insertAudit(db, NOW, 'paused', 'me', { why: 'test' });
    insertAudit(db, NOW + 1, 'resumed', 'me', {});
    expect(selectAudit(db, 10).map((a) => [a.kind, JSON.parse(a.detail_json)])).toEqual([
      ['resumed', {}],
      ['paused', { why: 'test' }],
    ]);
  });
});
