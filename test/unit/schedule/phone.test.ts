import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../../../electron/core/schedule/phone';

describe('normalizePhone', () => {
  it.each([
    ['(212) 555-0101', '+12125550101'],
    ['212.555.0101', '+12125550101'],
    ['+1 646 555 0100', '+16465550100'],
    [' 1-718-555-0134 ', '+17185550134'],
  ])('normalises US %s to E.164', (raw, e164) => {
    expect(normalizePhone(raw, 'US')).toEqual({ ok: true, e164, country: 'US' });
  });

  it('keeps an international number written with its country code', () => {
    expect(normalizePhone('+44 20 7946 0958', 'US')).toEqual({ ok: true, e164: '+442079460958', country: 'GB' });
  });

  it('reads national numbers in the default region', () => {
    expect(normalizePhone('020 7946 0958', 'GB')).toEqual({ ok: true, e164: '+442079460958', country: 'GB' });
  });

  it.each(['555-12', '(555) 123-4567', 'call me', ''])('rejects %j with a reason naming the region', (raw) => {
    const result = normalizePhone(raw, 'US');
    expect(result).toEqual({ ok: false, reason: `phone "${raw.trim()}" is not a valid number for US` });
  });

  it('rejects an unknown region', () => {
    expect(normalizePhone('212 555 0101', 'XX')).toEqual({ ok: false, reason: '"XX" is not a known phone region' });
  });

  it.each([
    ['+1 212 555 0101', 'US', 'landline or mobile (US numbers do not say which)'],
    ['07400 123456', 'GB', 'mobile'],
    ['020 7946 0958', 'GB', 'landline'],
    ['056 1234 5678', 'GB', 'VoIP'],
    ['+81 90 1234 5678', 'US', 'mobile'],
    ['0412 345 678', 'AU', 'mobile'],
  ])('accepts the personal number %s (%s, %s)', (raw, region) => {
    expect(normalizePhone(raw, region)).toMatchObject({ ok: true });
  });

  it.each([
    ['1-900-555-0199', 'US', 'a premium-rate number'],
    ['(800) 555-0199', 'US', 'a toll-free number'],
    ['+1 500 555 0006', 'US', 'a personal (follow-me) number'],
    ['0909 879 0000', 'GB', 'a premium-rate number'],
    ['0843 123 4567', 'GB', 'a premium-rate number'],
    ['070 1234 5678', 'GB', 'a personal (follow-me) number'],
    ['0303 123 4567', 'GB', 'a business (UAN) number'],
    ['1300 123 456', 'AU', 'a shared-cost number'],
    ['01801 234567', 'DE', 'a shared-cost number'],
    ['+33 8 91 12 34 56', 'US', 'a premium-rate number'],
  ])('refuses the non-personal number %s (%s) as %s', (raw, region, what) => {
    expect(normalizePhone(raw, region)).toEqual({
      ok: false,
      reason: `phone "${raw}" is ${what}; only mobile, landline and VoIP numbers can be texted or called`,
    });
  });
});
