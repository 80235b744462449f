import { insertNeverPlannedRange, type RuleWindowOffsets } from '../db/repos/planning-repo';
import type { WritableDB } from '../db/types';
import { stepWindows } from '../rules/windows';
import type { PlanPolicy } from './appointment-plan';

export { markRangePlanned } from '../db/repos/planning-repo';

/** The policy's windows as offsets before the start (ms), the form the bulk insert takes. */
function ruleOffsets(policy: PlanPolicy): RuleWindowOffsets[] {
  return stepWindows(0, policy.rules, policy.cutoffMinutes).map((w) => ({
    id: w.rule.id,
    channel: w.rule.channel,
    openMs: -w.opensAt,
    closeMs: -w.closesAt,
    onlyIfUnconfirmed: w.rule.onlyIfUnconfirmed,
  }));
}

/**
 * The planner's fast path for appointments never planned before: every flagged, never-planned appointment
 * with id in [fromId, toId] gets its reminders in one INSERT … SELECT (planning-repo.ts); returns rows inserted.
 */
export function planNeverPlannedRange(db: WritableDB, policy: PlanPolicy, now: number, fromId: number, toId: number): number {
  return insertNeverPlannedRange(db, ruleOffsets(policy), now, fromId, toId, policy.settleMs ?? 0);
}
