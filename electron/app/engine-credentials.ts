import type { FrontdeskServices } from '../core/api/service-types';
import type { Transport, Transports } from '../core/channels/channel';
import { twilioTransportsFromConfig, type ChannelConfig } from '../core/channels/twilio-config';
import type { Clock } from '../core/platform/clock';
import { assertNever } from '../core/platform/errors';
import type { Channel } from '../../shared/domain/types';
import { channelConfigFromSecrets, UNREADABLE_SECRETS_MESSAGE, type SecretRead } from './secrets';

/**
 * How the desktop engine sends, decided from the stored credentials at start:
 * - `simulate`: nothing stored (a new install); the UI says plainly that no one is contacted.
 * - `configured`: the real channels that are set; the others are "channel not configured".
 * - `locked`: credentials exist but cannot be read. Never simulate (that would silently stop real
 *   reminders while looking fine) and never "not configured" (that would suppress them): the engine
 *   starts paused, and every channel refuses, so even a resume cannot send until they are re-entered.
 */
export type TransportPlan =
  | Readonly<{ kind: 'simulate' }>
  | Readonly<{ kind: 'configured'; config: ChannelConfig }>
  | Readonly<{ kind: 'locked'; problem: string }>;

export function transportPlan(read: SecretRead): TransportPlan {
  if (read.kind === 'unreadable') return { kind: 'locked', problem: read.problem };
  const config = channelConfigFromSecrets(read.values);
  return config ? { kind: 'configured', config } : { kind: 'simulate' };
}

function refusingTransport(channel: Channel): Transport {
  return {
    name: 'credentials-unreadable',
    channel,
    // 'pause': the dispatcher puts the row back to pending and pauses everything for a human.
    send: async () => ({ kind: 'rejected', error: UNREADABLE_SECRETS_MESSAGE, action: 'pause' }),
    reconcile: async () => ({ kind: 'unavailable', error: UNREADABLE_SECRETS_MESSAGE }),
  };
}

/** Every channel present (so nothing is suppressed as "not configured"), and none can send. */
export function lockedTransports(): Transports {
  return {
    email: refusingTransport('email'),
    sms: refusingTransport('sms'),
    voice: refusingTransport('voice'),
    description: 'none: stored credentials could not be read, nothing is sent until they are re-entered',
  };
}

/** The engine's `transports` option for a plan; undefined leaves the engine's default (simulate). */
export function transportsOption(plan: TransportPlan): ((db: unknown, clock: Clock) => Transports) | undefined {
  switch (plan.kind) {
    case 'simulate':
      return undefined;
    case 'configured':
      return (_db, clock) => twilioTransportsFromConfig(plan.config, clock);
    case 'locked':
      return () => lockedTransports();
    default:
      return assertNever(plan);
  }
}

/**
 * Before the jobs start: with unreadable credentials the engine pauses with a reason the renderer's
 * banner and the tray show. An existing pause (breaker, a person) is left as it is.
 */
export function holdForCredentials(services: Pick<FrontdeskServices, 'status' | 'pause'>, plan: TransportPlan): boolean {
  if (plan.kind !== 'locked') return false;
  if (!services.status().paused) services.pause({ reason: UNREADABLE_SECRETS_MESSAGE, actor: 'app' });
  return true;
}
