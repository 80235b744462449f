import type { ParsedReq, Res } from '../../../../shared/api/contract';
import type { EventName, EventPayload } from '../../../../shared/api/events';
import type { AppointmentStatus } from '../../../../shared/domain/types';
import type { StaffCurrent, StaffUser } from '../../../../shared/domain/staff';

/** The fake API's named staff, undo and scoped pauses (docs/staff.md): users, this page's session, undo tickets. */
export interface FakeStaffState {
  users: StaffUser[];
  /** PIN per user id (the fake keeps them plainly; the engine keeps only scrypt hashes). */
  pins: Record<number, string>;
  /** The session the page last gave `setStaffSession`. */
  session: string | null;
  signedIn: { userId: number; desk: string } | null;
  undo: Map<number, { appointment: string; previous: AppointmentStatus }>;
}

export function fakeStaffState(): FakeStaffState {
  return { users: [], pins: {}, session: null, signedIn: null, undo: new Map() };
}

type Appointments = Res<'schedule:get-day'>;

export interface FakeStaffContext {
  readonly staff: FakeStaffState;
  readonly nowIso: string;
  status(): Res<'engine:get-status'>;
  setStatus(s: Res<'engine:get-status'>): void;
  appointments(): Appointments;
  audit(kind: string, detail: Record<string, unknown>): void;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  fail(code: 'NOT_FOUND' | 'UNAUTHORIZED' | 'CONFLICT' | 'BAD_REQUEST', message: string): never;
}

function current(staff: FakeStaffState): StaffCurrent {
  const user = staff.users.find((u) => u.id === staff.signedIn?.userId) ?? null;
  const desk = staff.signedIn?.desk ?? 'desk';
  return {
    user,
    desk,
    actor: user ? `${user.name} (${desk})` : desk,
    usersConfigured: staff.users.length > 0,
    isAdmin: staff.users.length === 0 || user?.role === 'admin',
  };
}

/** Records an undo ticket for a confirm or cancel and returns it (valid 5 minutes, as the engine's default). */
export function fakeUndoTicket(ctx: FakeStaffContext, appointment: string, previous: AppointmentStatus) {
  const undoId = ctx.staff.undo.size + 1;
  ctx.staff.undo.set(undoId, { appointment, previous });
  return { undoId, until: new Date(Date.parse(ctx.nowIso) + 5 * 60_000).toISOString(), seconds: 300 };
}

export function fakeStaffHandlers(ctx: FakeStaffContext) {
  const { staff } = ctx;
  const changed = () => ctx.emit('engine:changed', { topics: ['status'] });
  return {
    'staff:list': () => staff.users,
    'staff:current': () => current(staff),
    'staff:sign-in': ({ userId, pin, desk }) => {
      const user = staff.users.find((u) => u.id === userId) ?? ctx.fail('NOT_FOUND', `no desk user with id ${userId}`);
      if (user.hasPin && staff.pins[user.id] !== pin) ctx.fail('UNAUTHORIZED', `wrong PIN for ${user.name}`);
      staff.signedIn = { userId, desk: desk ?? 'desk' };
      return { session: `fake-session-${userId}`, current: current(staff) };
    },
    'staff:sign-out': () => {
      staff.signedIn = null;
      return current(staff);
    },
    'staff:add': ({ name, pin, admin }) => {
      const user: StaffUser = {
        id: staff.users.length + 1,
        name,
        role: staff.users.length === 0 || admin ? 'admin' : 'desk',
        hasPin: !!pin,
      };
      staff.users.push(user);
      if (pin) staff.pins[user.id] = pin;
      return user;
    },
    'staff:remove': ({ name }) => (staff.users = staff.users.filter((u) => u.name !== name)),
    'appointments:undo': ({ undoId }) => {
      const ticket = staff.undo.get(undoId) ?? ctx.fail('NOT_FOUND', `nothing to undo with id ${undoId}`);
      staff.undo.delete(undoId);
      const a = ctx.appointments().find((x) => x.appointment === ticket.appointment)!;
      a.status = ticket.previous;
      ctx.audit(`appointment_undone`, { appointment: a.appointment });
      ctx.emit('engine:changed', { topics: ['schedule', 'outbox'] });
      return {
        appointment: a.appointment,
        patient: a.patient,
        startsAt: a.startsAt,
        status: a.status,
        provider: a.provider,
        remindersCancelled: 0,
      };
    },
    'engine:pause-scope': ({ scope, reason }) => {
      const s = ctx.status();
      const others = (s.scopedPauses ?? []).filter((p) => !(p.scope === scope.scope && p.target === scope.target));
      const pause = { ...scope, reason: reason ?? 'paused by the front desk', pausedAt: ctx.nowIso, pausedBy: current(staff).actor };
      ctx.setStatus({ ...s, scopedPauses: [...others, pause] });
      ctx.audit('scope_paused', { ...scope });
      changed();
      return ctx.status();
    },
    'engine:resume-scope': ({ scope, leaveOut }) => {
      const s = ctx.status();
      const pauses = s.scopedPauses ?? [];
      if (!pauses.some((p) => p.scope === scope.scope && p.target === scope.target))
        ctx.fail('BAD_REQUEST', `${scope.target} is not paused`);
      ctx.setStatus({ ...s, scopedPauses: pauses.filter((p) => !(p.scope === scope.scope && p.target === scope.target)) });
      ctx.audit('scope_resumed', { ...scope, leftOut: leaveOut?.length ?? 0 });
      changed();
      return ctx.status();
    },
  } satisfies { [C in StaffCall]: (req: ParsedReq<C>) => Res<C> };
}

type StaffCall =
  | 'staff:list'
  | 'staff:current'
  | 'staff:sign-in'
  | 'staff:sign-out'
  | 'staff:add'
  | 'staff:remove'
  | 'appointments:undo'
  | 'engine:pause-scope'
  | 'engine:resume-scope';
