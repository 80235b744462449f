import { z } from 'zod';

/** What the engine did with a patient's text (docs/conversations.md). */
export const InboundActionSchema = z.enum([
  'confirm',
  'confirm_no_appointment',
  /** A C from a number with several upcoming appointments: not guessed, staff pick one. */
  'confirm_ambiguous',
  'opt_out',
  'opt_in',
  'help',
  'other',
]);
export type InboundAction = z.infer<typeof InboundActionSchema>;

/** An appointment a conversation is about, as the inbox shows it. */
export const ConversationAppointmentSchema = z.object({
  id: z.number().int(),
  externalId: z.string(),
  patientName: z.string(),
  provider: z.string(),
  /** ISO 8601 with the clinic's offset. */
  startsAt: z.string(),
  status: z.string(),
});
export type ConversationAppointment = z.infer<typeof ConversationAppointmentSchema>;

/** One message of a conversation: a patient's text (in) or a staff answer (out). */
export const ConversationMessageSchema = z.object({
  /** `in:<provider id>` or `out:<reply id>`: unique within the inbox. */
  key: z.string(),
  direction: z.enum(['in', 'out']),
  body: z.string(),
  at: z.string(),
  /** In: what the engine did with it. Out: null. */
  action: InboundActionSchema.nullable(),
  /** The appointment it is about, when known (the one a C confirmed, or the next one of the number). */
  appointmentId: z.number().int().nullable(),
  read: z.boolean(),
  /** In, ambiguous C only: null until resolved; then who resolved it. */
  resolvedBy: z.string().nullable(),
  /** Out only: who wrote it and what the provider said. */
  actor: z.string().nullable(),
  outcome: z.string().nullable(),
});
export type ConversationMessage = z.infer<typeof ConversationMessageSchema>;

/** One conversation per phone number (a family sharing a phone is one conversation). */
export const ConversationSummarySchema = z.object({
  phone: z.string(),
  /** Patients on this number, by name (no other detail: the list is shown at the desk). */
  patients: z.array(z.string()),
  lastAt: z.string(),
  lastBody: z.string(),
  unread: z.number().int(),
  /** Ambiguous C replies still waiting for staff to pick the appointment. */
  toResolve: z.number().int(),
});
export type ConversationSummary = z.infer<typeof ConversationSummarySchema>;

export const ConversationSchema = z.object({
  phone: z.string(),
  patients: z.array(z.string()),
  messages: z.array(ConversationMessageSchema),
  /** Appointments of this number from today on, for grouping and for resolving an ambiguous C. */
  appointments: z.array(ConversationAppointmentSchema),
  /** Whether staff may answer now, and if not why (24 h since the patient's last text, STOP, paused). */
  canReply: z.boolean(),
  replyBlockedReason: z.string().nullable(),
  /** When the 24 h answer window closes (ISO), null when there is none. */
  replyUntil: z.string().nullable(),
});
export type Conversation = z.infer<typeof ConversationSchema>;

export const UnreadCountSchema = z.object({ unread: z.number().int(), toResolve: z.number().int() });
export type UnreadCount = z.infer<typeof UnreadCountSchema>;

/** What happened to a staff answer. */
export const StaffReplyResultSchema = z.object({
  id: z.number().int(),
  phone: z.string(),
  outcome: z.enum(['sent', 'simulated', 'failed', 'unknown']),
  error: z.string().nullable(),
  segments: z.number().int(),
});
export type StaffReplyResult = z.infer<typeof StaffReplyResultSchema>;

/** An E.164 number as the inbox keys conversations. */
export const ConversationPhoneSchema = z.string().regex(/^\+[1-9]\d{1,14}$/, 'a phone number in E.164 form, e.g. +12125550134');

/** Longest staff answer: 3 GSM-7 segments (459 characters); a longer one costs more than a call. */
export const STAFF_REPLY_MAX_CHARS = 459;
