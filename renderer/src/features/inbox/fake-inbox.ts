import type { ParsedReq, Res } from '../../../../shared/api/contract';
import type { conversationContract } from '../../../../shared/api/conversations-contract';
import type { Conversation } from '../../../../shared/domain/conversations';
import { smsSegments } from '../../../../shared/util/sms-segments';

type InboxCall = keyof typeof conversationContract;
type FakeInboxHandlers = { [C in InboxCall]: (req: ParsedReq<C>) => Res<C> };

/** Thrown by a fake handler; fake-api turns it into an error Result (same shape as its FakeError). */
export class FakeInboxError extends Error {
  constructor(
    readonly code: 'BAD_REQUEST' | 'NOT_FOUND' | 'SAFEGUARD_BLOCKED',
    message: string,
  ) {
    super(message);
  }
}

/** Two conversations on `today`: a late patient (free text, unread) and a family's C that needs resolving. */
function fakeConversations(today: string): Conversation[] {
  const at = (hm: string) => `${today}T${hm}:00-04:00`;
  return [
    {
      phone: '+12125550134',
      patients: ['Maria Lopez'],
      messages: [
        {
          key: 'in:SM100',
          direction: 'in',
          body: 'Running 10 minutes late, sorry!',
          at: at('08:52'),
          action: 'other',
          appointmentId: 11,
          read: false,
          resolvedBy: null,
          actor: null,
          outcome: null,
        },
      ],
      appointments: [
        { id: 11, externalId: 'A-1001', patientName: 'Maria Lopez', provider: 'Dr. Patel', startsAt: at('09:00'), status: 'booked' },
      ],
      canReply: true,
      replyBlockedReason: null,
      replyUntil: `${today}T23:59:00-04:00`,
    },
    {
      phone: '+12125550177',
      patients: ['Ana Ruiz', 'Leo Ruiz'],
      messages: [
        {
          key: 'in:SM101',
          direction: 'in',
          body: 'C',
          at: at('08:40'),
          action: 'confirm_ambiguous',
          appointmentId: null,
          read: false,
          resolvedBy: null,
          actor: null,
          outcome: null,
        },
      ],
      appointments: [
        { id: 21, externalId: 'A-2001', patientName: 'Ana Ruiz', provider: 'Dr. Kim', startsAt: at('10:00'), status: 'booked' },
        { id: 22, externalId: 'A-2002', patientName: 'Leo Ruiz', provider: 'Dr. Kim', startsAt: at('11:30'), status: 'booked' },
      ],
      canReply: true,
      replyBlockedReason: null,
      replyUntil: `${today}T23:59:00-04:00`,
    },
  ];
}

/** The inbox calls over in-memory conversations (for component tests and design work). */
export function fakeInboxHandlers(today: string): FakeInboxHandlers {
  const conversations = fakeConversations(today);
  const find = (phone: string): Conversation => {
    const c = conversations.find((x) => x.phone === phone);
    if (!c) throw new FakeInboxError('NOT_FOUND', `No conversation with ${phone}.`);
    return c;
  };
  const counts = () => ({
    unread: conversations.reduce((n, c) => n + c.messages.filter((m) => !m.read).length, 0),
    toResolve: conversations.reduce((n, c) => n + c.messages.filter((m) => m.action === 'confirm_ambiguous' && !m.resolvedBy).length, 0),
  });
  return {
    'inbox:list': () =>
      [...conversations]
        .sort((a, b) => (a.messages.at(-1)!.at < b.messages.at(-1)!.at ? 1 : -1))
        .map((c) => ({
          phone: c.phone,
          patients: c.patients,
          lastAt: c.messages.at(-1)!.at,
          lastBody: c.messages.at(-1)!.body,
          unread: c.messages.filter((m) => !m.read).length,
          toResolve: c.messages.filter((m) => m.action === 'confirm_ambiguous' && !m.resolvedBy).length,
        })),
    'inbox:unread-count': counts,
    'inbox:get': ({ phone }) => structuredClone(find(phone)),
    'inbox:mark-read': ({ phone }) => {
      for (const m of find(phone).messages) m.read = true;
      return counts();
    },
    'inbox:reply': ({ phone, body }) => {
      const c = find(phone);
      if (!c.canReply) throw new FakeInboxError('SAFEGUARD_BLOCKED', c.replyBlockedReason ?? 'cannot answer');
      const id = c.messages.length + 100;
      c.messages.push({
        key: `out:${id}`,
        direction: 'out',
        body,
        at: `${today}T09:00:00-04:00`,
        action: null,
        appointmentId: c.appointments[0]?.id ?? null,
        read: true,
        resolvedBy: null,
        actor: 'desk',
        outcome: 'simulated',
      });
      return { id, phone, outcome: 'simulated', error: null, segments: smsSegments(body).segments };
    },
    'inbox:resolve-confirm': ({ messageKey, appointmentId }) => {
      const c = conversations.find((x) => x.messages.some((m) => m.key === messageKey));
      const m = c?.messages.find((x) => x.key === messageKey);
      if (!c || !m) throw new FakeInboxError('NOT_FOUND', `No reply ${messageKey}.`);
      if (m.resolvedBy) throw new FakeInboxError('BAD_REQUEST', `This reply was already resolved by ${m.resolvedBy}.`);
      const appt = c.appointments.find((a) => a.id === appointmentId);
      if (!appt) throw new FakeInboxError('BAD_REQUEST', 'That appointment is not one of this number’s.');
      appt.status = 'confirmed';
      Object.assign(m, { resolvedBy: 'desk', appointmentId, read: true });
      return structuredClone(c);
    },
  };
}
