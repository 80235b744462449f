import { createContext, useContext, type ReactNode } from 'react';
import type { Api } from './client';

const ApiContext = createContext<Api | null>(null);

/** Provides the API to the component tree: `createApi()` in main.tsx, `createFakeApi()` in tests. */
export function ApiProvider(props: Readonly<{ api: Api; children: ReactNode }>) {
  return <ApiContext.Provider value={props.api}>{props.children}</ApiContext.Provider>;
}

/** The API of the nearest ApiProvider. */
export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() needs an <ApiProvider> above it');
  return api;
}
