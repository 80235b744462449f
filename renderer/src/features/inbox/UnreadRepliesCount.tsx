import { useCallback } from 'react';
import { useApi } from '../../api/ApiContext';
import { useTopicVersion } from '../../hooks/live-updates';
import { useResource } from '../../hooks/useResource';

/** The header's count of patient replies nobody has read yet, and ambiguous C replies waiting for a choice. */
export function UnreadRepliesCount({ onOpen }: Readonly<{ onOpen?: (() => void) | undefined }>) {
  const api = useApi();
  const version = useTopicVersion('inbox');
  const load = useCallback(() => api.invoke('inbox:unread-count', {}), [api]);
  const { data } = useResource(load, String(version));
  if (!data || (data.unread === 0 && data.toResolve === 0)) return null;
  const text = `${data.unread} unread ${data.unread === 1 ? 'reply' : 'replies'}${data.toResolve > 0 ? `, ${data.toResolve} to resolve` : ''}`;
  return onOpen ? (
    <button type="button" className="unread-count" onClick={onOpen}>
      {text}
    </button>
  ) : (
    <span className="unread-count">{text}</span>
  );
}
