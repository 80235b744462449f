import { z } from 'zod';
import { ChannelSchema } from './types';

/** Where the desk hours came from (docs/coverage.md#desk-hours). */
export const DeskHoursSourceSchema = z.enum(['configured', 'learned', 'assumed']);
export type DeskHoursSource = z.infer<typeof DeskHoursSourceSchema>;

/** One planned reminder no running desk can send: its whole window falls while this computer is expected to be off. */
export const CoverageItemSchema = z.object({
  outboxId: z.number().int(),
  /** The appointment's external id. */
  appointment: z.string(),
  patient: z.string(),
  channel: ChannelSchema,
  /** ISO 8601 with the clinic's offset. */
  startsAt: z.string(),
  dueAt: z.string(),
  windowEnd: z.string(),
  reason: z.string(),
});
export type CoverageItem = z.infer<typeof CoverageItemSchema>;

export const CoverageReportSchema = z.object({
  /** The desk hours in force, e.g. "Mon-Fri 07:30-18:00", and where they came from. */
  deskHours: z.string(),
  deskHoursSource: DeskHoursSourceSchema,
  /** How far ahead the report looked. */
  hours: z.number(),
  /** When the desk next goes off (ISO 8601, clinic offset); null when it never does within two weeks. */
  nextOffAt: z.string().nullable(),
  items: z.array(CoverageItemSchema),
});
export type CoverageReport = z.infer<typeof CoverageReportSchema>;

/** "The sender is down": no dispatch cycle for 5 minutes while reminders are due (docs/coverage.md#the-sender-is-down). */
export const SenderDownSchema = z.object({
  /** The last dispatch cycle (ISO 8601, UTC); null when none ever ran on this schedule. */
  lastCycleAt: z.string().nullable(),
  due: z.number().int(),
});
export type SenderDown = z.infer<typeof SenderDownSchema>;
