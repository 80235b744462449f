import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../../api/ApiContext';
import { useTopicVersion } from '../../hooks/live-updates';
import { useResource } from '../../hooks/useResource';

/** How often the list is read again even without an engine push: staleness grows with time alone. */
const RECHECK_MS = 60_000;

/** Every configured source, read again on engine changes and each minute. */
export function useSources() {
  const api = useApi();
  const version = useTopicVersion('status', 'schedule');
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), RECHECK_MS);
    return () => clearInterval(timer);
  }, []);
  return useResource(
    useCallback(() => api.invoke('sources:list'), [api]),
    `sources|${version}|${tick}`,
  );
}
