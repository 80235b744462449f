import { z } from 'zod';

export const ChannelSchema = z.enum(['email', 'sms', 'voice']);
export type Channel = z.infer<typeof ChannelSchema>;

export const AppointmentStatusSchema = z.enum(['booked', 'confirmed', 'cancelled', 'completed', 'no_show']);
export type AppointmentStatus = z.infer<typeof AppointmentStatusSchema>;

/** Outbox states (docs/outbox-states.md#states). */
export const OutboxStateSchema = z.enum([
  'pending',
  'sending',
  'sent',
  /** Handed to Twilio Message Scheduling; waits there until its SendAt (docs/send-ahead.md). */
  'scheduled',
  'delivered',
  'undelivered',
  'expired',
  'cancelled',
  'superseded',
  'suppressed',
  'unknown',
  'failed',
]);
export type OutboxState = z.infer<typeof OutboxStateSchema>;

/** Ledger outcomes (docs/outbox-states.md#ledger-and-outbox): one ledger row per provider attempt. */
export const ContactOutcomeSchema = z.enum(['simulated', 'sent', 'delivered', 'undelivered', 'failed', 'unknown']);
export type ContactOutcome = z.infer<typeof ContactOutcomeSchema>;

export const PauseKindSchema = z.enum(['manual', 'breaker', 'config']);
export type PauseKind = z.infer<typeof PauseKindSchema>;
