import { z } from 'zod';
import { AppointmentViewSchema, EngineStatusSchema } from '../domain/dto';
import {
  LeaveOutSchema,
  ScopeRefSchema,
  StaffCurrentSchema,
  StaffSignInResultSchema,
  StaffSignInSchema,
  StaffUserSchema,
} from '../domain/staff';

const Empty = z.object({}).strict();
const StaffName = z.string().trim().min(1).max(60);

/**
 * Named staff, undo and scoped pauses (docs/staff.md, docs/control.md#scoped-pauses), spread into the contract.
 * Every call after `staff:sign-in` carries the desk's session (HTTP header `x-frontdesk-staff`, or the IPC
 * bridge's third argument), so the audit log says who did it.
 */
export const staffContract = {
  /** Admin only once users exist; the first user is always an admin. */
  'staff:add': {
    req: z.object({ name: StaffName, pin: z.string().max(12).optional(), admin: z.boolean().optional() }).strict(),
    res: StaffUserSchema,
  },
  /** Everyone who may be "at the desk" (names and roles; never a PIN). */
  'staff:list': { req: Empty, res: z.array(StaffUserSchema) },
  /** Who is at this desk now, and whether they may change admin-only settings. */
  'staff:current': { req: Empty, res: StaffCurrentSchema },
  /** Picks a user (with their PIN if they have one); the answer's `session` goes with every later call. */
  'staff:sign-in': { req: StaffSignInSchema, res: StaffSignInResultSchema },
  'staff:sign-out': { req: Empty, res: StaffCurrentSchema },
  'staff:remove': { req: z.object({ name: StaffName }).strict(), res: z.array(StaffUserSchema) },
  /** Undoes a desk confirm or cancel within `limits.undoMinutes` (the ticket came with the confirm or cancel). */
  'appointments:undo': { req: z.object({ undoId: z.number().int().positive() }).strict(), res: AppointmentViewSchema },
  /** Pauses one provider or one channel beside the kill switch. */
  'engine:pause-scope': {
    req: z.object({ scope: ScopeRefSchema, reason: z.string().max(500).optional() }).strict(),
    res: EngineStatusSchema,
  },
  /** Lifts one scoped pause; `leaveOut` as in `engine:resume`. */
  'engine:resume-scope': {
    req: z.object({ scope: ScopeRefSchema, leaveOut: z.array(LeaveOutSchema).max(5000).optional() }).strict(),
    res: EngineStatusSchema,
  },
} as const;
