import type { Transports } from '../../core/channels/channel';
import { simulateTransports } from '../../core/channels/simulate';
import type { WritableDB } from '../../core/db/types';
import type { Clock } from '../../core/platform/clock';
import { badRequest } from '../../core/platform/errors';

/**
 * FRONTDESK_TRANSPORT=simulate (default) or twilio (docs/cli.md#environment). The Twilio SDK is loaded only when
 * asked for, so simulate-mode commands start fast.
 */
export function transportsFromEnv(env: NodeJS.ProcessEnv, db: WritableDB, clock: Clock): Transports {
  const kind = (env['FRONTDESK_TRANSPORT'] ?? 'simulate').toLowerCase();
  if (kind === 'simulate') return simulateTransports(db, clock);
  if (kind === 'twilio') {
    const { twilioTransportsFromEnv } = require('../../core/channels/twilio-config') as typeof import('../../core/channels/twilio-config');
    return twilioTransportsFromEnv(env, clock);
  }
  throw badRequest(`FRONTDESK_TRANSPORT must be "simulate" or "twilio", got "${kind}"`);
}
