import type { ParsedReq, Res } from '../../../shared/api/contract';
import type { StaffRole } from '../../../shared/domain/staff';
import type { FrontdeskServices } from './service-types';

/** What a call knows about its desk: the session it carried and the host's own label ('desk', 'web'). */
export interface DeskContext {
  readonly session: string | undefined;
  readonly defaultDesk: string;
  readonly actor: string;
  readonly role: StaffRole | null;
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

/** The staff, undo and scoped-pause calls (shared/api/staff-contract.ts), spread into createHandlers (handlers.ts). */
export function staffHandlers(services: FrontdeskServices, desk: DeskContext) {
  const by = { actor: desk.actor, role: desk.role };
  return {
    'staff:list': () => services.listStaff(),
    'staff:current': () => services.staffActorFor(desk.session, desk.defaultDesk).current,
    'staff:sign-in': (req: ParsedReq<'staff:sign-in'>) => services.signIn({ ...req, defaultDesk: desk.defaultDesk }),
    'staff:sign-out': () => {
      services.signOut(desk.session);
      return services.staffActorFor(undefined, desk.defaultDesk).current;
    },
    'staff:add': (req: ParsedReq<'staff:add'>) => services.addStaff({ ...req, ...by }),
    'staff:remove': ({ name }: ParsedReq<'staff:remove'>) => services.removeStaff({ name, ...by }),
    'appointments:undo': ({ undoId }: ParsedReq<'appointments:undo'>) => services.undo({ undoId, ...by }),
    'engine:pause-scope': ({ scope, reason }: ParsedReq<'engine:pause-scope'>) => {
      services.pauseScope({ ...scope, reason, actor: desk.actor });
      return services.status();
    },
    'engine:resume-scope': ({ scope, leaveOut }: ParsedReq<'engine:resume-scope'>) => {
      services.resumeScope({ ...scope, leaveOut, actor: desk.actor });
      return services.status();
    },
  } satisfies { [C in StaffCall]: (req: ParsedReq<C>) => Res<C> | Promise<Res<C>> };
}
