import type { StaffCurrent, StaffRole, StaffSignInResult, StaffUser } from '../../../shared/domain/staff';
import { recordEvent } from '../db/repos/events-repo';
import {
  countAdmins,
  countStaff,
  deleteStaff,
  findStaffById,
  findStaffByName,
  insertStaff,
  listStaff,
  type StaffRow,
} from '../db/repos/staff-repo';
import type { WritableDB } from '../db/types';
import type { Clock } from '../platform/clock';
import { badRequest, notFound, UserError } from '../platform/errors';
import { checkPinFormat, hashPin, verifyPin } from './pin-hash';
import { StaffSessions } from './sessions';

/** Who asked, as the hosts resolve it: the audit label and, when someone is signed in, their role. */
export interface ActorContext {
  /** What the audit log records, e.g. "Maria (desk 2)", or the host's own label ('desk', 'web', 'cli'). */
  readonly actor: string;
  /** null: nobody signed in at this desk. The CLI runs as 'admin' (it can open the schedule file anyway). */
  readonly role?: StaffRole | null | undefined;
}

const toView = (row: StaffRow): StaffUser => ({ id: row.id, name: row.name, role: row.role, hasPin: row.pin_hash !== null });

const actorLabel = (user: StaffRow | undefined, desk: string): string => (user ? `${user.name} (${desk})` : desk);

export interface StaffDeps {
  readonly db: WritableDB;
  readonly clock: Clock;
}

/**
 * Named desk staff (docs/staff.md): users with an optional PIN and a role, desk sessions, and the admin check
 * that guards limits, quiet hours, the breaker and connections whoever calls (window, web host, scripts).
 */
export function createStaffServices({ db, clock }: StaffDeps) {
  const sessions = new StaffSessions();

  /** Throws FORBIDDEN unless `by` is an admin; a clinic with no users keeps working as before (everyone may). */
  const requireAdmin = (by: ActorContext, what: string): void => {
    if (by.role === 'admin' || countStaff(db) === 0) return;
    const who = by.role === 'desk' ? `${by.actor} is not an admin` : 'nobody is signed in at this desk';
    throw new UserError('FORBIDDEN', `only an admin may ${what}; ${who}. Pick an admin under "Who is at the desk".`);
  };

  const current = (session: string | undefined, defaultDesk: string): StaffCurrent & { userId: number | null } => {
    const found = sessions.find(session, clock.now());
    const user = found ? findStaffById(db, found.userId) : undefined;
    const desk = found?.desk ?? defaultDesk;
    const usersConfigured = countStaff(db) > 0;
    return {
      user: user ? toView(user) : null,
      userId: user?.id ?? null,
      desk,
      actor: actorLabel(user, desk),
      usersConfigured,
      isAdmin: !usersConfigured || user?.role === 'admin',
    };
  };

  return {
    staffRequireAdmin: requireAdmin,
    /** The actor for a call carrying `session` (or none) on a host whose own label is `defaultDesk`. */
    staffActorFor: (session: string | undefined, defaultDesk: string): { actor: string; role: StaffRole | null; current: StaffCurrent } => {
      try {
        const { userId: _userId, ...view } = current(session, defaultDesk);
        return { actor: view.actor, role: view.user?.role ?? null, current: view };
      } catch {
        // Never let a failing lookup stand between the desk and the kill switch: act as the host, with no role.
        const view = { user: null, desk: defaultDesk, actor: defaultDesk, usersConfigured: true, isAdmin: false };
        return { actor: defaultDesk, role: null, current: view };
      }
    },
    listStaff: (): StaffUser[] => listStaff(db).map(toView),
    /** The first user is always an admin (someone must be able to change limits); later ones need an admin to add them. */
    addStaff: async (input: ActorContext & { name: string; pin?: string | undefined; admin?: boolean | undefined }): Promise<StaffUser> => {
      const name = input.name.trim().replace(/\s+/g, ' ');
      if (name.length < 1 || name.length > 60) throw badRequest('a name is 1 to 60 characters');
      const first = countStaff(db) === 0;
      if (!first) requireAdmin(input, 'add desk users');
      if (findStaffByName(db, name)) throw new UserError('CONFLICT', `there is already a user named "${name}"`);
      if (input.pin !== undefined) checkPinFormat(input.pin);
      const pinHash = input.pin === undefined ? null : await hashPin(input.pin);
      const role: StaffRole = first || input.admin ? 'admin' : 'desk';
      const id = db
        .transaction(() => {
          const now = clock.now();
          const newId = insertStaff(db, { name, role, pinHash }, now);
          // Never the PIN: only whether there is one.
          recordEvent(db, now, 'staff_added', input.actor, { name, role, pin: pinHash !== null, first });
          return newId;
        })
        .immediate();
      return toView(findStaffById(db, id)!);
    },
    /** Removes a user by name; the last admin cannot be removed while other users remain. */
    removeStaff: (input: ActorContext & { name: string }): StaffUser[] => {
      requireAdmin(input, 'remove desk users');
      const user = findStaffByName(db, input.name.trim());
      if (!user) throw notFound(`no desk user named "${input.name}"`);
      if (user.role === 'admin' && countAdmins(db) === 1 && countStaff(db) > 1) {
        throw badRequest(`"${user.name}" is the last admin; make another user an admin first (users add NAME --admin)`);
      }
      db.transaction(() => {
        deleteStaff(db, user.id);
        recordEvent(db, clock.now(), 'staff_removed', input.actor, { name: user.name, role: user.role });
      }).immediate();
      sessions.closeAllFor(user.id);
      return listStaff(db).map(toView);
    },
    /** "Who is at the desk": checks the PIN (if the user has one) and opens a desk session. */
    signIn: async (input: {
      userId: number;
      pin?: string | undefined;
      desk?: string | undefined;
      defaultDesk: string;
    }): Promise<StaffSignInResult> => {
      const user = findStaffById(db, input.userId);
      if (!user) throw notFound(`no desk user with id ${input.userId}`);
      const now = clock.now();
      const locked = sessions.lockedUntil(user.id, now);
      if (locked !== null) {
        throw new UserError('UNAUTHORIZED', `too many wrong PINs for ${user.name}; try again in ${Math.ceil((locked - now) / 60_000)} min`);
      }
      if (user.pin_hash !== null && !(input.pin !== undefined && (await verifyPin(input.pin, user.pin_hash)))) {
        sessions.noteWrongPin(user.id, now);
        throw new UserError('UNAUTHORIZED', `wrong PIN for ${user.name}`);
      }
      const desk = input.desk ?? input.defaultDesk;
      const session = sessions.open(user.id, desk, now);
      const { userId: _userId, ...view } = current(session, desk);
      return { session, current: view };
    },
    signOut: (session: string | undefined): void => {
      if (session) sessions.close(session);
    },
  };
}
