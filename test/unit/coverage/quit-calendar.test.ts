import { describe, expect, it } from 'vitest';
import { offFrom, weeklyDeskCalendar } from '../../../electron/core/coverage/desk-calendar';
import { parseDeskHours } from '../../../electron/core/coverage/desk-hours';

const ZONE = 'America/New_York';
const at = (iso: string) => Date.parse(iso);

function desk() {
  const parsed = parseDeskHours('Mon-Fri 07:30-18:00');
  if (!parsed.ok) throw new Error(parsed.reason);
  return weeklyDeskCalendar(parsed.hours, ZONE, 'configured');
}

describe('offFrom: the desk calendar of an app that quits now', () => {
  it('the rest of the current period is off; the next periods are as configured', () => {
    const quit = offFrom(desk(), at('2026-12-01T12:00:00-05:00')); // Tuesday noon
    expect(quit.isDeskTime(at('2026-12-01T11:59:00-05:00'))).toBe(true);
    expect(quit.isDeskTime(at('2026-12-01T12:00:00-05:00'))).toBe(false);
    expect(quit.isDeskTime(at('2026-12-01T17:59:00-05:00'))).toBe(false);
    expect(quit.isDeskTime(at('2026-12-02T07:30:00-05:00'))).toBe(true);
    expect(quit.nextOffStartMs(at('2026-12-01T13:00:00-05:00'))).toBe(at('2026-12-01T13:00:00-05:00'));
    expect(quit.intervals(at('2026-12-01T00:00:00-05:00'), at('2026-12-03T00:00:00-05:00'))).toEqual([
      { start: at('2026-12-01T07:30:00-05:00'), end: at('2026-12-01T12:00:00-05:00') },
      { start: at('2026-12-02T07:30:00-05:00'), end: at('2026-12-02T18:00:00-05:00') },
    ]);
  });

  it('quitting outside desk time changes nothing', () => {
    const saturday = at('2026-12-05T12:00:00-05:00');
    const quit = offFrom(desk(), saturday);
    const range: [number, number] = [saturday, saturday + 4 * 86_400_000];
    expect(quit.intervals(...range)).toEqual(desk().intervals(...range));
  });
});
