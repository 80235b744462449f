import { useCallback, useEffect, useState } from 'react';
import type { Conversation, ConversationMessage } from '../../../../shared/domain/conversations';
import { ErrorNote } from '../../components/ErrorNote';
import { formatInstant } from '../../components/format';
import { useApi } from '../../api/ApiContext';
import { useCommand } from '../../hooks/useCommand';
import { useTopicVersion } from '../../hooks/live-updates';
import { useResource } from '../../hooks/useResource';
import { ReplyForm } from './ReplyForm';

const ACTION_LABELS: Readonly<Record<string, string>> = {
  confirm: 'Confirmed the appointment',
  confirm_no_appointment: 'C, but no upcoming appointment to confirm',
  confirm_ambiguous: 'C from a shared number: which appointment?',
  opt_out: 'Opted out (STOP): no more texts or calls',
  opt_in: 'Opted back in (START)',
  help: 'Asked for help',
  other: 'Free text',
};

/** One number's messages, marked read when opened; the answer form; resolving an ambiguous C. */
export function ConversationView({ phone, timezone }: Readonly<{ phone: string; timezone: string | undefined }>) {
  const api = useApi();
  const version = useTopicVersion('inbox', 'status');
  const load = useCallback(() => api.invoke('inbox:get', { phone }), [api, phone]);
  const { data, error, reload, replace } = useResource(load, `${phone}:${version}`);
  const unread = data?.messages.some((m) => !m.read) ?? false;
  useEffect(() => {
    if (unread) void api.invoke('inbox:mark-read', { phone });
  }, [api, phone, unread]);
  return (
    <section className="conversation" aria-label={`Conversation with ${phone}`}>
      <ErrorNote error={error} />
      {data ? (
        <>
          <h2 className="conversation-title">
            {data.patients.join(', ') || 'Unknown number'} <span className="muted">{phone}</span>
          </h2>
          <ol className="messages" aria-label="Messages">
            {data.messages.map((m) => (
              <li key={m.key} className={m.direction === 'in' ? 'message message-in' : 'message message-out'}>
                <MessageItem message={m} conversation={data} timezone={timezone} onResolved={replace} />
              </li>
            ))}
          </ol>
          <ReplyForm conversation={data} timezone={timezone} onSent={reload} />
        </>
      ) : (
        <p role="status">Loading…</p>
      )}
    </section>
  );
}

function MessageItem({
  message,
  conversation,
  timezone,
  onResolved,
}: Readonly<{
  message: ConversationMessage;
  conversation: Conversation;
  timezone: string | undefined;
  onResolved: (c: Conversation) => void;
}>) {
  const about = conversation.appointments.find((a) => a.id === message.appointmentId);
  return (
    <div>
      <p className="message-body">{message.body}</p>
      <p className="muted message-meta">
        {message.direction === 'in' ? 'Patient' : `Answered by ${message.actor ?? 'staff'} (${message.outcome ?? ''})`} ·{' '}
        {formatInstant(message.at, timezone)}
        {message.action ? ` · ${ACTION_LABELS[message.action] ?? message.action}` : ''}
        {about ? ` · about ${about.patientName}, ${formatInstant(about.startsAt, timezone)} (${about.externalId})` : ''}
        {message.resolvedBy ? ` · resolved by ${message.resolvedBy}` : ''}
      </p>
      {message.action === 'confirm_ambiguous' && message.resolvedBy === null ? (
        <ResolveConfirm message={message} conversation={conversation} timezone={timezone} onResolved={onResolved} />
      ) : null}
    </div>
  );
}

/** Staff pick which of the number's booked appointments the C meant; the engine confirms it and audits the choice. */
function ResolveConfirm({
  message,
  conversation,
  timezone,
  onResolved,
}: Readonly<{
  message: ConversationMessage;
  conversation: Conversation;
  timezone: string | undefined;
  onResolved: (c: Conversation) => void;
}>) {
  const api = useApi();
  const booked = conversation.appointments.filter((a) => a.status === 'booked');
  const [choice, setChoice] = useState<number | null>(null);
  const resolve = useCommand(
    useCallback(
      (appointmentId: number) => api.invoke('inbox:resolve-confirm', { messageKey: message.key, appointmentId }),
      [api, message.key],
    ),
  );
  return (
    <form
      className="resolve-confirm"
      aria-label="Which appointment does this C confirm?"
      onSubmit={(e) => {
        e.preventDefault();
        if (choice !== null) void resolve.run(choice).then((r) => r.ok && onResolved(r.value));
      }}
    >
      <fieldset>
        <legend>Which appointment does this C confirm?</legend>
        {booked.length === 0 ? <p className="muted">No booked appointment is left on this number.</p> : null}
        {booked.map((a) => (
          <label key={a.id} className="choice">
            <input type="radio" name={`resolve-${message.key}`} checked={choice === a.id} onChange={() => setChoice(a.id)} />
            {a.patientName} — {formatInstant(a.startsAt, timezone)}
            {a.provider ? `, ${a.provider}` : ''} ({a.externalId})
          </label>
        ))}
      </fieldset>
      <button type="submit" className="btn btn-primary btn-small" disabled={choice === null || resolve.busy}>
        Confirm this appointment
      </button>
      <ErrorNote error={resolve.error} />
    </form>
  );
}
