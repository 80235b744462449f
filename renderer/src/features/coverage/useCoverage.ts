import { useCallback } from 'react';
import { useApi } from '../../api/ApiContext';
import { useTopicVersion } from '../../hooks/live-updates';
import { useResource } from '../../hooks/useResource';

/** The coverage report for the next `hours`, reloaded when the schedule, the outbox, the status or the settings change. */
export function useCoverage(hours: number) {
  const api = useApi();
  const version = useTopicVersion('schedule', 'outbox', 'status', 'settings');
  const load = useCallback(() => api.invoke('coverage:list', { hours }), [api, hours]);
  return useResource(load, `${hours}|${version}`);
}
