import { z } from 'zod';
import { ChannelSchema } from './types';

/** Named desk staff, undo and scoped pauses (docs/staff.md, docs/control.md#scoped-pauses). */

export const StaffRoleSchema = z.enum(['admin', 'desk']);
export type StaffRole = z.infer<typeof StaffRoleSchema>;

/** A desk user as every screen may see it: never the PIN or its hash. */
export const StaffUserSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  role: StaffRoleSchema,
  hasPin: z.boolean(),
});
export type StaffUser = z.infer<typeof StaffUserSchema>;

/** Who is at this desk: `user` null when nobody picked a name (or the clinic has no users). */
export const StaffCurrentSchema = z.object({
  user: StaffUserSchema.nullable(),
  desk: z.string(),
  /** What the audit log records for this desk's actions, e.g. "Maria (desk 2)". */
  actor: z.string(),
  /** False when no users are configured: everyone may do everything, as before named staff. */
  usersConfigured: z.boolean(),
  /** May this desk change limits, quiet hours, the breaker and connections now? */
  isAdmin: z.boolean(),
});
export type StaffCurrent = z.infer<typeof StaffCurrentSchema>;

/** A signed-in desk: the session token is sent with every later call (docs/staff.md#sessions). */
export const StaffSignInResultSchema = z.object({ session: z.string(), current: StaffCurrentSchema });
export type StaffSignInResult = z.infer<typeof StaffSignInResultSchema>;

export const StaffSignInSchema = z
  .object({
    userId: z.number().int().positive(),
    pin: z.string().max(12).optional(),
    /** This machine or window's label, e.g. "desk 2"; default: the host's own. */
    desk: z.string().trim().min(1).max(40).optional(),
  })
  .strict();

export const PauseScopeSchema = z.enum(['provider', 'channel']);

/** One provider or one channel paused beside the global kill switch. */
export const ScopedPauseViewSchema = z.object({
  scope: PauseScopeSchema,
  target: z.string(),
  reason: z.string(),
  pausedAt: z.string(),
  pausedBy: z.string(),
});
export type ScopedPauseView = z.infer<typeof ScopedPauseViewSchema>;

/** What a scoped pause or resume names: a provider as written in the schedule, or a channel. */
export const ScopeRefSchema = z.discriminatedUnion('scope', [
  z.object({ scope: z.literal('provider'), target: z.string().trim().min(1).max(200) }).strict(),
  z.object({ scope: z.literal('channel'), target: ChannelSchema }).strict(),
]);
export type ScopeRef = z.infer<typeof ScopeRefSchema>;

/** A reminder left out at resume: its appointment (external id) and step. */
export const LeaveOutSchema = z.object({ appointment: z.string().min(1).max(200), rule: z.string().min(1).max(40) }).strict();
export type LeaveOut = z.infer<typeof LeaveOutSchema>;

/** A confirm or cancel that can still be undone. */
export const UndoTicketSchema = z.object({
  undoId: z.number().int(),
  /** Until when (the engine's clock, clinic zone), and for how many seconds from the answer (the window's countdown). */
  until: z.string(),
  seconds: z.number().int(),
});
export type UndoTicket = z.infer<typeof UndoTicketSchema>;
