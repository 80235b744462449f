import type { InboundMessage } from '../../channels/channel';
import type { DB } from '../connection';
import { stmt } from '../sql';

/** True when this provider message was already applied (replies are applied exactly once). */
export function isInboundApplied(db: DB, providerId: string): boolean {
  return stmt(db, `SELECT 1 FROM inbound_messages WHERE provider_id = ?`).get(providerId) !== undefined;
}

export function recordInbound(db: DB, message: InboundMessage, action: string, appointmentId: number | null, now: number): void {
  stmt(
    db,
    `INSERT INTO inbound_messages (provider_id, from_number, body, received_at, action, appointment_id, applied_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(message.providerId, message.from, message.body, message.receivedAt, action, appointmentId, now);
}

/** The earliest booked, unconfirmed appointment in (from, until] of any patient using this phone number. */
export function nextUnconfirmedAppointmentFor(db: DB, phone: string, from: number, until: number): number | undefined {
  const row = stmt(
    db,
    `SELECT a.id FROM appointments a JOIN patients p ON p.id = a.patient_id
     WHERE p.phone = ? AND a.status = 'booked' AND a.starts_at > ? AND a.starts_at <= ? ORDER BY a.starts_at LIMIT 1`,
  ).get(phone, from, until) as { id: number } | undefined;
  return row?.id;
}
