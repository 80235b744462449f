import type { Channel } from '../../../shared/domain/types';
import { importScheduleWithAudit } from '../../../electron/core/api/import-schedule';
import { openMemoryDatabase, type WritableDB } from '../../../electron/core/db/connection';
import { ensureClinic } from '../../../electron/core/clinic/clinic-settings';
import type { OutboxRow } from '../../../electron/core/db/repos/outbox-repo';
import { getPlanningAppointment, type PlanningAppointment } from '../../../electron/core/db/repos/planning-repo';
import { HOUR_MS } from '../../../electron/core/platform/clock';
import { e164, local, phone, scheduleCsv, ZONE } from '../../helpers/engine';

/** Friday 27 November 2026, 11:00 in New York: inside sending hours. */
export const NOW = local('2026-11-27 11:00');
/** Patient 1's number and address (the appointment A1 of `scheduleDb`). */
export const NUMBER = e164(1);
export const ADDRESS = 'p1@example.com';

const RULE_OF: Record<Channel, string> = { email: 'email-48h', sms: 'sms-24h', voice: 'voice-2h' };

/**
 * An in-memory schedule in New York with appointment A1 (Patient 1, tomorrow 10:00) and, when asked,
 * more appointments `A2…` on the same day for other patients. No outbox rows: tests add what they need.
 */
export function scheduleDb(extraAppointments = 0, startsAt = '2026-11-28 10:00'): WritableDB {
  const db = openMemoryDatabase();
  ensureClinic(db, NOW, ZONE);
  const rows = Array.from({ length: 1 + extraAppointments }, (_, i) => ({
    id: `A${i + 1}`,
    name: `Patient ${i + 1}`,
    phone: phone(i + 1),
    email: `p${i + 1}@example.com`,
    startsAt,
  }));
  const { summary } = importScheduleWithAudit(db, NOW, { csv: scheduleCsv(rows), actor: 'test' });
  if (summary.rejected.length > 0) throw new Error(`fixture rows rejected: ${JSON.stringify(summary.rejected)}`);
  return db;
}

/** The planning view of appointment `externalId`. */
export function planningAppointment(db: WritableDB, externalId = 'A1'): PlanningAppointment {
  const id = db.prepare(`SELECT id FROM appointments WHERE external_id = ?`).pluck().get(externalId) as number;
  return getPlanningAppointment(db, id)!;
}

/** A due outbox row of appointment `appt` on `channel` (not in the database: the final checks take it as given). */
export function dueRow(appt: PlanningAppointment, channel: Channel, over: Partial<OutboxRow> = {}): OutboxRow {
  return {
    id: 1,
    idempotency_key: `${appt.id}:${RULE_OF[channel]}`,
    appointment_id: appt.id,
    rule_id: RULE_OF[channel],
    channel,
    recipient: channel === 'email' ? ADDRESS : NUMBER,
    not_before: NOW - HOUR_MS,
    expires_at: NOW + 20 * HOUR_MS,
    state: 'pending',
    reason: null,
    attempts: 0,
    lease_token: null,
    claimed_at: null,
    handed_at: null,
    provider_id: null,
    last_error: null,
    ...over,
  };
}

/** A ledger attempt, as a claim writes it (outcome unknown until recorded; counted for the budget unless told). */
export function seedAttempt(
  db: WritableDB,
  a: { appointmentId: number; channel: Channel; recipient: string; at: number; countsForBudget?: boolean },
): void {
  db.prepare(
    `INSERT INTO contacts (outbox_id, appointment_id, rule_id, channel, recipient, attempted_at, outcome, counts_for_budget, updated_at)
     VALUES (NULL, ?, ?, ?, ?, ?, 'unknown', ?, ?)`,
  ).run(a.appointmentId, RULE_OF[a.channel], a.channel, a.recipient, a.at, a.countsForBudget === false ? 0 : 1, a.at);
}
