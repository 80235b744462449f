import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../../../electron/core/schedule/phone';

describe('normalizePhone', () => {
  it.each([
    ['(212) 555-0101', '+12125550101'],
    ['212.555.0101', '+12125550101'],
    ['+1 646 555 0100', '+16465550100'],
    [' 1-718-555-0134 ', '+17185550134'],
  ])('normalises US %s to E.164', (raw, e164) => {
    expect(normalizePhone(raw, 'US')).toEqual({ ok: true, e164 });
  });

  it('keeps an international number written with its country code', () => {
    expect(normalizePhone('+44 20 7946 0958', 'US')).toEqual({ ok: true, e164: '+442079460958' });
  });

  it('reads national numbers in the default region', () => {
    expect(normalizePhone('020 7946 0958', 'GB')).toEqual({ ok: true, e164: '+442079460958' });
  });

  it.each(['555-12', '(555) 123-4567', 'call me', ''])('rejects %j with a reason naming the region', (raw) => {
    const result = normalizePhone(raw, 'US');
    expect(result).toEqual({ ok: false, reason: `phone "${raw.trim()}" is not a valid number for US` });
  });

  it('rejects an unknown region', () => {
    expect(normalizePhone('212 555 0101', 'XX')).toEqual({ ok: false, reason: '"XX" is not a known phone region' });
  });
});
