import type { EventRow } from '../db/repos/events-repo';
import type { ControlAuditRow } from '../db/repos/control-repo';

/**
 * The audit view is one list: the schedule's events (imports, settings, opt-outs, and the pauses of
 * databases from before the control file) and the control file's pauses, resumes and breaker trips.
 * Entries from the control file carry negative ids so the two id sequences never collide.
 */
export function mergeAudit(scheduleEvents: readonly EventRow[], controlEvents: readonly ControlAuditRow[], limit: number): EventRow[] {
  const fromControl = controlEvents.map((e) => ({ ...e, id: -e.id }));
  // Newest first; at equal instants the control entry (a pause) goes first, as it happened last, and
  // within one source the later entry (higher original id) goes first.
  const originalId = (e: EventRow): number => Math.abs(e.id);
  const fromControlFirst = (e: EventRow): number => (e.id < 0 ? 0 : 1);
  return [...scheduleEvents, ...fromControl]
    .sort((a, b) => b.at - a.at || fromControlFirst(a) - fromControlFirst(b) || originalId(b) - originalId(a))
    .slice(0, limit);
}
