import cron from 'node-cron';
import type { JobScheduler, JobSpec } from './scheduler';

/** node-cron adapter. noOverlap is set too, as a second guard behind nonOverlapping(). */
export function nodeCronScheduler(): JobScheduler {
  return {
    schedule(spec: JobSpec, onTick: () => Promise<void>) {
      const task = cron.schedule(spec.cron, onTick, { name: spec.name, noOverlap: true });
      return { stop: () => task.destroy() };
    },
  };
}
