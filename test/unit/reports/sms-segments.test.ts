import { describe, expect, it } from 'vitest';
import { smsSegments } from '../../../shared/util/sms-segments';

describe('SMS segments (GSM-7 / UCS-2)', () => {
  it('fits 160 GSM characters in one segment and splits longer texts in parts of 153', () => {
    expect(smsSegments('')).toEqual({ encoding: 'GSM-7', segments: 0, units: 0 });
    expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', segments: 1, units: 160 });
    expect(smsSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', segments: 2, units: 161 });
    expect(smsSegments('a'.repeat(306)).segments).toBe(2);
    expect(smsSegments('a'.repeat(307)).segments).toBe(3);
  });

  it('counts extension characters (€ [ ] { } ~ ^ | \\) as two septets and never splits one', () => {
    expect(smsSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', segments: 1, units: 160 });
    expect(smsSegments('€'.repeat(81)).segments).toBe(2);
    // 152 plain + one € would straddle the first part's end (153): the € moves to part two.
    expect(smsSegments(`${'a'.repeat(152)}€${'a'.repeat(152)}`).segments).toBe(3);
    expect(smsSegments(`${'a'.repeat(151)}€${'a'.repeat(153)}`).segments).toBe(2);
  });

  it('switches to UCS-2 for one character outside the GSM alphabet: 70 per segment, 67 per part', () => {
    expect(smsSegments('é'.repeat(10)).encoding).toBe('GSM-7'); // é is in the GSM alphabet
    expect(smsSegments(`í${'a'.repeat(69)}`)).toEqual({ encoding: 'UCS-2', segments: 1, units: 70 });
    expect(smsSegments(`í${'a'.repeat(70)}`)).toEqual({ encoding: 'UCS-2', segments: 2, units: 71 });
    expect(smsSegments('í'.repeat(134)).segments).toBe(2);
    expect(smsSegments('í'.repeat(135)).segments).toBe(3);
  });

  it('counts an emoji as two UTF-16 units and keeps a surrogate pair in one part', () => {
    expect(smsSegments('🙂')).toEqual({ encoding: 'UCS-2', segments: 1, units: 2 });
    expect(smsSegments('🙂'.repeat(35)).segments).toBe(1);
    // 66 units + an emoji (2) does not fit the 67-unit part: it starts the next one.
    expect(smsSegments(`${'a'.repeat(66)}🙂${'a'.repeat(66)}`).segments).toBe(3);
  });

  it('prices the default reminder: one segment, and two once the clinic name has a non-GSM letter', () => {
    const text = (clinic: string) =>
      `${clinic}: appointment Thursday 26/11 at 09:30. Reply C to confirm. Questions: (212) 555-0100. Reply STOP to opt out.`;
    expect(smsSegments(text('Riverside Clinic'))).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    expect(smsSegments(text('Clínica Riverside'))).toMatchObject({ encoding: 'UCS-2', segments: 2 });
  });
});
