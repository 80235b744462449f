import type { Channel } from '../../../shared/domain/types';
import type { Transports } from '../channels/channel';
import type { ControlStore } from '../control/control-store';
import type { WritableDB } from '../db/types';
import { setAttemptOutcome } from '../db/repos/contacts-repo';
import { recordEvent } from '../db/repos/events-repo';
import { listAwaitingDelivery, setDeliveryState } from '../db/repos/outbox-repo';
import { optOutAddress } from '../schedule/consent-changes';
import { type Clock, DAY_MS } from '../platform/clock';
import type { EngineEventBus } from '../platform/engine-events';
import { confirmAppointment } from './appointment-actions';

/** What polling delivery statuses needs: the transports, the schedule, and the kill switch for carrier blocks. */
export interface DeliveryPollDeps {
  readonly db: WritableDB;
  readonly control: Pick<ControlStore, 'pause'>;
  readonly clock: Clock;
  readonly transports: Pick<Transports, Channel>;
  readonly events: Pick<EngineEventBus, 'emit'>;
}

/** Polls delivery status of accepted SMS and calls until final (no webhook on a desk PC). */
export async function pollDeliveryStatuses(deps: DeliveryPollDeps): Promise<number> {
  const { db, clock } = deps;
  let changed = 0;
  let carrierPause: string | null = null;
  for (const row of listAwaitingDelivery(db, clock.now() - 2 * DAY_MS, 100)) {
    const transport = deps.transports[row.channel];
    if (!transport?.deliveryStatus || !row.provider_id) continue;
    let status;
    try {
      status = await transport.deliveryStatus(row.provider_id);
    } catch {
      continue;
    }
    const now = clock.now();
    if (status.kind === 'pending') continue;
    db.transaction(() => {
      if (status.kind === 'delivered' || status.kind === 'completed') {
        setDeliveryState(
          db,
          row.id,
          'delivered',
          status.kind === 'completed' && status.answeredBy ? `answered by ${status.answeredBy}` : null,
          now,
        );
        setAttemptOutcome(db, row.id, { outcome: 'delivered', countsForBudget: true }, now);
        if (status.kind === 'completed' && status.digits === '1')
          confirmAppointment(db, row.appointment_id, now, `keypress 1 from ${row.recipient}`);
        if (status.kind === 'completed' && status.digits === '9') {
          optOutAddress(db, row.recipient, { at: now, source: 'keypress 9', actor: `keypress 9 from ${row.recipient}` });
          recordEvent(db, now, 'opted_out', `keypress 9 from ${row.recipient}`, {});
        }
      } else {
        const reason = status.error ?? status.kind;
        // Carrier registration missing (docs/twilio.md#carrier-registration): every later text would be blocked too.
        if (status.code === '30034' || status.code === '30032') {
          carrierPause = `Texts are blocked by the carriers (error ${status.code}): register the clinic's number (10DLC / toll-free verification)`;
          deps.control.pause({
            kind: 'config',
            reason: carrierPause,
            actor: 'dispatcher',
            now,
            audit: { kind: 'paused', detail: { kind: 'config', code: status.code } },
          });
        }
        setDeliveryState(db, row.id, 'undelivered', reason, now);
        setAttemptOutcome(
          db,
          row.id,
          {
            outcome: status.kind === 'failed' ? 'failed' : 'undelivered',
            countsForBudget: true,
            errorCode: status.code ?? null,
            detail: reason,
          },
          now,
        );
      }
    }).immediate();
    changed += 1;
  }
  if (carrierPause) {
    deps.events.emit({ type: 'paused', kind: 'config', reason: carrierPause });
    deps.events.emit({ type: 'attention', kind: 'auth_failed', message: carrierPause });
  }
  if (changed > 0) deps.events.emit({ type: 'changed', topics: ['outbox', 'contacts'] });
  return changed;
}
