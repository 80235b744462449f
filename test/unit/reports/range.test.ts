import { describe, expect, it } from 'vitest';
import { dayIndex, dayRange } from '../../../electron/core/reports/range';
import { local, ZONE } from '../../helpers/engine';

describe('report ranges (whole clinic days)', () => {
  it('defaults to the 30 days ending today, and follows daylight saving time', () => {
    const r = dayRange(undefined, undefined, local('2026-11-17 15:00'), ZONE);
    expect([r.from, r.to, r.days.length]).toEqual(['2026-10-19', '2026-11-17', 30]);
    const dst = r.days.indexOf('2026-11-01');
    expect(r.starts[dst + 1]! - r.starts[dst]!).toBe(25 * 3_600_000);
    expect(dayIndex(r, local('2026-11-01 23:59'))).toBe(dst);
    expect(dayIndex(r, local('2026-11-02 00:00'))).toBe(dst + 1);
    expect(dayIndex(r, local('2026-10-18 23:59'))).toBe(-1);
    expect(dayIndex(r, local('2026-11-18 00:00'))).toBe(-1);
  });

  it('refuses bad dates, a reversed range and more than 366 days, with the option named', () => {
    const now = local('2026-11-17 15:00');
    expect(() => dayRange('2026-13-01', undefined, now, ZONE)).toThrow('--from must be a date YYYY-MM-DD, got "2026-13-01"');
    expect(() => dayRange(undefined, '17/11/2026', now, ZONE)).toThrow('--to must be a date YYYY-MM-DD, got "17/11/2026"');
    expect(() => dayRange('2026-11-10', '2026-11-01', now, ZONE)).toThrow('--from (2026-11-10) is after --to (2026-11-01)');
    expect(() => dayRange('2025-01-01', '2026-11-01', now, ZONE)).toThrow(/at most 366 days; this range has 670/);
    expect(dayRange('2026-11-05', '2026-11-05', now, ZONE).days).toEqual(['2026-11-05']);
  });
});
