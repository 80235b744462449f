import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ Notification: class {} }));

const { createNotifier, notificationFor } = await import('../../../electron/app/notifications');

describe('notificationFor', () => {
  it('notifies when the breaker trips or sending paused itself', () => {
    expect(notificationFor({ type: 'paused', kind: 'breaker', reason: '150 contacts due, expected 12.' })).toMatchObject({
      title: 'Sending paused: safety breaker tripped', urgency: 'critical',
    });
    expect(notificationFor({ type: 'paused', kind: 'config', reason: 'Twilio rejected the From number.' })).toMatchObject({
      title: 'Sending paused itself',
    });
  });

  it('notifies for an invalid number, an unknown call outcome, bad credentials and a breaker warning', () => {
    expect(notificationFor({ type: 'attention', kind: 'invalid_number', message: 'Ann: 555-01 is not a number' })?.title).toBe('Invalid phone number');
    expect(notificationFor({ type: 'attention', kind: 'call_unknown', message: 'Call to Bob' })?.body).toContain('not be retried');
    expect(notificationFor({ type: 'attention', kind: 'auth_failed', message: 'x' })?.urgency).toBe('critical');
    expect(notificationFor({ type: 'attention', kind: 'breaker', message: 'x' })).not.toBeNull();
  });

  it('stays quiet for a manual pause, resume, routine changes and opt-outs', () => {
    expect(notificationFor({ type: 'paused', kind: 'manual', reason: 'lunch' })).toBeNull();
    expect(notificationFor({ type: 'resumed' })).toBeNull();
    expect(notificationFor({ type: 'changed', topics: ['outbox'] })).toBeNull();
    expect(notificationFor({ type: 'attention', kind: 'opted_out', message: 'x' })).toBeNull();
  });
});

describe('createNotifier', () => {
  it('shows a repeated alert once per quiet period', () => {
    let now = 0;
    const show = vi.fn();
    const notify = createNotifier(show, () => now, 60_000);
    const event = { type: 'attention', kind: 'call_unknown', message: 'Call to Bob' } as const;
    notify(event);
    notify(event);
    notify({ type: 'changed', topics: ['status'] });
    expect(show).toHaveBeenCalledTimes(1);
    now = 61_000;
    notify(event);
    expect(show).toHaveBeenCalledTimes(2);
  });
});
