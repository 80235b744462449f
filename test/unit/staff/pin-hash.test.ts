import { describe, expect, it } from 'vitest';
import { checkPinFormat, hashPin, verifyPin } from '../../../electron/core/staff/pin-hash';

describe('desk PINs', () => {
  it('stores an scrypt hash with its own salt, never the PIN', async () => {
    const a = await hashPin('4821');
    const b = await hashPin('4821');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toContain('4821');
    expect(a).not.toBe(b); // a fresh salt each time
  });

  const cases = [
    { tried: '4821', ok: true },
    { tried: '4822', ok: false },
    { tried: '48210', ok: false },
    { tried: '', ok: false },
  ];
  it.each(cases)('checks "$tried" → $ok', async ({ tried, ok }) => {
    const stored = await hashPin('4821');
    expect(await verifyPin(tried, stored)).toBe(ok);
  });

  it('answers false (never throws) for a damaged stored value', async () => {
    for (const stored of ['', 'plain', 'scrypt$1$2$3$x$y', 'bcrypt$16384$8$1$AAAA$AAAA', 'scrypt$abc$8$1$AAAA$AAAA']) {
      expect(await verifyPin('4821', stored)).toBe(false);
    }
  });

  it('accepts 4 to 12 digits only', () => {
    for (const ok of ['1234', '123456789012']) expect(() => checkPinFormat(ok)).not.toThrow();
    for (const bad of ['123', '1234567890123', '12a4', ' 1234', '']) expect(() => checkPinFormat(bad)).toThrow('a PIN is 4 to 12 digits');
  });
});
