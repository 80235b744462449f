import { describe, expect, it } from 'vitest';
import type { Channel } from '../../../shared/domain/types';
import { pausedChannels, providerKey, scopedPauseReason, type ScopedPause } from '../../../electron/core/control/scoped-pause';

const pause = (scope: ScopedPause['scope'], target: string, reason = 'out sick'): ScopedPause => ({
  scope,
  target,
  reason,
  at: 0,
  by: 'test',
});

describe('the final check with scoped pauses', () => {
  const cases: { name: string; pauses: ScopedPause[]; channel: Channel; provider: string | null; blocked: string | null }[] = [
    { name: 'no scoped pause', pauses: [], channel: 'sms', provider: 'Dr. Patel', blocked: null },
    {
      name: 'the provider paused',
      pauses: [pause('provider', 'Dr. Patel')],
      channel: 'sms',
      provider: 'Dr. Patel',
      blocked: 'provider Dr. Patel paused: out sick',
    },
    {
      name: 'the provider, spelled otherwise',
      pauses: [pause('provider', 'Dr. Patel')],
      channel: 'voice',
      provider: '  dr.  PATEL ',
      blocked: 'provider Dr. Patel paused: out sick',
    },
    { name: 'another provider paused', pauses: [pause('provider', 'Dr. Patel')], channel: 'sms', provider: 'Dr. Chen', blocked: null },
    { name: 'no provider on the appointment', pauses: [pause('provider', 'Dr. Patel')], channel: 'sms', provider: null, blocked: null },
    {
      name: 'the channel paused',
      pauses: [pause('channel', 'sms', 'carrier issue')],
      channel: 'sms',
      provider: 'Dr. Chen',
      blocked: 'sms paused: carrier issue',
    },
    { name: 'another channel paused', pauses: [pause('channel', 'voice')], channel: 'email', provider: 'Dr. Chen', blocked: null },
    {
      name: 'a provider name that looks like a channel',
      pauses: [pause('provider', 'sms')],
      channel: 'sms',
      provider: 'Dr. Chen',
      blocked: null,
    },
    {
      name: 'both paused: the first listed wins',
      pauses: [pause('channel', 'email', 'server down'), pause('provider', 'Dr. Patel')],
      channel: 'email',
      provider: 'Dr. Patel',
      blocked: 'email paused: server down',
    },
  ];
  it.each(cases)('$name', ({ pauses, channel, provider, blocked }) => {
    expect(scopedPauseReason(pauses, channel, provider)).toBe(blocked);
  });

  it('lists the channels paused as a whole (the claim skips them)', () => {
    expect(pausedChannels([pause('provider', 'Dr. Patel'), pause('channel', 'voice')])).toEqual(['voice']);
  });

  it('compares provider names without case or extra spaces', () => {
    expect(providerKey(' Dr.   Patel ')).toBe('dr. patel');
  });
});
