import type { TemplateKind, TemplatePreview, TestMessageResult } from '../../../shared/domain/dto';
import type { Channel } from '../../../shared/domain/types';
import type { Transports } from '../channels/channel';
import type { ControlStore } from '../control/control-store';
import { previewTemplate, renderMessage, type MessageContext } from '../channels/templates';
import type { DB } from '../db/connection';
import { getClinicSettings, getExtraSettings } from '../db/repos/clinic-repo';
import { recordEvent } from '../db/repos/events-repo';
import { DAY_MS } from '../platform/clock';
import { badRequest, UserError } from '../platform/errors';

/** A sample appointment for previews: tomorrow at 10:30 clinic time. */
function sampleContext(db: DB, now: number): MessageContext {
  const s = getClinicSettings(db);
  const tomorrow = new Date(now + DAY_MS);
  tomorrow.setUTCHours(15, 30, 0, 0);
  return { clinicName: s.name, clinicPhone: s.phone, startsAt: tomorrow.getTime(), timezone: s.timezone, patientName: 'Sample Patient' };
}

export function previewClinicTemplate(db: DB, now: number, kind: TemplateKind, text: string): TemplatePreview {
  return previewTemplate(kind, text, sampleContext(db, now));
}

/**
 * "Send a test message to my phone": straight through the configured transport, so a clinic can
 * check its Twilio or SMTP set-up. It is not a patient contact (no ledger row) but it is audited,
 * and the kill switch applies to it like to everything else.
 */
export async function sendTestMessage(
  db: DB,
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
  const ctx = sampleContext(db, now);
  const rendered = renderMessage(input.channel, ctx, getClinicSettings(db).templates);
  const res = await transport.send({
    outboxId: 0,
    idempotencyKey: `test:${now}`,
    channel: input.channel,
    to,
    body: `[Test] ${rendered.body}`,
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
