import { DateTime } from 'luxon';
import type { TemplateKind, TemplatePreview, TestMessageResult } from '../../../shared/domain/dto';
import type { Channel } from '../../../shared/domain/types';
import type { Transports } from '../channels/channel';
import type { ControlStore } from '../control/control-store';
import { previewTemplate, renderMessage, type MessageContext } from '../channels/templates';
import type { ReadableDB, WritableDB } from '../db/types';
import { getClinicSettings } from '../clinic/clinic-settings';
import { getExtraSettings } from '../db/repos/clinic-repo';
import { countTestMessagesTo, recordEvent } from '../db/repos/events-repo';
import { getRecipient } from '../db/repos/recipients-repo';
import { badRequest, UserError } from '../platform/errors';
import { getReportSettings } from '../reports/report-settings';

/**
 * Test messages per address per clinic day. Enough to try SMS and a call and fix a typo; few enough
 * that the button cannot be used to flood a phone. Counted from the audit log, so a restart resets nothing.
 */
export const TEST_MESSAGES_PER_ADDRESS_PER_DAY = 3;

/** A sample appointment for previews: tomorrow at 10:30 clinic time. */
function sampleContext(db: ReadableDB, now: number): MessageContext {
  const s = getClinicSettings(db);
  const tomorrow = DateTime.fromMillis(now, { zone: s.timezone })
    .plus({ days: 1 })
    .set({ hour: 10, minute: 30, second: 0, millisecond: 0 });
  return { clinicName: s.name, clinicPhone: s.phone, startsAt: tomorrow.toMillis(), timezone: s.timezone, patientName: 'Sample Patient' };
}

/**
 * A test text or call keeps the promises a reminder keeps: never at night (quiet hours in the
 * clinic's zone, as it has no patient), never to a number that sent STOP, and only a few a day.
 */
function refuseUnsafeTestMessage(db: ReadableDB, now: number, channel: Channel, to: string): void {
  const s = getClinicSettings(db);
  const local = DateTime.fromMillis(now, { zone: s.timezone });
  if (channel !== 'email') {
    const clock = local.toFormat('HH:mm');
    if (clock < s.sendFrom || clock >= s.sendUntil) {
      throw new UserError(
        'SAFEGUARD_BLOCKED',
        `quiet hours: texts and calls go out only ${s.sendFrom}–${s.sendUntil} clinic time (it is ${clock}); try again then, or test by email`,
      );
    }
    if (getRecipient(db, to)?.opted_out_at != null)
      throw new UserError('SAFEGUARD_BLOCKED', `${to} has opted out (STOP); no text or call goes to it`);
  }
  const dayStart = local.startOf('day');
  const sentToday = countTestMessagesTo(db, to, dayStart.toMillis(), dayStart.plus({ days: 1 }).toMillis());
  if (sentToday >= TEST_MESSAGES_PER_ADDRESS_PER_DAY) {
    throw new UserError('SAFEGUARD_BLOCKED', `${to} has had ${sentToday} test messages today, the most allowed; try again tomorrow`);
  }
}

/**
 * A template rendered as a patient in `language` would get it (default: the clinic's language); an SMS also gets
 * its segments priced at the reports' price per segment (docs/languages.md#sms-length-gsm-7-and-ucs-2).
 */
export function previewClinicTemplate(db: ReadableDB, now: number, kind: TemplateKind, text: string, language?: string): TemplatePreview {
  const preview = previewTemplate(kind, text, sampleContext(db, now), language ?? getClinicSettings(db).defaultLanguage);
  if (preview.segments === undefined) return preview;
  const { prices } = getReportSettings(db);
  return { ...preview, estimatedCost: Math.round(preview.segments * prices.smsPerSegment * 10_000) / 10_000, currency: prices.currency };
}

/**
 * "Send a test message to my phone": straight through the configured transport, so a clinic can
 * check its Twilio or SMTP set-up. It is not a patient contact (no ledger row) but it is audited,
 * and the kill switch, quiet hours, opt-out and a small daily limit apply to it (refuseUnsafeTestMessage).
 */
export async function sendTestMessage(
  db: WritableDB,
  now: number,
  transports: Transports,
  input: { channel: Channel; to: string; actor: string },
  control: Pick<ControlStore, 'isPaused'>,
): Promise<TestMessageResult> {
  if (control.isPaused()) throw new UserError('PAUSED', 'Sending is paused; resume before sending a test message');
  const transport = transports[input.channel];
  if (!transport) throw badRequest(`${input.channel} is not configured; add its settings first`);
  let to = input.to.trim();
  if (input.channel !== 'email') {
    const { normalizePhone } = await import('../schedule/phone');
    const parsed = normalizePhone(to, getExtraSettings(db).defaultRegion ?? 'US');
    if (!parsed.ok) throw badRequest(parsed.reason);
    to = parsed.e164;
  } else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(to)) {
    throw badRequest(`"${to}" is not an email address`);
  }
  refuseUnsafeTestMessage(db, now, input.channel, to);
  const ctx = sampleContext(db, now);
  const settings = getClinicSettings(db);
  const rendered = renderMessage(input.channel, ctx, settings.templates, settings.defaultLanguage);
  const res = await transport.send({
    outboxId: 0,
    idempotencyKey: `test:${now}`,
    channel: input.channel,
    to,
    body: `[Test] ${rendered.body}`,
    language: rendered.language,
    ...(rendered.subject !== undefined ? { subject: `[Test] ${rendered.subject}` } : {}),
    expiresAt: now + 10 * 60_000,
    claimedAt: now,
  });
  const result: TestMessageResult =
    res.kind === 'accepted'
      ? { channel: input.channel, to, outcome: res.simulated ? 'simulated' : 'sent', providerId: res.providerId, error: null }
      : { channel: input.channel, to, outcome: res.kind === 'unknown' ? 'unknown' : 'failed', providerId: null, error: res.error };
  recordEvent(db, now, 'test_message', input.actor, { channel: input.channel, to, outcome: result.outcome, error: result.error });
  return result;
}
