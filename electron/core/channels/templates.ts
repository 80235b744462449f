import { DateTime } from 'luxon';
import type { Channel } from '../../../shared/domain/types';
import type { Templates } from '../../../shared/domain/dto';

/** What a reminder may say (DESIGN §5.12): clinic, date, time, phone. Never provider specialty or reason. */
export interface MessageContext {
  readonly clinicName: string;
  readonly clinicPhone: string;
  readonly startsAt: number;
  readonly timezone: string;
  readonly patientName: string;
}

export interface RenderedMessage {
  readonly body: string;
  readonly subject?: string;
  readonly html?: string;
}

/** Renders the reminder for one channel. (Minimal version; templates per clinic come with the channels work.) */
export function renderMessage(channel: Channel, ctx: MessageContext, _templates: Templates = {}): RenderedMessage {
  const start = DateTime.fromMillis(ctx.startsAt, { zone: ctx.timezone });
  const when = `${start.toFormat('ccc LLL d')} at ${start.toFormat('h:mm a')}`;
  switch (channel) {
    case 'sms':
      return { body: `${ctx.clinicName}: appointment ${when}. Reply C to confirm. Call ${ctx.clinicPhone}. Reply STOP to opt out.` };
    case 'voice':
      return { body: `This is ${ctx.clinicName}, ${ctx.clinicPhone}, reminding you of your appointment on ${when}.` };
    case 'email':
      return {
        subject: `Appointment reminder: ${when}`,
        body: `Hello,\n\nThis is a reminder of your appointment at ${ctx.clinicName} on ${when}.\nTo confirm or change it, call ${ctx.clinicPhone}.\n`,
      };
  }
}
