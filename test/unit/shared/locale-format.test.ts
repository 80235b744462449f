import { describe, expect, it } from 'vitest';
import { createLocaleFormats, resolveLocale } from '../../../shared/util/locale-format';

// Intl output uses narrow no-break spaces in some locales ("9:30 AM"): compare with plain spaces.
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

describe('locale formats', () => {
  const iso = '2026-11-28T09:30:00-05:00';
  const pm = '2026-11-28T14:05:00-05:00';

  it('en-US: 12-hour times, month-first days, national phone numbers', () => {
    const f = createLocaleFormats('en-US', 'US');
    expect(plain(f.time(iso))).toBe('9:30 AM');
    expect(plain(f.time(pm))).toBe('2:05 PM');
    expect(f.day('2026-11-28')).toBe('Sat, Nov 28');
    expect(f.longDay('2026-11-28')).toBe('Saturday, November 28, 2026');
    expect(f.phone('+12125550134')).toBe('(212) 555-0134');
    expect(f.phone('+447400123456')).toBe('+44 7400 123456');
    expect(f.count(2000)).toBe('2,000');
  });

  it('en-GB: 24-hour times, day-first days', () => {
    const f = createLocaleFormats('en-GB', 'GB');
    expect(f.time(iso)).toBe('09:30');
    expect(f.time(pm)).toBe('14:05');
    expect(f.day('2026-11-28')).toBe('Sat 28 Nov');
    expect(f.phone('+447400123456')).toBe('07400 123456');
    expect(f.phone('+12125550134')).toBe('+1 212 555 0134');
  });

  it('de-DE: 24-hour times, German day names and numbers', () => {
    const f = createLocaleFormats('de-DE', 'DE');
    expect(f.time(pm)).toBe('14:05');
    expect(f.day('2026-11-28')).toBe('Sa., 28. Nov.');
    expect(f.count(2000)).toBe('2.000');
    expect(f.phone('+4930123456')).toBe('030 123456');
  });

  it('shows the clinic wall-clock time whatever zone this computer is in, and instants in the given zone', () => {
    const f = createLocaleFormats('en-US', 'US');
    expect(plain(f.time('2026-11-28T23:45:00-08:00'))).toBe('11:45 PM');
    expect(plain(f.instant('2026-11-28T14:30:00Z', 'America/New_York'))).toBe('Sat, Nov 28, 9:30 AM');
    expect(plain(f.when(pm, '2026-11-28'))).toBe('2:05 PM');
    expect(plain(f.when(pm, '2026-11-29'))).toBe('Sat, Nov 28 2:05 PM');
    expect(plain(f.compactWhen(pm, '2026-11-29'))).toBe('Sat 2:05 PM');
  });

  it('resolves the locale from the OS or browser languages, completed with the clinic country', () => {
    expect(resolveLocale(['en-GB', 'en'], 'US')).toBe('en-GB');
    expect(resolveLocale(['en'], 'US')).toBe('en-US');
    expect(resolveLocale(['not a tag!', 'de'], 'DE')).toBe('de-DE');
    expect(resolveLocale([], 'US')).toBe('en-US');
  });
});
