import type { Conversation, ConversationSummary, StaffReplyResult, UnreadCount } from '../../../shared/domain/conversations';
import type { Transports } from '../channels/channel';
import type { ControlStore } from '../control/control-store';
import type { WritableDB } from '../db/types';
import type { Clock } from '../platform/clock';
import type { EngineEventBus } from '../platform/engine-events';
import { getConversation, listConversations, markConversationRead, resolveAmbiguousConfirm, unreadCount } from './inbox';
import { sendStaffReply } from './staff-reply';

export interface ConversationDeps {
  readonly db: WritableDB;
  readonly clock: Clock;
  readonly control: Pick<ControlStore, 'isPaused'>;
  readonly transports: Pick<Transports, 'sms'>;
  readonly events: Pick<EngineEventBus, 'emit'>;
  /** Runs after a resolved C changed the schedule (the planner, in a long-running engine). */
  readonly afterScheduleChange?: (() => void) | undefined;
}

/** The inbox behind the `inbox:*` calls (docs/conversations.md). */
export interface ConversationServices {
  list(): ConversationSummary[];
  unreadCount(): UnreadCount;
  get(input: Readonly<{ phone: string }>): Conversation;
  markRead(input: Readonly<{ phone: string }>): UnreadCount;
  reply(input: Readonly<{ phone: string; body: string; actor: string }>): Promise<StaffReplyResult>;
  resolveConfirm(input: Readonly<{ messageKey: string; appointmentId: number; actor: string }>): Conversation;
}

export function createConversationServices(deps: ConversationDeps): ConversationServices {
  const { db, clock, control, events } = deps;
  const get = (phone: string): Conversation => getConversation(db, phone, clock.now(), control.isPaused(), !!deps.transports.sms);
  return {
    list: () => listConversations(db),
    unreadCount: () => unreadCount(db),
    get: ({ phone }) => get(phone),
    markRead: ({ phone }) => {
      const counts = markConversationRead(db, phone, clock.now());
      events.emit({ type: 'changed', topics: ['inbox'] });
      return counts;
    },
    reply: async (input) => {
      try {
        return await sendStaffReply(deps, input);
      } finally {
        events.emit({ type: 'changed', topics: ['inbox', 'contacts'] });
      }
    },
    resolveConfirm: ({ messageKey, appointmentId, actor }) => {
      const phone = resolveAmbiguousConfirm(db, { messageKey, appointmentId, actor, now: clock.now() });
      events.emit({ type: 'changed', topics: ['inbox', 'schedule', 'outbox'] });
      deps.afterScheduleChange?.();
      return get(phone);
    },
  };
}
