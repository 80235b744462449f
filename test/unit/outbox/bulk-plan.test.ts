import { describe, expect, it } from 'vitest';
import { importScheduleWithAudit } from '../../../electron/core/api/import-schedule';
import { openMemoryDatabase, type WritableDB } from '../../../electron/core/db/connection';
import { ensureClinic, getClinicSettings, saveClinicSettings } from '../../../electron/core/clinic/clinic-settings';
import { getExtraSettings } from '../../../electron/core/db/repos/clinic-repo';
import { getPlanningAppointment } from '../../../electron/core/db/repos/planning-repo';
import { planAppointment } from '../../../electron/core/outbox/appointment-plan';
import { planPolicy, runPlanner } from '../../../electron/core/outbox/planner';
import { local, phone, scheduleCsv, ZONE } from '../../helpers/engine';

const NOW = local('2026-11-27 09:00');
const CSV = scheduleCsv([
  { id: 'B1', name: 'Both Channels', phone: phone(1), email: 'b1@example.com', startsAt: '2026-11-29 10:00' },
  { id: 'B2', name: 'Phone Only', phone: phone(2), startsAt: '2026-11-28 10:00' }, // email window already closed
  { id: 'B3', name: 'Email Only', email: 'b3@example.com', startsAt: '2026-11-30 09:00' },
  { id: 'B4', name: 'Confirmed', phone: phone(4), email: 'b4@example.com', startsAt: '2026-11-29 11:00', status: 'confirmed' },
  { id: 'B5', name: 'Cancelled', phone: phone(5), startsAt: '2026-11-29 12:00', status: 'cancelled' },
  { id: 'B6', name: 'Past', phone: phone(6), startsAt: '2026-11-26 12:00' },
  { id: 'B7', name: 'Soon', phone: phone(7), startsAt: '2026-11-27 10:00' }, // only the call window (until 09:30) is open
]);

function scheduleDb(): WritableDB {
  const db = openMemoryDatabase();
  ensureClinic(db, NOW, ZONE);
  const { rules, ...clinic } = getClinicSettings(db);
  void rules;
  saveClinicSettings(db, { ...clinic, timezone: ZONE }, getExtraSettings(db), NOW);
  importScheduleWithAudit(db, NOW, { csv: CSV, actor: 'test' });
  return db;
}

function outbox(db: WritableDB) {
  return db
    .prepare(
      `SELECT idempotency_key, appointment_id, rule_id, channel, recipient, not_before, expires_at, state, reason FROM outbox ORDER BY idempotency_key`,
    )
    .all();
}

describe('bulk planning path', () => {
  it('inserts exactly what the per-appointment planner would', () => {
    const bulk = scheduleDb();
    expect(runPlanner(bulk, NOW).enqueued).toBeGreaterThan(0);

    const perRow = scheduleDb();
    const policy = planPolicy(perRow);
    const ids = perRow.prepare(`SELECT id FROM appointments ORDER BY id`).pluck().all() as number[];
    for (const id of ids) planAppointment(perRow, getPlanningAppointment(perRow, id)!, policy, NOW);

    expect(outbox(bulk)).toEqual(outbox(perRow));
    // B1: 3; B2: 3 (email window still open until 10:00, suppressed: no address); B3: 3 (texts and call
    // suppressed: no phone); B4 confirmed: the email only; B5 cancelled and B6 past: none; B7: the call only.
    expect(outbox(bulk).length).toBe(3 + 3 + 3 + 1 + 0 + 0 + 1);
  });

  it('marks the batch planned, so a second run visits nothing', () => {
    const db = scheduleDb();
    runPlanner(db, NOW);
    expect(db.prepare(`SELECT COUNT(*) FROM appointments WHERE needs_plan = 1`).pluck().get()).toBe(0);
    expect(db.prepare(`SELECT COUNT(*) FROM appointments WHERE planned_start IS NULL AND status != 'cancelled'`).pluck().get()).toBe(0);
    expect(runPlanner(db, NOW)).toEqual({ enqueued: 0, existing: 0, cancelled: 0 });
  });
});
