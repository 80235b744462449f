import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { ChangeTopic } from '../../../shared/api/events';
import { useApi } from '../api/ApiContext';

export type TopicVersions = Readonly<Record<ChangeTopic, number>>;

const initial: TopicVersions = { status: 0, outbox: 0, schedule: 0, settings: 0, contacts: 0, inbox: 0 };
const LiveContext = createContext<TopicVersions>(initial);

/** Counts engine pushes per topic; screens put the counts of the topics they show in their fetch deps. */
export function LiveUpdatesProvider({ children }: Readonly<{ children: ReactNode }>) {
  const api = useApi();
  const [versions, setVersions] = useState<TopicVersions>(initial);
  useEffect(() => {
    const bump = (topics: readonly ChangeTopic[]) =>
      setVersions((v) => {
        const next = { ...v };
        for (const t of topics) next[t] += 1;
        return next;
      });
    const offs = [
      api.on('engine:changed', (p) => bump(p.topics)),
      api.on('engine:paused', () => bump(['status', 'outbox'])),
      api.on('engine:resumed', () => bump(['status', 'outbox'])),
      api.on('engine:attention', () => bump(['status', 'outbox'])),
    ];
    return () => offs.forEach((off) => off());
  }, [api]);
  return <LiveContext.Provider value={versions}>{children}</LiveContext.Provider>;
}

/** A number that changes whenever any of `topics` changed in the engine. */
export function useTopicVersion(...topics: ChangeTopic[]): number {
  const versions = useContext(LiveContext);
  return topics.reduce((sum, t) => sum + versions[t], 0);
}
