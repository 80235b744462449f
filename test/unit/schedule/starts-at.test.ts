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
});
