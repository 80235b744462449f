import { createContext, useCallback, useContext, type ReactNode } from 'react';
import type { EngineStatus } from '../../../../shared/domain/dto';
import type { ApiError } from '../../../../shared/api/result';
import { useApi } from '../../api/ApiContext';
import { useTopicVersion } from '../../hooks/live-updates';
import { useResource } from '../../hooks/useResource';

type EngineStatusValue = Readonly<{
  status: EngineStatus | undefined;
  error: ApiError | undefined;
  reload: () => void;
  replace: (s: EngineStatus) => void;
}>;

const EngineStatusContext = createContext<EngineStatusValue | null>(null);

/** Loads the engine status (paused, transport, clinic) and keeps it fresh from pushes. */
export function EngineStatusProvider({ children }: Readonly<{ children: ReactNode }>) {
  const api = useApi();
  const version = useTopicVersion('status', 'settings');
  const load = useCallback(() => api.invoke('engine:get-status', {}), [api]);
  const { data, error, reload, replace } = useResource(load, String(version));
  return <EngineStatusContext.Provider value={{ status: data, error, reload, replace }}>{children}</EngineStatusContext.Provider>;
}

/** The engine status from the nearest EngineStatusProvider. */
export function useEngineStatus(): EngineStatusValue {
  const v = useContext(EngineStatusContext);
  if (!v) throw new Error('useEngineStatus: no EngineStatusProvider above this component');
  return v;
}
