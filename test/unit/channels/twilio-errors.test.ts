import { describe, expect, it } from 'vitest';
import { sendErrorResult } from '../../../electron/core/channels/twilio-errors';
import { dayBefore, validityPeriodSeconds } from '../../../electron/core/channels/twilio-sms';
import { estimateSpeechSeconds } from '../../../electron/core/channels/twilio-voice-limits';

/** Shaped like twilio.RestException (status, numeric code, moreInfo). */
const rest = (status: number, code?: number) => Object.assign(new Error(`err ${code ?? status}`), { status, code, moreInfo: '' });
const axios = (code: string) => Object.assign(new Error(code), { code, isAxiosError: true });

describe('sendErrorResult', () => {
  it.each([
    [rest(400, 21211), 'invalid_address'],
    [rest(400, 21635), 'invalid_address'],
    [rest(400, 21612), 'invalid_address'],
    [rest(400, 21610), 'opt_out'],
    [rest(429, 20429), 'retry'],
    [rest(429), 'retry'],
    [rest(400, 21611), 'retry'],
    [rest(401, 20003), 'pause'],
    [rest(401), 'pause'],
    [rest(400, 21608), 'pause'],
    [rest(400, 21603), 'pause'],
    [rest(400, 21408), 'fail'],
    [rest(404, 20404), 'fail'],
    [rest(400, 99999), 'fail'],
  ])('%s → %s', (err, action) => {
    expect(sendErrorResult(err, 'SMS')).toMatchObject({ kind: 'rejected', action });
  });

  it.each([
    [rest(500, 20500)],
    [rest(502)],
    [rest(503)],
    [axios('ECONNRESET')],
    [axios('ECONNABORTED')],
    [new SyntaxError('Unexpected token <')],
    ['weird'],
  ])('%s → unknown', (err) => {
    expect(sendErrorResult(err, 'SMS')).toMatchObject({ kind: 'unknown' });
  });
});

describe('helpers', () => {
  it('derives ValidityPeriod from expiresAt, clamped to 1..36000 s', () => {
    expect(validityPeriodSeconds(10_500, 0)).toBe(11);
    expect(validityPeriodSeconds(0, 5_000)).toBe(1);
    expect(validityPeriodSeconds(48 * 3_600_000, 0)).toBe(36_000);
  });

  it('starts list filters at midnight UTC of the previous day', () => {
    expect(dayBefore(Date.UTC(2026, 2, 2, 0, 0, 1)).toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });

  it('estimates speech at ~150 words a minute', () => {
    expect(estimateSpeechSeconds('one two three four five')).toBe(2);
  });
});
