import { z } from 'zod';
import {
  ConversationPhoneSchema,
  ConversationSchema,
  ConversationSummarySchema,
  STAFF_REPLY_MAX_CHARS,
  StaffReplyResultSchema,
  UnreadCountSchema,
} from '../domain/conversations';

const Phone = z.object({ phone: ConversationPhoneSchema }).strict();

/** The inbox's calls (docs/conversations.md), spread into the contract in contract.ts. */
export const conversationContract = {
  /** Conversations, most recent first. */
  'inbox:list': { req: z.object({}).strict(), res: z.array(ConversationSummarySchema) },
  /** Unread replies and ambiguous C replies waiting for staff (the header's and tray's count). */
  'inbox:unread-count': { req: z.object({}).strict(), res: UnreadCountSchema },
  /** One conversation with its messages and the number's appointments. */
  'inbox:get': { req: Phone, res: ConversationSchema },
  'inbox:mark-read': { req: Phone, res: UnreadCountSchema },
  /** A staff answer by SMS: within 24 h of the patient's last text, never after STOP, never while paused. */
  'inbox:reply': {
    req: z
      .object({ phone: ConversationPhoneSchema, body: z.string().trim().min(1, 'write a message first').max(STAFF_REPLY_MAX_CHARS) })
      .strict(),
    res: StaffReplyResultSchema,
  },
  /** Staff pick which appointment an ambiguous C confirms. */
  'inbox:resolve-confirm': {
    req: z.object({ messageKey: z.string().min(1).max(200), appointmentId: z.number().int().positive() }).strict(),
    res: ConversationSchema,
  },
} as const;
