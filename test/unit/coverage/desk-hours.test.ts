import { describe, expect, it } from 'vitest';
import { formatDeskHours, parseDeskHours } from '../../../electron/core/coverage/desk-hours';

function parsed(text: string) {
  const result = parseDeskHours(text);
  if (!result.ok) throw new Error(result.reason);
  return result.hours;
}

describe('desk hours parser', () => {
  it('reads day ranges, single days and several entries', () => {
    const week = parsed('Mon-Fri 07:30-18:00, Sat 09:00-13:00');
    expect(week[1]).toEqual([{ from: 450, until: 1080 }]);
    expect(week[5]).toEqual([{ from: 450, until: 1080 }]);
    expect(week[6]).toEqual([{ from: 540, until: 780 }]);
    expect(week[7]).toEqual([]);
  });

  it.each([
    ['Mon-Fri 07:30-18:00, Sat 09:00-13:00', 'Mon-Fri 07:30-18:00, Sat 09:00-13:00'],
    ['monday-friday 7:30 - 18:00', 'Mon-Fri 07:30-18:00'],
    ['Mon 08:00-12:00, Mon 13:00-17:00', 'Mon 08:00-12:00, Mon 13:00-17:00'],
    ['Mon 08:00-12:00, Mon 11:00-17:00', 'Mon 08:00-17:00'],
    ['Sat 00:00-24:00, Sun 00:00-24:00', 'Sat-Sun 00:00-24:00'],
    ['Tue 09:00-17:00, Wed 09:00-17:00', 'Tue-Wed 09:00-17:00'],
  ])('"%s" is understood as "%s"', (text, canonical) => {
    expect(formatDeskHours(parsed(text))).toBe(canonical);
    expect(formatDeskHours(parsed(canonical))).toBe(canonical);
  });

  it.each([
    ['', /empty/],
    ['Mon-Fri', /not "DAYS HH:mm-HH:mm"/],
    ['Mon-Fri 07:30', /not a time range/],
    ['Mon-Fri 07:30-18:00,', /empty entry/],
    ['Mo-Fr 07:30-18:00', /"Mo" is not a day/],
    ['Fri-Mon 07:30-18:00', /runs backwards/],
    ['Mon-Fri 7.30-18:00', /"7.30" is not a time/],
    ['Mon-Fri 07:30-25:00', /"25:00" is not a time/],
    ['Mon-Fri 07:60-18:00', /"07:60" is not a time/],
    ['Mon-Fri 18:00-07:30', /ends before it starts.*two entries/],
    ['Mon-Fri 24:00-24:00', /"24:00" is not a time/],
    ['Mon-Tue-Wed 07:00-08:00', /not a day or a day range/],
    ['Mon-Fri 07:30-18:00 Sat', /not "DAYS HH:mm-HH:mm"/],
  ])('refuses "%s" with a clear reason', (text, reason) => {
    const result = parseDeskHours(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});
