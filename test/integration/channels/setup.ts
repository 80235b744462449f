import type { OutgoingMessage } from '../../../electron/core/channels/channel';
import { createTwilioClient, type TwilioClient } from '../../../electron/core/channels/twilio-client';
import type { FakeTwilio } from '../../helpers/fake-twilio';

/** A real SDK client pointed at the fake, with short timeouts so the suite stays fast. */
export function sdkClient(fake: FakeTwilio, o: { timeoutMs?: number; maxRetries?: number; authToken?: string } = {}): TwilioClient {
  return createTwilioClient({
    accountSid: fake.accountSid,
    authToken: o.authToken ?? fake.authToken,
    apiBase: fake.baseUrl,
    timeoutMs: o.timeoutMs ?? 2_000,
    maxRetries: o.maxRetries ?? 0,
    maxRetryDelayMs: 20,
  });
}

let nextId = 1;

export function outgoing(fake: FakeTwilio, over: Partial<OutgoingMessage> = {}): OutgoingMessage {
  const now = fake.clock.now();
  const id = nextId++;
  return {
    outboxId: id,
    idempotencyKey: `appt:${id}:sms:step1`,
    channel: 'sms',
    to: '+15558675310',
    body: `Riverside Clinic: appointment Tuesday Mar 3 at 10:30 AM. Reply C to confirm. Questions: (555) 010-0000. Reply STOP to opt out. #${id}`,
    expiresAt: now + 2 * 3600_000,
    claimedAt: now,
    ...over,
  };
}
