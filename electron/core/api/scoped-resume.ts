import type { ResumeReview } from '../../../shared/domain/dto';
import type { Channel } from '../../../shared/domain/types';
import type { LeaveOut, ScopedPauseView, ScopeRef } from '../../../shared/domain/staff';
import { getClinicSettings } from '../clinic/clinic-settings';
import type { ControlStore } from '../control/control-store';
import { describeScope, providerKey, scopeKey, scopedPauseReason, type ScopedPause } from '../control/scoped-pause';
import { findAppointmentByExternalId } from '../db/repos/appointments-repo';
import { recordEvent } from '../db/repos/events-repo';
import { countExpiredOnResume, endPendingRow, listPendingInKeyRange } from '../db/repos/outbox-repo';
import type { WritableDB } from '../db/types';
import type { EngineEventBus } from '../platform/engine-events';
import type { Clock } from '../platform/clock';
import { HOUR_MS } from '../platform/clock';
import { badRequest } from '../platform/errors';
import { predictPlan } from '../outbox/predict-plan';
import { runPlanner } from '../outbox/planner';
import { appointmentKeyRange } from '../rules/windows';
import { isoInZone } from './time-format';

type Configured = Readonly<Record<Channel, boolean>>;

/** The reason a reminder left out at resume ends with: `suppressed`, so no later re-plan brings it back. */
export const LEFT_OUT_REASON = 'left out at resume';

/** Does this pause name the same scope as `ref`? */
const sameScope = (p: ScopedPause, ref: ScopeRef): boolean =>
  p.scope === ref.scope && scopeKey(p.scope, p.target) === scopeKey(ref.scope, ref.target);

/**
 * What a resume would release in the next hour, grouped by patient (docs/control.md#resume-review):
 * `resuming` 'all' is the kill switch's resume; a scope is one provider's or channel's. Reminders still
 * held by another scoped pause are counted, not listed. Same prediction as `preview` (nothing written).
 */
export function resumeReviewFor(
  db: WritableDB,
  now: number,
  configured: Configured,
  resuming: ScopeRef | 'all',
  pauses: readonly ScopedPause[],
): ResumeReview {
  const zone = getClinicSettings(db).timezone;
  const remaining = resuming === 'all' ? pauses : pauses.filter((p) => !sameScope(p, resuming));
  const groups = new Map<string, ResumeReview['waiting'][number]>();
  let held = 0;
  for (const { row, appointment, at } of predictPlan(db, now, now + HOUR_MS, configured)) {
    if (resuming !== 'all' && scopedPauseReason([{ ...resuming, reason: '', at: 0, by: '' }], row.channel, appointment.provider) === null)
      continue;
    if (scopedPauseReason(remaining, row.channel, appointment.provider) !== null) {
      held += 1;
      continue;
    }
    const key = `${appointment.patient_name}\u0000${row.recipient}`;
    const group = groups.get(key) ?? { patient: appointment.patient_name, to: row.recipient, items: [] };
    group.items.push({
      appointment: appointment.external_id,
      channel: row.channel,
      to: row.recipient,
      at: isoInZone(at, zone),
      outcome: 'planned',
      rule: row.rule_id,
      patient: appointment.patient_name,
      startsAt: isoInZone(appointment.starts_at, zone),
    });
    groups.set(key, group);
  }
  return { waiting: [...groups.values()], expiredOnResume: countExpiredOnResume(db, now), heldByScopedPause: held };
}

/**
 * Ends the reminders the desk left out of a resume: planned first (the review may list a reminder the
 * planner has not written yet), then each one's pending row is suppressed with the reason and who, and
 * one audit entry lists them. Returns how many rows were ended.
 */
export function leaveOutAtResume(db: WritableDB, now: number, actor: string, items: readonly LeaveOut[]): number {
  if (items.length === 0) return 0;
  runPlanner(db, now);
  return db
    .transaction(() => {
      let ended = 0;
      for (const item of items) {
        const appt = findAppointmentByExternalId(db, 'csv', item.appointment);
        if (!appt) throw badRequest(`no appointment with id "${item.appointment}"`);
        for (const row of listPendingInKeyRange(db, appointmentKeyRange(appt.id))) {
          if (row.rule_id === item.rule && endPendingRow(db, row.id, 'suppressed', `${LEFT_OUT_REASON} by ${actor}`, now)) ended += 1;
        }
      }
      recordEvent(db, now, 'resume_left_out', actor, { items, ended });
      return ended;
    })
    .immediate();
}

export const scopedPauseView = (p: ScopedPause, zone: string): ScopedPauseView => ({
  scope: p.scope,
  target: p.target,
  reason: p.reason,
  pausedAt: isoInZone(p.at, zone),
  pausedBy: p.by,
});

export interface ScopedPauseDeps {
  readonly db: WritableDB;
  readonly control: ControlStore;
  readonly clock: Clock;
  readonly events: EngineEventBus;
}

/** Pause and resume of one provider or channel (docs/control.md#scoped-pauses): only the control file is written for a pause. */
export function createScopedPauseServices({ db, control, clock, events }: ScopedPauseDeps) {
  const changed = (): void => events.emit({ type: 'changed', topics: ['status', 'outbox'] });
  return {
    pauseScope: (input: ScopeRef & { reason?: string | undefined; actor: string }): ScopedPause[] => {
      const target = input.scope === 'provider' ? input.target.trim().replace(/\s+/g, ' ') : input.target;
      if (input.scope === 'provider' && providerKey(target) === '') throw badRequest('name the provider to pause');
      const reason = input.reason?.trim() || `paused by the front desk`;
      const pauses = control.pauseScope({ scope: input.scope, target, reason, actor: input.actor, now: clock.now() });
      changed();
      return pauses;
    },
    /** Lifts one scoped pause, leaving out the listed reminders first; NOT_FOUND-style error when it was not paused. */
    resumeScope: (input: ScopeRef & { actor: string; leaveOut?: readonly LeaveOut[] | undefined }): ScopedPause[] => {
      if (!control.scopedPauses().some((p) => sameScope(p, input))) {
        throw badRequest(`${describeScope(input.scope, input.target)} is not paused`);
      }
      leaveOutAtResume(db, clock.now(), input.actor, input.leaveOut ?? []);
      control.resumeScope({ scope: input.scope, target: input.target, actor: input.actor, now: clock.now() });
      changed();
      return control.scopedPauses();
    },
  };
}
