import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asWritableDB, type WritableDB } from '../../electron/core/db/connection';
import { migrate } from '../../electron/core/db/migrate';

let dir: string;
let db: WritableDB;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'frontdesk-migration-0004-'));
  db = asWritableDB(new Database(join(dir, 'clinic.db')));
  db.pragma('foreign_keys = ON');
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A database as version 2 knew it: a patient, an appointment, an attempt, replies, opt-outs and audit entries. */
function seedVersion2(): void {
  const run = (sql: string, ...args: unknown[]) => db.prepare(sql).run(...args);
  run(`INSERT INTO patients (id, patient_key, name, phone, created_at, updated_at) VALUES (1, 'k1', 'Ann', '+12125550101', 0, 0)`);
  run(`INSERT INTO patients (id, patient_key, name, phone, created_at, updated_at) VALUES (2, 'k2', 'Bob', '+12125550199', 0, 0)`);
  run(`INSERT INTO appointments (id, external_id, patient_id, starts_at, duration_min, status, created_at, updated_at)
       VALUES (1, 'A1', 1, 1000, 30, 'booked', 0, 0)`);
  run(`INSERT INTO contacts (id, appointment_id, rule_id, channel, recipient, attempted_at, outcome, updated_at)
       VALUES (1, 1, 'sms-24h', 'sms', '+12125550101', 500, 'delivered', 500)`);
  // Ann replied STOP, then START; a third number was opted out by the provider (21610).
  run(
    `INSERT INTO inbound_messages (provider_id, from_number, body, received_at, action, applied_at) VALUES ('SM1', '+12125550101', 'STOP', 600, 'opt_out', 601)`,
  );
  run(
    `INSERT INTO inbound_messages (provider_id, from_number, body, received_at, action, applied_at) VALUES ('SM2', '+12125550101', 'START', 700, 'opt_in', 701)`,
  );
  run(
    `INSERT INTO inbound_messages (provider_id, from_number, body, received_at, action, applied_at) VALUES ('SM3', '+12125550101', 'C', 710, 'confirm', 711)`,
  );
  run(`INSERT INTO recipients (address, opted_out_at, opt_out_source, updated_at) VALUES ('+12125550177', 800, 'provider', 800)`);
  run(`INSERT INTO recipients (address, opted_out_at, opt_out_source, updated_at) VALUES ('+12125550101', NULL, 'reply', 701)`);
  run(`INSERT INTO events (at, kind, actor, detail_json) VALUES (900, 'do_not_contact_set', 'desk', '{"patientId":2}')`);
  run(
    `INSERT INTO events (at, kind, actor, detail_json) VALUES (950, 'phone_fixed', 'web', '{"patientId":1,"from":"+12125550100","to":"+12125550101"}')`,
  );
  run(`INSERT INTO events (at, kind, actor, detail_json) VALUES (960, 'import', 'cli', '{}')`);
}

type Consent = {
  at: number;
  patient_id: number | null;
  address: string | null;
  kind: string;
  changes_json: string;
  source: string;
  actor: string;
};

describe('migration 0004 (reports: SMS segments, consent history)', () => {
  it('keeps the ledger, adds a segments column, and carries the known consent history over', () => {
    migrate(db, 2);
    seedVersion2();
    expect(migrate(db, 4)).toBe(4);

    expect(db.prepare(`SELECT id, outcome, segments FROM contacts`).all()).toEqual([{ id: 1, outcome: 'delivered', segments: null }]);
    const events = db
      .prepare(`SELECT at, patient_id, address, kind, changes_json, source, actor FROM consent_events ORDER BY at`)
      .all() as Consent[];
    expect(events).toEqual([
      {
        at: 601,
        patient_id: null,
        address: '+12125550101',
        kind: 'opt_out',
        changes_json: '{"sms_opt_out":[0,1]}',
        source: 'before history',
        actor: 'patient reply from +12125550101',
      },
      {
        at: 701,
        patient_id: null,
        address: '+12125550101',
        kind: 'opt_in',
        changes_json: '{"sms_opt_out":[1,0]}',
        source: 'before history',
        actor: 'patient reply from +12125550101',
      },
      {
        at: 800,
        patient_id: null,
        address: '+12125550177',
        kind: 'opt_out',
        changes_json: '{"sms_opt_out":[0,1]}',
        source: 'before history',
        actor: 'provider',
      },
      {
        at: 900,
        patient_id: 2,
        address: '+12125550199',
        kind: 'do_not_contact',
        changes_json: '{"do_not_contact":[0,1]}',
        source: 'before history',
        actor: 'desk',
      },
      {
        at: 950,
        patient_id: 1,
        address: '+12125550101',
        kind: 'phone_fixed',
        changes_json: '{"phone":["+12125550100","+12125550101"]}',
        source: 'before history',
        actor: 'web',
      },
    ]);
  });

  it('refuses a consent event about nobody, and finds a patient history by index', () => {
    migrate(db, 4);
    expect(() => db.prepare(`INSERT INTO consent_events (at, kind, source, actor) VALUES (1, 'opt_out', 'reply', 'x')`).run()).toThrow(
      /CHECK constraint failed/,
    );
    expect(() =>
      db.prepare(`INSERT INTO consent_events (at, address, kind, source, actor) VALUES (1, '+1', 'shrug', 'reply', 'x')`).run(),
    ).toThrow(/CHECK constraint failed/);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' ');
    expect(plan(`SELECT * FROM consent_events WHERE patient_id = 1`)).toMatch(/USING INDEX consent_events_patient/);
    expect(plan(`SELECT * FROM consent_events WHERE address = '+1'`)).toMatch(/USING INDEX consent_events_address/);
    expect(plan(`SELECT * FROM inbound_messages WHERE from_number = '+1'`)).toMatch(/USING INDEX inbound_messages_from/);
    expect(plan(`SELECT * FROM inbound_messages WHERE received_at >= 1 AND received_at < 2`)).toMatch(
      /USING INDEX inbound_messages_received/,
    );
  });
});
