import type { ParsedReq, Res } from '../../../shared/api/contract';
import type { conversationContract } from '../../../shared/api/conversations-contract';
import type { ConversationServices } from './conversation-services';

type ConversationCall = keyof typeof conversationContract;
type ConversationHandlers = { [C in ConversationCall]: (req: ParsedReq<C>) => Res<C> | Promise<Res<C>> };

/** The contract's inbox calls, spread into createHandlers (api/handlers.ts). */
export function conversationHandlers(inbox: ConversationServices, actor: string): ConversationHandlers {
  return {
    'inbox:list': () => inbox.list(),
    'inbox:unread-count': () => inbox.unreadCount(),
    'inbox:get': ({ phone }) => inbox.get({ phone }),
    'inbox:mark-read': ({ phone }) => inbox.markRead({ phone }),
    'inbox:reply': ({ phone, body }) => inbox.reply({ phone, body, actor }),
    'inbox:resolve-confirm': ({ messageKey, appointmentId }) => inbox.resolveConfirm({ messageKey, appointmentId, actor }),
  };
}
