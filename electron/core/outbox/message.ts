import type { ClinicSettings } from '../../../shared/domain/dto';
import type { OutgoingMessage } from '../channels/channel';
import { renderMessage } from '../channels/templates';
import type { OutboxRow } from '../db/repos/outbox-repo';
import type { PlanningAppointment } from '../db/repos/planning-repo';

/** Builds the message a transport sends, from the row and the clinic's templates (docs/safeguards.md#minimal-content). */
export function buildMessage(settings: ClinicSettings, row: OutboxRow, appt: PlanningAppointment): OutgoingMessage {
  const rendered = renderMessage(
    row.channel,
    {
      clinicName: settings.name,
      clinicPhone: settings.phone,
      startsAt: appt.starts_at,
      timezone: appt.patient_timezone ?? settings.timezone,
      patientName: appt.patient_name,
      language: appt.patient_language,
    },
    settings.templates,
    settings.defaultLanguage,
  );
  return {
    outboxId: row.id,
    idempotencyKey: row.idempotency_key,
    channel: row.channel,
    to: row.recipient,
    body: rendered.body,
    language: rendered.language,
    ...(rendered.subject !== undefined ? { subject: rendered.subject } : {}),
    ...(rendered.html !== undefined ? { html: rendered.html } : {}),
    expiresAt: row.expires_at,
    claimedAt: row.claimed_at ?? 0,
  };
}
