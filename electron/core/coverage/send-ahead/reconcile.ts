import type { ClinicSettings } from '../../../../shared/domain/dto';
import { deleteLatestAttempt, setAttemptOutcome } from '../../db/repos/contacts-repo';
import { getPlanningAppointment } from '../../db/repos/planning-repo';
import { listUnknownSendAhead, resolveUnknownSendAhead } from '../../db/repos/send-ahead-repo';
import { buildMessage } from '../../outbox/message';
import type { SendAheadDeps } from './deps';
import { applyProviderStatus } from './provider-status';

/** Twilio's message list may lag a create; "not found" is trusted only this long after the claim. */
const LOOKUP_AFTER_MS = 30_000;

/**
 * A send-ahead claim left `unknown` (the process died between Twilio's answer and our write, or the request
 * went unanswered) is looked up at Twilio before anything else: found → `scheduled` with its SID (or what it
 * became since), so it is never scheduled twice; not found → pending again, its ledger attempt removed.
 */
export async function reconcileSendAhead(deps: SendAheadDeps, settings: ClinicSettings): Promise<void> {
  const { db, clock } = deps;
  const scheduler = deps.transports.scheduledSms;
  if (!scheduler) return;
  for (const row of listUnknownSendAhead(db, 100)) {
    if ((row.claimed_at ?? 0) + LOOKUP_AFTER_MS > clock.now()) continue;
    const appt = getPlanningAppointment(db, row.appointment_id);
    if (!appt) continue;
    const found = await scheduler.find(buildMessage(settings, row, appt));
    if (found.kind === 'unavailable') continue;
    const now = clock.now();
    db.transaction(() => {
      if (found.kind === 'not_found') {
        if (
          resolveUnknownSendAhead(
            db,
            row.id,
            { state: 'pending', reason: 'not found at Twilio after an interruption', providerId: null },
            now,
          )
        ) {
          deleteLatestAttempt(db, row.id);
        }
        return;
      }
      const at = new Date(row.send_at ?? now).toISOString();
      const reason = `scheduled at Twilio for ${at} (confirmed with Twilio after an interruption)`;
      if (!resolveUnknownSendAhead(db, row.id, { state: 'scheduled', reason, providerId: found.providerId }, now)) return;
      setAttemptOutcome(
        db,
        row.id,
        { outcome: 'sent', countsForBudget: true, providerId: found.providerId, detail: `scheduled for ${at}` },
        now,
      );
      applyProviderStatus(db, { ...row, state: 'scheduled', provider_id: found.providerId }, found.status, now);
    }).immediate();
  }
}
