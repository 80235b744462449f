import { describe, expect, it } from 'vitest';
import { parseStartsAt } from '../../../electron/core/schedule/starts-at';

const NY = 'America/New_York';
const utc = (iso: string): number => Date.parse(iso);

describe('parseStartsAt', () => {
  it('takes ISO 8601 with an offset as an exact instant, whatever the clinic zone', () => {
    expect(parseStartsAt('2026-11-27T09:30:00-05:00', NY)).toEqual({ ok: true, ms: utc('2026-11-27T14:30:00Z') });
    expect(parseStartsAt('2026-11-27T14:30Z', 'Asia/Tokyo')).toEqual({ ok: true, ms: utc('2026-11-27T14:30:00Z') });
  });

  it('reads YYYY-MM-DD HH:mm as clinic wall-clock time, DST-correct', () => {
    expect(parseStartsAt('2026-11-27 09:30', NY)).toEqual({ ok: true, ms: utc('2026-11-27T14:30:00Z') });
    expect(parseStartsAt('2026-07-01 09:30', NY)).toEqual({ ok: true, ms: utc('2026-07-01T13:30:00Z') });
    expect(parseStartsAt('2026-07-01T09:30:15', NY)).toEqual({ ok: true, ms: utc('2026-07-01T13:30:15Z') });
  });

  it('rejects a wall time inside the spring-forward gap', () => {
    expect(parseStartsAt('2026-03-08 02:30', NY)).toEqual({
      ok: false,
      reason: 'starts_at "2026-03-08 02:30" does not exist in America/New_York (daylight-saving gap)',
    });
  });

  it('takes the earlier instant for a wall time in the fall-back overlap', () => {
    // 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST); we keep the first.
    expect(parseStartsAt('2026-11-01 01:30', NY)).toEqual({ ok: true, ms: utc('2026-11-01T05:30:00Z') });
  });

  it.each(['2026-02-30 09:00', '2026-13-01 09:00', '2026-11-27 25:00'])('rejects the impossible date %s', (raw) => {
    expect(parseStartsAt(raw, NY)).toEqual({ ok: false, reason: `starts_at "${raw}" is not a real calendar date and time` });
  });

  it.each(['tomorrow 9am', '11/27/2026 09:30', '2026-11-27'])('rejects the unsupported format %s', (raw) => {
    const result = parseStartsAt(raw, NY);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/^starts_at ".*" is not a date and time: use ISO 8601/);
  });

  it.each(['2026-11-27T09:30:00+25:00', '2026-11-27T09:30:00-13:00', '2026-11-27T09:30:00+14:30', '2026-11-27T09:30:00+05:99'])(
    'rejects the impossible offset in %s',
    (raw) => {
      expect(parseStartsAt(raw, NY)).toEqual({
        ok: false,
        reason: `starts_at "${raw}" has an impossible UTC offset: offsets run from -12:00 to +14:00`,
      });
    },
  );

  it('takes the real extremes of UTC offsets', () => {
    expect(parseStartsAt('2026-11-27T09:30:00+14:00', NY)).toEqual({ ok: true, ms: utc('2026-11-26T19:30:00Z') });
    expect(parseStartsAt('2026-11-27T09:30:00-12:00', NY)).toEqual({ ok: true, ms: utc('2026-11-27T21:30:00Z') });
    expect(parseStartsAt('2026-11-27T09:30+0545', NY)).toEqual({ ok: true, ms: utc('2026-11-27T03:45:00Z') });
  });

  it.each(['1899-12-30 09:00', '2101-01-01 09:00', '0026-11-27 09:00', '1899-12-31T23:00:00Z', '9999-01-01T09:00:00-05:00'])(
    'rejects the year in %s (only 1900–2100)',
    (raw) => {
      const result = parseStartsAt(raw, NY);
      expect(result).toEqual({ ok: false, reason: expect.stringMatching(/ has the year \d+: only 1900–2100 are accepted$/) });
    },
  );

  it('takes 1900 and 2100', () => {
    expect(parseStartsAt('1900-01-01T12:00:00Z', NY)).toEqual({ ok: true, ms: utc('1900-01-01T12:00:00Z') });
    expect(parseStartsAt('2100-12-31 09:00', NY).ok).toBe(true);
  });

  it('an impossible date with an offset is "not a real calendar date"', () => {
    expect(parseStartsAt('2026-02-30T09:00:00-05:00', NY)).toEqual({
      ok: false,
      reason: 'starts_at "2026-02-30T09:00:00-05:00" is not a real calendar date and time',
    });
  });
});
