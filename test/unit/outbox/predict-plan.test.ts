import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { importScheduleWithAudit } from '../../../electron/core/api/import-schedule';
import { ensureClinic } from '../../../electron/core/clinic/clinic-settings';
import { openMemoryDatabase } from '../../../electron/core/db/connection';
import type { WritableDB } from '../../../electron/core/db/types';
import { predictPlan, type PredictedSend } from '../../../electron/core/outbox/predict-plan';
import { setSettleMinutes } from '../../helpers/engine';

const ZONE = 'America/New_York';
const local = (text: string): number => DateTime.fromFormat(text, 'yyyy-MM-dd HH:mm', { zone: ZONE }).toMillis();
/** Thursday 07:00, before sending hours (08:00–21:00) for texts and calls. */
const NOW = local('2026-11-26 07:00');
const HOUR = 3_600_000;
const ALL = { email: true, sms: true, voice: true };

/** A1 has phone and email; F1 and F2 share one phone (a family); C1 is already confirmed. */
function scheduleDb(): WritableDB {
  const db = openMemoryDatabase();
  ensureClinic(db, NOW, ZONE);
  // Imported and predicted at the same instant: no settle time (it has its own tests).
  setSettleMinutes(db, 0);
  const csv = [
    'external_id,patient_name,phone,email,starts_at,duration_min,provider,status',
    'A1,Ann One,(212) 555-0101,a1@example.com,2026-11-27 14:00,30,Dr,booked',
    'F1,Fay Family,(212) 555-0102,,2026-11-27 15:00,30,Dr,booked',
    'F2,Fred Family,(212) 555-0102,,2026-11-27 16:00,30,Dr,booked',
    'C1,Cal Confirmed,(212) 555-0103,c1@example.com,2026-11-27 14:00,30,Dr,confirmed',
  ].join('\n');
  importScheduleWithAudit(db, NOW, { csv: `${csv}\n`, actor: 'test' });
  return db;
}

const view = (sends: readonly PredictedSend[]) =>
  sends.map((s) => `${s.appointment.external_id} ${s.row.rule_id} ${DateTime.fromMillis(s.at, { zone: ZONE }).toFormat('MM-dd HH:mm')}`);

function everyRow(db: WritableDB): unknown {
  const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all();
  return Object.fromEntries((tables as string[]).map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY 1`).all()]));
}

describe('predictPlan', () => {
  it("predicts what the planner and the dispatcher's final checks would send, in send order", () => {
    const db = scheduleDb();
    expect(view(predictPlan(db, NOW, NOW + 36 * HOUR, ALL))).toEqual([
      // Email has no quiet hours; its window is already open.
      'A1 email-48h 11-26 07:00',
      'C1 email-48h 11-26 07:00',
      // Texts wait for their window (24 h before); the confirmed patient gets none.
      'A1 sms-24h 11-26 14:00',
      'F1 sms-24h 11-26 15:00',
      // One text or call a day per number: the family's second text waits for the next sending morning,
      // and neither family call fits that day any more.
      'F2 sms-24h 11-27 08:00',
      'A1 voice-2h 11-27 12:00',
    ]);
  });

  it('writes nothing: the planner run and the simulated ledger rows are rolled back', () => {
    const db = scheduleDb();
    const before = everyRow(db);
    expect(predictPlan(db, NOW, NOW + 36 * HOUR, ALL)).toHaveLength(6);
    expect(everyRow(db)).toEqual(before);
    expect(db.inTransaction).toBe(false);
    // Run twice, the same answer: the first run left no budget used and no row planned.
    expect(view(predictPlan(db, NOW, NOW + 36 * HOUR, ALL))).toHaveLength(6);
  });

  it('stops before `until` and leaves out channels that are not configured', () => {
    const db = scheduleDb();
    expect(view(predictPlan(db, NOW, local('2026-11-26 15:00'), ALL))).toEqual([
      'A1 email-48h 11-26 07:00',
      'C1 email-48h 11-26 07:00',
      'A1 sms-24h 11-26 14:00',
    ]);
    expect(predictPlan(db, NOW, NOW + 36 * HOUR, { ...ALL, sms: false }).filter((s) => s.row.channel === 'sms')).toEqual([]);
  });
});
