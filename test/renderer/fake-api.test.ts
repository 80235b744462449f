import { describe, expect, it } from 'vitest';
import { createFakeApi, FakeError, type FakeHandlers } from '../../renderer/src/api/fake-api';

describe('fake API answers typed by the contract', () => {
  it('takes answers from the test, replacing a built-in one', async () => {
    const api = createFakeApi({
      handlers: {
        'contacts:list': ({ limit }) => [
          {
            appointment: 'A-1',
            channel: 'sms',
            to: '+12125550100',
            at: '2026-03-10T09:00:00-04:00',
            outcome: 'sent',
            rule: `limit ${limit ?? 'none'}`,
            providerId: null,
            detail: null,
          },
        ],
      },
    });
    expect(await api.invoke('contacts:list', { limit: 5 })).toMatchObject({ ok: true, value: [{ rule: 'limit 5' }] });
    expect(api.calls).toEqual([{ channel: 'contacts:list', req: { limit: 5 } }]);
  });

  it('turns a FakeError thrown by an answer into an error Result', async () => {
    const api = createFakeApi({
      handlers: {
        'audit:list': () => {
          throw new FakeError('CONFLICT', 'busy');
        },
      },
    });
    expect(await api.invoke('audit:list', {})).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'busy' } });
  });

  it('answers a call nobody faked with UNAVAILABLE, naming the call and the fix', async () => {
    const api = createFakeApi({ handlers: { 'audit:list': undefined } });
    expect(await api.invoke('audit:list', {})).toEqual({
      ok: false,
      error: { code: 'UNAVAILABLE', message: 'The fake API has no answer for audit:list: pass one in createFakeApi({ handlers })' },
    });
  });

  it('refuses answers that do not match the contract (checked by tsc -b)', () => {
    // @ts-expect-error the answer is not the contract's response for this call
    const wrongResult: FakeHandlers = { 'contacts:list': () => 'not rows' };
    // @ts-expect-error a call the contract does not have
    const unknownCall: FakeHandlers = { 'contacts:lst': () => [] };
    expect([wrongResult, unknownCall].every(Boolean)).toBe(true);
  });
});
