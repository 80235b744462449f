import { describe, expect, it, vi } from 'vitest';
import type { EngineEvent } from '../../../electron/core/platform/engine-events';
import { PauseKindSchema } from '../../../shared/domain/types';

vi.mock('electron', () => ({ Notification: class {} }));

const { createNotifier, notificationFor, notificationText, notificationTopic, startupNotifications } = await import(
  '../../../electron/app/notifications'
);

type AttentionKind = Extract<EngineEvent, { type: 'attention' }>['kind'];
// `satisfies` makes a new attention kind fail to compile here until the PII test covers it.
const ATTENTION_KINDS = {
  invalid_number: 1,
  call_unknown: 1,
  auth_failed: 1,
  breaker: 1,
  opted_out: 1,
  schedule_stale: 1,
  schedule_held: 1,
  schedule_refused: 1,
  send_ahead_not_cancelled: 1,
  sender_down: 1,
  coverage_at_risk: 1,
} satisfies Record<AttentionKind, 1>;

// What engine messages can carry today (record-result.ts, reconcile.ts, provider errors) and more.
const PII = ['Maria Gonzalez', 'Gonzalez', '+12125550199', '2125550199', '(212) 555-0199', '555-0199', 'maria.gonzalez@example.com'];
const LEAKY = `Call outcome unknown for Maria Gonzalez (+12125550199, (212) 555-0199, maria.gonzalez@example.com)`;

/** Every engine event there is, each carrying patient details in its free text. */
function everyEvent(): EngineEvent[] {
  return [
    { type: 'changed', topics: ['status', 'outbox', 'schedule', 'settings', 'contacts'] },
    { type: 'resumed' },
    ...PauseKindSchema.options.map((kind): EngineEvent => ({ type: 'paused', kind, reason: LEAKY })),
    ...(Object.keys(ATTENTION_KINDS) as AttentionKind[]).map((kind): EngineEvent => ({ type: 'attention', kind, message: LEAKY })),
  ];
}

function expectNoPii(text: string) {
  for (const value of PII) expect(text).not.toContain(value);
  expect(text).not.toMatch(/\d{3}.?\d{4}/); // no phone-like digit run at all
  expect(text).not.toMatch(/@/);
}

describe('notifications show no patient details (they appear on a locked screen)', () => {
  it('no event kind puts a name, number or email into the title or body, whatever its message says', () => {
    let shown = 0;
    for (const event of everyEvent()) {
      const spec = notificationFor(event);
      if (!spec) continue;
      shown += 1;
      expectNoPii(`${spec.title}\n${spec.body}`);
      expect(spec.body).toContain('Open Frontdesk');
    }
    expect(shown).toBe(12); // breaker + config pauses, and 10 attention kinds (4 + 3 schedule-source + send-ahead not cancelled + 2 desk-off)
  });

  it('batched notifications carry counts only', () => {
    const shown: Array<{ title: string; body: string }> = [];
    const timers: Array<() => void> = [];
    const notify = createNotifier({ show: (s) => void shown.push(s), now: () => 0, later: (fn) => void timers.push(fn) });
    for (let i = 0; i < 5; i++)
      notify({ type: 'attention', kind: 'invalid_number', message: `Fix this number: +1212555019${i} (Maria Gonzalez)` });
    timers.splice(0).forEach((fn) => fn());
    expect(shown).toEqual([
      {
        title: '5 phone numbers need fixing',
        body: '5 reminders could not be sent to an invalid number. Open Frontdesk to fix them.',
        urgency: 'normal',
      },
    ]);
    expectNoPii(JSON.stringify(shown));
  });
});

describe('notificationTopic', () => {
  it('notifies when the breaker trips, sending paused itself, a number is invalid or a call outcome is unknown', () => {
    expect(notificationTopic({ type: 'paused', kind: 'breaker', reason: 'x' })).toBe('breaker');
    expect(notificationTopic({ type: 'attention', kind: 'breaker', message: 'x' })).toBe('breaker');
    expect(notificationTopic({ type: 'paused', kind: 'config', reason: 'x' })).toBe('config');
    expect(notificationTopic({ type: 'attention', kind: 'auth_failed', message: 'x' })).toBe('config');
    expect(notificationTopic({ type: 'attention', kind: 'invalid_number', message: 'x' })).toBe('invalid_number');
    expect(notificationTopic({ type: 'attention', kind: 'call_unknown', message: 'x' })).toBe('call_unknown');
    expect(notificationFor({ type: 'paused', kind: 'breaker', reason: 'x' })).toMatchObject({ urgency: 'critical' });
    expect(notificationText('call_unknown', 1).body).toContain('not be retried');
  });

  it('stays quiet for a manual pause, resume, routine changes and opt-outs', () => {
    expect(notificationTopic({ type: 'paused', kind: 'manual', reason: 'lunch' })).toBeNull();
    expect(notificationTopic({ type: 'resumed' })).toBeNull();
    expect(notificationTopic({ type: 'changed', topics: ['outbox'] })).toBeNull();
    expect(notificationTopic({ type: 'attention', kind: 'opted_out', message: 'x' })).toBeNull();
  });

  it('says at start when stored credentials could not be read', () => {
    expect(startupNotifications({ unreadable: true })).toEqual([notificationText('credentials', 1)]);
    expect(notificationText('credentials', 1).body).toContain('paused until they are re-entered');
    expect(startupNotifications({ unreadable: false })).toEqual([]);
    expect(startupNotifications({})).toEqual([]);
  });
});

describe('createNotifier', () => {
  function setup() {
    let now = 0;
    const shown: string[] = [];
    const timers: Array<{ at: number; fn: () => void }> = [];
    const notify = createNotifier({
      show: (s) => void shown.push(s.title),
      now: () => now,
      later: (fn, ms) => void timers.push({ at: now + ms, fn }),
      batchMs: 2_000,
      quietMs: 60_000,
    });
    const advance = (to: number) => {
      now = to;
      for (const t of timers.filter((x) => x.at <= to)) {
        timers.splice(timers.indexOf(t), 1);
        t.fn();
      }
    };
    return { notify, shown, advance, timers };
  }

  it('a burst on one topic is one notification; the breaker pause and its attention event are one', () => {
    const { notify, shown, advance } = setup();
    notify({ type: 'paused', kind: 'breaker', reason: 'r' });
    notify({ type: 'attention', kind: 'breaker', message: 'm' });
    notify({ type: 'attention', kind: 'call_unknown', message: 'm' });
    notify({ type: 'attention', kind: 'call_unknown', message: 'm' });
    notify({ type: 'changed', topics: ['status'] });
    advance(1_999);
    expect(shown).toEqual([]);
    advance(2_000);
    expect(shown).toEqual(['Sending paused: safety breaker tripped', '2 call outcomes unknown']);
  });

  it('at most one per topic per quiet period: later events are counted into the next one', () => {
    const { notify, shown, advance } = setup();
    notify({ type: 'attention', kind: 'invalid_number', message: 'm' });
    advance(2_000);
    notify({ type: 'attention', kind: 'invalid_number', message: 'm' });
    advance(10_000);
    notify({ type: 'attention', kind: 'invalid_number', message: 'm' });
    advance(61_999);
    expect(shown).toEqual(['A phone number needs fixing']);
    advance(62_000);
    expect(shown).toEqual(['A phone number needs fixing', '2 phone numbers need fixing']);
  });
});
