import { describe, expect, it } from 'vitest';
import { allowedSendingTime, assessWindow, type AllowedTime } from '../../../electron/core/coverage/at-risk';
import { weeklyDeskCalendar } from '../../../electron/core/coverage/desk-calendar';
import { parseDeskHours } from '../../../electron/core/coverage/desk-hours';
import { local } from '../../helpers/engine';

const NY = 'America/New_York';

function desk(text: string) {
  const result = parseDeskHours(text);
  if (!result.ok) throw new Error(result.reason);
  return weeklyDeskCalendar(result.hours, NY, 'configured');
}

/** Quiet hours 08:00–21:00 in `zones`, or none (email). */
function allowed(kind: 'sms' | 'email', from: number, to: number, zones: readonly string[] = [NY]): AllowedTime {
  return kind === 'email' ? 'always' : allowedSendingTime(zones, '08:00', '21:00', from, to);
}

const WEEKDAYS_ONLY = 'Mon-Fri 07:30-18:00';
const WITH_SATURDAY = 'Mon-Fri 07:30-18:00, Sat 09:00-13:00';

// 2026-12-07 is a Monday. 2026-03-08 (spring forward) and 2026-11-01 (fall back) are Sundays in New York.
describe('at risk = no instant of the window is both desk time and allowed sending time', () => {
  it.each([
    // the design's example: Monday 10:00 appointment, its text's window Sunday 10:00 → Monday 08:00, desk from 07:30
    ['Monday 10:00 text, desk from 07:30', WEEKDAYS_ONLY, 'sms', '2026-12-06 10:00', '2026-12-07 08:00', 'quiet_hours'],
    [
      'same text, desk from 07:30 on Saturday too: still Sunday-only window',
      WITH_SATURDAY,
      'sms',
      '2026-12-06 10:00',
      '2026-12-07 08:00',
      'quiet_hours',
    ],
    ['same text with the desk open from 07:00 until 08:30', 'Mon-Fri 07:00-08:30', 'sms', '2026-12-06 10:00', '2026-12-07 08:30', null],
    [
      'Monday 10:00 email, window Saturday 10:00 → Sunday 10:00, desk off all weekend',
      WEEKDAYS_ONLY,
      'email',
      '2026-12-05 10:00',
      '2026-12-06 10:00',
      'desk_off',
    ],
    ['the same email with a Saturday desk', WITH_SATURDAY, 'email', '2026-12-05 10:00', '2026-12-06 10:00', null],
    ['email ignores quiet hours: desk 07:30–08:00 is enough', WEEKDAYS_ONLY, 'email', '2026-12-06 10:00', '2026-12-07 08:00', null],
    [
      'Monday 09:30 call, window 07:30 → 09:00 (desk on, sending from 08:00)',
      WEEKDAYS_ONLY,
      'sms',
      '2026-12-07 07:30',
      '2026-12-07 09:00',
      null,
    ],
    ['Tuesday text in the evening after the desk closes', WEEKDAYS_ONLY, 'sms', '2026-12-08 18:00', '2026-12-08 21:00', 'desk_off'],
    ['window ends exactly when the desk opens', WEEKDAYS_ONLY, 'email', '2026-12-06 10:00', '2026-12-07 07:30', 'desk_off'],
    ['window starts exactly when the desk closes', WEEKDAYS_ONLY, 'email', '2026-12-04 18:00', '2026-12-05 18:00', 'desk_off'],
    ['an empty window is not at risk', WEEKDAYS_ONLY, 'sms', '2026-12-06 10:00', '2026-12-06 10:00', null],
    // DST weeks: local desk and quiet hours move with the clock
    ['spring forward: Monday 9 March 10:00 text', WEEKDAYS_ONLY, 'sms', '2026-03-08 10:00', '2026-03-09 08:00', 'quiet_hours'],
    [
      'spring forward: 07:30–08:15 local on Monday is desk and sending time',
      WEEKDAYS_ONLY,
      'sms',
      '2026-03-08 10:00',
      '2026-03-09 08:15',
      null,
    ],
    ['fall back: Monday 2 November 10:00 text', WEEKDAYS_ONLY, 'sms', '2026-11-01 10:00', '2026-11-02 08:00', 'quiet_hours'],
    ['fall back: a window into Monday 08:01 local has one minute', WEEKDAYS_ONLY, 'sms', '2026-11-01 10:00', '2026-11-02 08:01', null],
  ] as const)('%s', (_name, hours, channel, from, to, expected) => {
    const window = { start: local(from), end: local(to) };
    expect(assessWindow(window, desk(hours), allowed(channel, window.start, window.end))).toBe(expected);
  });

  it('keeps quiet hours in the recipient zone: a Los Angeles number cannot be texted at 07:30–08:00 New York time… or until 11:00', () => {
    const window = { start: local('2026-12-06 10:00'), end: local('2026-12-07 10:30') };
    const d = desk(WEEKDAYS_ONLY);
    expect(assessWindow(window, d, allowed('sms', window.start, window.end, ['America/Los_Angeles']))).toBe('quiet_hours');
    const later = { start: window.start, end: local('2026-12-07 11:30') };
    expect(assessWindow(later, d, allowed('sms', later.start, later.end, ['America/Los_Angeles']))).toBeNull();
  });

  it('needs an instant allowed in every zone of a multi-zone recipient', () => {
    const from = local('2026-12-07 08:00');
    const to = local('2026-12-07 12:00');
    const both = allowedSendingTime([NY, 'America/Los_Angeles'], '08:00', '21:00', from, to);
    expect(both).toEqual([{ start: local('2026-12-07 11:00'), end: to }]);
  });
});
