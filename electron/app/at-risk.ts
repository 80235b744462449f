import type { FrontdeskServices } from '../core/api/service-types';

/** How far ahead the quit warning looks for reminders the desk being off would drop (the header's horizon too). */
const QUIT_HORIZON_HOURS = 72;

/**
 * How many planned reminders fall in expected off time, for the quit warning (docs/desktop-power.md#quit-warning):
 * the coverage report's count (docs/coverage.md). A count only; a busy schedule counts as none rather than
 * blocking Quit.
 */
export function atRiskCounter(services: Pick<FrontdeskServices, 'coverage'>): () => number {
  return () => services.coverage({ hours: QUIT_HORIZON_HOURS }).items.length;
}
