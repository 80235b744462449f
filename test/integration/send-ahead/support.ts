import { e164, importRows, local, phone, ZONE } from '../../helpers/engine';
import { fakeCoverage } from '../../helpers/fake-coverage';
import { outboxRow, startTwilioWorld, type TwilioTestEngine, type TwilioWorld } from '../../helpers/twilio-engine';

/** Friday 4 Dec 2026, 17:10 New York: the desk (Mon–Fri 07:30–18:00) goes off in 50 minutes. */
export const FRIDAY_1710 = local('2026-12-04 17:10');

/** A world whose engine schedules at-risk texts through the fake's Messaging Service. */
export async function sendAheadWorld(withService = true): Promise<{ world: TwilioWorld; engine: TwilioTestEngine }> {
  const world = await startTwilioWorld({ now: FRIDAY_1710 });
  const engine = world.engine({
    config: withService ? { messagingServiceSid: world.fake.messagingServiceSid } : {},
    coverage: fakeCoverage(ZONE),
  });
  return { world, engine };
}

/** Monday 10:00 appointments: their texts' windows (Sunday 10:00 → Monday 08:00) lie wholly in off or quiet time. */
export function importMonday(engine: TwilioTestEngine, n = 1): void {
  importRows(
    engine,
    Array.from({ length: n }, (_, i) => ({ id: `M${i + 1}`, name: `Patient ${i + 1}`, phone: phone(i + 1), startsAt: '2026-12-07 10:00' })),
  );
}

/** Imports one Monday appointment and runs Friday's cycle: its text waits at Twilio. Returns the SM sid. */
export async function scheduleOne(engine: TwilioTestEngine): Promise<string> {
  importMonday(engine);
  const result = await engine.services.dispatch();
  if (result.scheduled !== 1) throw new Error(`expected one scheduled text, got ${JSON.stringify(result)}`);
  const row = outboxRow(engine.db, 'M1', 'sms');
  if (row.state !== 'scheduled' || !row.provider_id) throw new Error(`not scheduled: ${JSON.stringify(row)}`);
  return row.provider_id;
}

export async function messageAtFake(world: TwilioWorld, sid: string) {
  const state = await world.fake.state();
  const m = state.messages.find((x) => x.sid === sid);
  if (!m) throw new Error(`no message ${sid} at the fake`);
  return m;
}

export { e164 };
