import { first, run, scalar, sql } from '../sql';
import type { ReadableDB, WritableDB } from '../types';

/** What is stored of a reply (a channel's InboundMessage has these fields). */
export interface InboundRecord {
  readonly providerId: string;
  readonly from: string;
  readonly body: string;
  readonly receivedAt: number;
}

/** True when this provider message was already applied (replies are applied exactly once). */
export function isInboundApplied(db: ReadableDB, providerId: string): boolean {
  return scalar(db, sql`SELECT 1 FROM inbound_messages WHERE provider_id = ${providerId}`) !== undefined;
}

/** Stores a reply as applied; `readAt` null leaves it unread in the inbox (docs/conversations.md#unread). */
export function recordInbound(
  db: WritableDB,
  message: InboundRecord,
  action: string,
  appointmentId: number | null,
  now: number,
  readAt: number | null = null,
): void {
  run(
    db,
    sql`INSERT INTO inbound_messages (provider_id, from_number, body, received_at, action, appointment_id, applied_at, read_at)
     VALUES (${message.providerId}, ${message.from}, ${message.body}, ${message.receivedAt}, ${action}, ${appointmentId}, ${now},
       ${readAt})`,
  );
}

/** The earliest booked, unconfirmed appointment in (from, until] of any patient using this phone number. */
export function nextUnconfirmedAppointmentFor(db: ReadableDB, phone: string, from: number, until: number): number | undefined {
  return first<{ id: number }>(
    db,
    sql`SELECT a.id FROM appointments a JOIN patients p ON p.id = a.patient_id
     WHERE p.phone = ${phone} AND a.status = 'booked' AND a.starts_at > ${from} AND a.starts_at <= ${until}
     ORDER BY a.starts_at LIMIT 1`,
  )?.id;
}
