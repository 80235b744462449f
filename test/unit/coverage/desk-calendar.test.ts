import { describe, expect, it } from 'vitest';
import { weeklyDeskCalendar } from '../../../electron/core/coverage/desk-calendar';
import { parseDeskHours } from '../../../electron/core/coverage/desk-hours';
import { local } from '../../helpers/engine';

function calendar(text: string, zone = 'America/New_York') {
  const result = parseDeskHours(text);
  if (!result.ok) throw new Error(result.reason);
  return weeklyDeskCalendar(result.hours, zone, 'configured');
}

describe('weekly desk calendar', () => {
  const desk = calendar('Mon-Fri 07:30-18:00, Sat 09:00-13:00');

  it.each([
    ['2026-12-04 07:29', false], // Friday
    ['2026-12-04 07:30', true],
    ['2026-12-04 17:59', true],
    ['2026-12-04 18:00', false],
    ['2026-12-05 10:00', true], // Saturday
    ['2026-12-05 13:00', false],
    ['2026-12-06 12:00', false], // Sunday
  ])('%s is desk time: %s', (at, expected) => {
    expect(desk.isDeskTime(local(at))).toBe(expected);
  });

  it('says when the desk next goes off: the end of this period, or now when it is already off', () => {
    expect(desk.nextOffStartMs(local('2026-12-04 16:00'))).toBe(local('2026-12-04 18:00'));
    expect(desk.nextOffStartMs(local('2026-12-04 19:00'))).toBe(local('2026-12-04 19:00'));
    expect(desk.nextOffStartMs(local('2026-12-05 09:00'))).toBe(local('2026-12-05 13:00'));
  });

  it('never goes off when the desk is always on; a period over midnight is one period', () => {
    expect(calendar('Mon-Sun 00:00-24:00').nextOffStartMs(local('2026-12-04 16:00'))).toBeNull();
    const overnight = calendar('Fri 20:00-24:00, Sat 00:00-06:00');
    expect(overnight.nextOffStartMs(local('2026-12-04 23:00'))).toBe(local('2026-12-05 06:00'));
  });

  it('keeps local hours across daylight saving changes (US: 8 March and 1 November 2026)', () => {
    const spring = desk.intervals(local('2026-03-06 00:00'), local('2026-03-10 00:00'));
    expect(spring).toEqual([
      { start: local('2026-03-06 07:30'), end: local('2026-03-06 18:00') },
      { start: local('2026-03-07 09:00'), end: local('2026-03-07 13:00') },
      { start: local('2026-03-09 07:30'), end: local('2026-03-09 18:00') },
    ]);
    // 07:30 local is 12:30 UTC before the change and 11:30 UTC after it.
    expect(new Date(spring[0]!.start).toISOString()).toBe('2026-03-06T12:30:00.000Z');
    expect(new Date(spring[2]!.start).toISOString()).toBe('2026-03-09T11:30:00.000Z');
    const autumn = desk.intervals(local('2026-11-02 00:00'), local('2026-11-03 00:00'));
    expect(new Date(autumn[0]!.start).toISOString()).toBe('2026-11-02T12:30:00.000Z');
  });
});
