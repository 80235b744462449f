import { useCallback, useId, useState } from 'react';
import { type Conversation, STAFF_REPLY_MAX_CHARS } from '../../../../shared/domain/conversations';
import { smsSegments } from '../../../../shared/util/sms-segments';
import { ErrorNote } from '../../components/ErrorNote';
import { formatInstant } from '../../components/format';
import { useApi } from '../../api/ApiContext';
import { useCommand } from '../../hooks/useCommand';

/** Answer by SMS: only inside the engine's 24 h window, never after STOP or while paused (the reason is shown). */
export function ReplyForm({
  conversation,
  timezone,
  onSent,
}: Readonly<{ conversation: Conversation; timezone: string | undefined; onSent: () => void }>) {
  const api = useApi();
  const id = useId();
  const [body, setBody] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const send = useCommand(
    useCallback((text: string) => api.invoke('inbox:reply', { phone: conversation.phone, body: text }), [api, conversation.phone]),
  );
  const { encoding, segments } = smsSegments(body);
  const blocked = conversation.canReply ? null : conversation.replyBlockedReason;
  return (
    <form
      className="reply-form"
      aria-label="Answer by text"
      onSubmit={(e) => {
        e.preventDefault();
        void send.run(body).then((r) => {
          if (r.ok) {
            setBody('');
            setSent(r.value.outcome === 'failed' ? `Not sent: ${r.value.error ?? 'refused'}` : `Sent (${r.value.outcome}).`);
            onSent();
          }
        });
      }}
    >
      <label htmlFor={`${id}-body`}>Answer by text</label>
      <textarea
        id={`${id}-body`}
        rows={3}
        maxLength={STAFF_REPLY_MAX_CHARS}
        value={body}
        disabled={blocked !== null}
        aria-describedby={`${id}-why`}
        onChange={(e) => {
          setSent(null);
          send.clearError();
          setBody(e.target.value);
        }}
      />
      <p id={`${id}-why`} className="muted">
        {blocked ??
          `From the clinic's number. You can answer until ${formatInstant(conversation.replyUntil, timezone)} (24 h after the patient's last text).`}
        {body ? ` ${encoding}, ${segments} ${segments === 1 ? 'segment' : 'segments'}.` : ''}
      </p>
      <div className="form-actions">
        <span role="status" className="muted">
          {sent ?? ''}
        </span>
        <button type="submit" className="btn btn-primary" disabled={blocked !== null || !body.trim() || send.busy}>
          {send.busy ? 'Sending…' : 'Send'}
        </button>
      </div>
      <ErrorNote error={send.error} />
    </form>
  );
}
