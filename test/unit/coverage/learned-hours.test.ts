import { describe, expect, it } from 'vitest';
import { weeklyDeskCalendar } from '../../../electron/core/coverage/desk-calendar';
import { formatDeskHours } from '../../../electron/core/coverage/desk-hours';
import { learnDeskHours, SLOT_MINUTES } from '../../../electron/core/coverage/learned-hours';
import { MINUTE_MS } from '../../../electron/core/platform/clock';
import { local } from '../../helpers/engine';

const NY = 'America/New_York';
const SLOT_MS = SLOT_MINUTES * MINUTE_MS;

/** Heartbeat slots for a PC on from `from` to `until` (local) on the given days. */
function onDuring(days: readonly string[], from: string, until: string): number[] {
  const slots: number[] = [];
  for (const day of days) {
    const end = local(`${day} ${until}`);
    for (let t = local(`${day} ${from}`); t < end; t += SLOT_MS) slots.push(Math.floor(t / SLOT_MS));
  }
  return [...new Set(slots)];
}

// 2026-11-09 .. 2026-11-20: two weeks, Monday to Friday each.
const WEEKDAYS = ['09', '10', '11', '12', '13', '16', '17', '18', '19', '20'].map((d) => `2026-11-${d}`);

describe('desk hours learned from heartbeats', () => {
  it('learns weekdays 07:30–18:00 from two weeks of a PC switched on and off', () => {
    const slots = onDuring(WEEKDAYS, '07:30', '18:00');
    const week = learnDeskHours(slots, NY, local('2026-11-08 00:00'), local('2026-11-22 00:00'));
    expect(formatDeskHours(week)).toBe('Mon-Fri 07:30-18:00');
  });

  it('ignores a one-off evening and keeps a time the PC is on at least half the weeks', () => {
    const third = ['23', '24', '25', '26', '27'].map((d) => `2026-11-${d}`);
    const slots = [
      ...onDuring([...WEEKDAYS, ...third], '08:00', '17:00'),
      ...onDuring(['2026-11-11'], '20:00', '22:00'), // one late Wednesday of three
      ...onDuring(['2026-11-14', '2026-11-28'], '09:00', '12:00'), // two Saturdays of three
    ];
    const week = learnDeskHours(slots, NY, local('2026-11-08 00:00'), local('2026-11-29 00:00'));
    expect(formatDeskHours(week)).toBe('Mon-Fri 08:00-17:00, Sat 09:00-12:00');
  });

  it('learns in local time across the change from daylight saving time (1 November 2026)', () => {
    const days = [
      '2026-10-26',
      '2026-10-27',
      '2026-10-28',
      '2026-10-29',
      '2026-10-30',
      '2026-11-02',
      '2026-11-03',
      '2026-11-04',
      '2026-11-05',
      '2026-11-06',
    ];
    const week = learnDeskHours(onDuring(days, '07:30', '18:00'), NY, local('2026-10-25 00:00'), local('2026-11-08 00:00'));
    expect(formatDeskHours(week)).toBe('Mon-Fri 07:30-18:00');
    const desk = weeklyDeskCalendar(week, NY, 'learned');
    expect(desk.isDeskTime(local('2026-11-09 07:45'))).toBe(true);
    expect(desk.isDeskTime(local('2026-11-09 07:15'))).toBe(false);
  });
});
