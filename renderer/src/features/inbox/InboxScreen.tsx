import { useCallback, useState } from 'react';
import type { ConversationSummary } from '../../../../shared/domain/conversations';
import { ErrorNote } from '../../components/ErrorNote';
import { formatInstant } from '../../components/format';
import { useApi } from '../../api/ApiContext';
import { useTopicVersion } from '../../hooks/live-updates';
import { useResource } from '../../hooks/useResource';
import { useEngineStatus } from '../shell/engine-status';
import { ConversationView } from './ConversationView';

/** Patients' texts by number: free text, C and STOP replies, staff answers; ambiguous C replies to resolve. */
export function InboxScreen() {
  const api = useApi();
  const { status } = useEngineStatus();
  const version = useTopicVersion('inbox');
  const load = useCallback(() => api.invoke('inbox:list', {}), [api]);
  const { data, error } = useResource(load, String(version));
  const [chosen, setOpen] = useState<string | null>(null);
  // Until the user picks one, the most recent conversation is open.
  const open = chosen ?? data?.[0]?.phone ?? null;
  return (
    <div className="screen inbox">
      <h1 className="screen-title">Inbox</h1>
      <ErrorNote error={error} />
      {!data ? <p role="status">Loading…</p> : null}
      {data && data.length === 0 ? <p className="empty">No patient has texted yet.</p> : null}
      {data && data.length > 0 ? (
        <div className="inbox-panes">
          <ul className="conversation-list" aria-label="Conversations">
            {data.map((c) => (
              <li key={c.phone}>
                <ConversationButton summary={c} selected={c.phone === open} timezone={status?.timezone} onOpen={() => setOpen(c.phone)} />
              </li>
            ))}
          </ul>
          {open ? <ConversationView key={open} phone={open} timezone={status?.timezone} /> : null}
        </div>
      ) : null}
    </div>
  );
}

function ConversationButton({
  summary,
  selected,
  timezone,
  onOpen,
}: Readonly<{ summary: ConversationSummary; selected: boolean; timezone: string | undefined; onOpen: () => void }>) {
  const who = summary.patients.length > 0 ? summary.patients.join(', ') : 'Unknown number';
  return (
    <button type="button" className="conversation-item" aria-current={selected ? 'true' : undefined} onClick={onOpen}>
      <span className="conversation-who">{who}</span>
      <span className="muted nowrap">{summary.phone}</span>
      <span className="conversation-last">{summary.lastBody}</span>
      <span className="muted nowrap">{formatInstant(summary.lastAt, timezone)}</span>
      {summary.unread > 0 ? <span className="badge badge-unread">{summary.unread} unread</span> : null}
      {summary.toResolve > 0 ? <span className="badge badge-warn">C to resolve</span> : null}
    </button>
  );
}
