import type { PlanResult } from '../../../shared/domain/dto';
import type { ReadableDB, WritableDB } from '../db/types';
import { getClinicSettings } from '../clinic/clinic-settings';
import { DEFAULT_LIMITS } from '../rules/defaults';
import { countPlannedForUpcoming, getPlanningAppointment, listIdsNeedingPlan } from '../db/repos/planning-repo';
import { planAppointment, type PlanPolicy } from './appointment-plan';
import { markRangePlanned, planNeverPlannedRange } from './bulk-plan';

/** Appointments per planning transaction (the fast path inserts ~3 rows each). */
const BATCH = 5000;

export function planPolicy(db: ReadableDB): PlanPolicy {
  const settings = getClinicSettings(db);
  return {
    rules: settings.rules,
    cutoffMinutes: settings.limits.lastStepCutoffMinutes,
    settleMs: (settings.limits.settleMinutes ?? DEFAULT_LIMITS.settleMinutes ?? 0) * 60_000,
  };
}

/** Plans one batch of flagged appointments in its own transaction; returns how many it visited. */
function planOneBatch(db: WritableDB, policy: PlanPolicy, now: number, totals: PlanResult): number {
  return db
    .transaction(() => {
      const batch = listIdsNeedingPlan(db, BATCH);
      if (batch.length === 0) return 0;
      // The batch is the first BATCH flagged ids, so [first, last] holds exactly these flagged rows.
      const first = batch[0]!.id;
      const last = batch[batch.length - 1]!.id;
      totals.enqueued += planNeverPlannedRange(db, policy, now, first, last);
      for (const { id, planned_start } of batch) {
        if (planned_start === null) continue;
        const appt = getPlanningAppointment(db, id);
        if (!appt) continue;
        const counts = planAppointment(db, appt, policy, now);
        totals.enqueued += counts.enqueued;
        totals.cancelled += counts.cancelled;
      }
      markRangePlanned(db, first, last);
      return batch.length;
    })
    .immediate();
}

/**
 * The planner (docs/architecture.md#the-reminder-pipeline): idempotent by the UNIQUE key; it visits only appointments changed since
 * their last planning, so a re-plan with no changes costs one index probe whatever the history.
 * Each batch commits on its own: a crash leaves the rest flagged for the next run.
 */
export function runPlanner(db: WritableDB, now: number, options: { countExisting?: boolean } = {}): PlanResult {
  const policy = planPolicy(db);
  const totals: PlanResult = { enqueued: 0, existing: 0, cancelled: 0 };
  while (planOneBatch(db, policy, now, totals) === BATCH) {
    // keep going until the work list is empty
  }
  // `existing` reports what was already planned for the schedule ahead (the CLI shows it); the
  // cron path skips the count so a no-change re-plan stays an index probe.
  if (options.countExisting) totals.existing = Math.max(0, countPlannedForUpcoming(db, now) - totals.enqueued);
  return totals;
}

/**
 * The same for long-running engines: yields to the event loop between batches, so re-planning a
 * whole schedule after a rules change never freezes the window or the web host.
 */
export async function runPlannerInSteps(db: WritableDB, now: () => number): Promise<PlanResult> {
  const policy = planPolicy(db);
  const totals: PlanResult = { enqueued: 0, existing: 0, cancelled: 0 };
  while (planOneBatch(db, policy, now(), totals) === BATCH) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return totals;
}
