import { useCallback } from 'react';
import { useApi } from '../../api/ApiContext';
import { useTopicVersion } from '../../hooks/live-updates';
import { useResource } from '../../hooks/useResource';

/**
 * The header's count of patient replies nobody has read yet, and ambiguous C replies waiting for a choice. Text, not
 * a control: the Inbox tab opens them, and the header's tab order (the kill switch first) stays as it is.
 */
export function UnreadRepliesCount() {
  const api = useApi();
  const version = useTopicVersion('inbox');
  const load = useCallback(() => api.invoke('inbox:unread-count', {}), [api]);
  const { data } = useResource(load, String(version));
  if (!data || (data.unread === 0 && data.toResolve === 0)) return null;
  const text = `${data.unread} unread ${data.unread === 1 ? 'reply' : 'replies'}${data.toResolve > 0 ? `, ${data.toResolve} to resolve` : ''}`;
  return (
    <span className="unread-count" role="status">
      {text}
    </span>
  );
}
