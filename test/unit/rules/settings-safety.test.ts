import { describe, expect, it } from 'vitest';
import { assessSettingsChange, JUDGED_SETTINGS, minutesOfDay } from '../../../electron/core/rules/settings-safety';
import { DEFAULT_LIMITS, DEFAULT_RULES, DEFAULT_SEND_FROM, DEFAULT_SEND_UNTIL } from '../../../electron/core/rules/defaults';
import type { ClinicSettings, Limits } from '../../../shared/domain/dto';

const BASE: ClinicSettings = {
  name: 'Riverside Clinic',
  phone: '(212) 555-0100',
  timezone: 'America/New_York',
  sendFrom: DEFAULT_SEND_FROM,
  sendUntil: DEFAULT_SEND_UNTIL,
  limits: DEFAULT_LIMITS,
  rules: [...DEFAULT_RULES],
  templates: {},
};

const withLimit = (key: keyof Limits, value: number): ClinicSettings => ({ ...BASE, limits: { ...BASE.limits, [key]: value } });

/** 'ok' | 'confirm' | 'refused' for one change from the defaults. */
function verdict(next: ClinicSettings): string {
  const r = assessSettingsChange(BASE, next);
  if (r.refused.length > 0) return 'refused';
  return r.needsConfirmation.length > 0 ? 'confirm' : 'ok';
}

describe('settings safety bounds', () => {
  it('the shipped defaults are safe', () => {
    expect(assessSettingsChange({ ...BASE, sendFrom: '09:00' }, BASE)).toEqual({ refused: [], needsConfirmation: [] });
  });

  it.each([
    ['sendFrom', '09:00', 'ok'],
    ['sendFrom', '08:00', 'ok'],
    ['sendFrom', '07:59', 'confirm'],
    ['sendFrom', '07:00', 'confirm'],
    ['sendFrom', '06:59', 'refused'],
    ['sendFrom', '00:00', 'refused'],
    ['sendUntil', '18:00', 'ok'],
    ['sendUntil', '21:00', 'ok'],
    ['sendUntil', '21:01', 'confirm'],
    ['sendUntil', '22:00', 'confirm'],
    ['sendUntil', '22:01', 'refused'],
    ['sendUntil', '23:59', 'refused'],
    ['sendFrom', '25:00', 'refused'],
    ['sendUntil', '20:75', 'refused'],
  ] as const)('quiet hours: %s %s → %s', (key, value, expected) => {
    expect(verdict({ ...BASE, [key]: value })).toBe(expected);
  });

  it.each([
    ['smsOrCallPerDay', 0, 'ok'],
    ['smsOrCallPerDay', 1, 'ok'],
    ['smsOrCallPerDay', 2, 'confirm'],
    ['smsOrCallPerDay', 3, 'refused'],
    ['smsOrCallPerWeek', 2, 'ok'],
    ['smsOrCallPerWeek', 3, 'ok'],
    ['smsOrCallPerWeek', 4, 'confirm'],
    ['smsOrCallPerWeek', 7, 'confirm'],
    ['smsOrCallPerWeek', 8, 'refused'],
    ['callsPerAppointment', 0, 'ok'],
    ['callsPerAppointment', 2, 'refused'],
    ['smsPerMinute', 30, 'ok'],
    ['smsPerMinute', 60, 'ok'],
    ['smsPerMinute', 61, 'confirm'],
    ['smsPerMinute', 10_000_000, 'confirm'],
    ['callsPerMinute', 60, 'ok'],
    ['callsPerMinute', 61, 'confirm'],
    ['emailsPerMinute', 120, 'ok'],
    ['emailsPerMinute', 121, 'confirm'],
    ['breakerFactor', 1.5, 'ok'],
    ['breakerFactor', 3, 'ok'],
    ['breakerFactor', 3.5, 'confirm'],
    ['breakerFactor', 10, 'confirm'],
    ['breakerFactor', 10.5, 'refused'],
    ['breakerFactor', 1e9, 'refused'],
    ['breakerMinDue', 100, 'ok'],
    ['breakerMinDue', 1000, 'confirm'],
    ['breakerMinDue', 1001, 'refused'],
    ['breakerMaxDuePerRecipient', 6, 'ok'],
    ['breakerMaxDuePerRecipient', 7, 'confirm'],
    ['breakerMaxDuePerRecipient', 21, 'refused'],
    ['lastStepCutoffMinutes', 60, 'ok'],
    ['lastStepCutoffMinutes', 29, 'confirm'],
    ['lastStepCutoffMinutes', 10, 'confirm'],
    ['lastStepCutoffMinutes', 9, 'refused'],
    ['lastStepCutoffMinutes', 0, 'refused'],
  ] as const)('limits.%s = %s → %s', (key, value, expected) => {
    expect(verdict(withLimit(key, value))).toBe(expected);
  });

  it('names the setting, the value shown to the user and the reason', () => {
    const r = assessSettingsChange(BASE, { ...BASE, sendFrom: '05:30', limits: { ...BASE.limits, smsOrCallPerDay: 2 } });
    expect(r.refused).toEqual([
      { setting: 'sendFrom', label: 'SMS and calls from', value: '05:30', reason: 'before 07:00 is night; no reminder goes out then' },
    ]);
    expect(r.needsConfirmation).toEqual([
      expect.objectContaining({
        setting: 'limits.smsOrCallPerDay',
        value: '2',
        reason: expect.stringContaining('FCC healthcare exemption'),
      }),
    ]);
  });

  it('judges only what changes: an old out-of-range value does not block an unrelated edit', () => {
    const legacy = withLimit('smsPerMinute', 10_000);
    expect(assessSettingsChange(legacy, { ...legacy, name: 'Renamed' })).toEqual({ refused: [], needsConfirmation: [] });
    // Tightening is always allowed, even from an unsafe value.
    expect(assessSettingsChange(legacy, withLimit('smsPerMinute', 60))).toEqual({ refused: [], needsConfirmation: [] });
  });

  it('covers every limit, and reads HH:mm strictly', () => {
    expect([...JUDGED_SETTINGS].sort()).toEqual(['sendFrom', 'sendUntil', ...Object.keys(DEFAULT_LIMITS).map((k) => `limits.${k}`)].sort());
    expect([minutesOfDay('00:00'), minutesOfDay('23:59'), minutesOfDay('24:00'), minutesOfDay('7:00'), minutesOfDay('07:60')]).toEqual([
      0,
      1439,
      null,
      null,
      null,
    ]);
  });
});
