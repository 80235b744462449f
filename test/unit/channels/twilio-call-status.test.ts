import { describe, expect, it } from 'vitest';
import type { DeliveryStatus } from '../../../electron/core/channels/channel';
import { failedCallWithReason, finalCallStatus } from '../../../electron/core/channels/twilio-call-status';
import { MAX_SPEECH_SECONDS, scriptTooLong } from '../../../electron/core/channels/twilio-voice-limits';

/** One mapping of Twilio call statuses for the inline-TwiML and the Studio voice transports. */
describe('finalCallStatus', () => {
  it.each<[string | null | undefined, DeliveryStatus | null]>([
    ['completed', { kind: 'completed', answeredBy: undefined }],
    ['busy', { kind: 'undelivered', error: 'busy', code: 'busy' }],
    ['no-answer', { kind: 'undelivered', error: 'no answer', code: 'no-answer' }],
    ['canceled', { kind: 'failed', error: 'call canceled', code: 'canceled' }],
    ['failed', { kind: 'failed', error: 'call failed', code: 'failed' }],
    // Not over yet: the delivery poll asks again.
    ['queued', null],
    ['initiated', null],
    ['ringing', null],
    ['in-progress', null],
    // A Studio execution whose call widget has not run, and a status Twilio might add one day.
    [undefined, null],
    [null, null],
    ['some-new-status', null],
  ])('%s', (status, expected) => {
    expect(finalCallStatus(status)).toStrictEqual(expected);
  });

  it('a completed call carries who answered and the key pressed', () => {
    expect(finalCallStatus('completed', { answeredBy: 'machine_end_beep' })).toStrictEqual({
      kind: 'completed',
      answeredBy: 'machine_end_beep',
    });
    expect(finalCallStatus('completed', { answeredBy: null, digits: '1' })).toStrictEqual({
      kind: 'completed',
      answeredBy: undefined,
      digits: '1',
    });
    // Who answered does not change a call that did not complete.
    expect(finalCallStatus('busy', { answeredBy: 'human', digits: '9' })).toStrictEqual({
      kind: 'undelivered',
      error: 'busy',
      code: 'busy',
    });
  });
});

describe('failedCallWithReason', () => {
  it.each<[string | undefined, DeliveryStatus]>([
    [undefined, { kind: 'failed', error: 'call failed', code: undefined }],
    ['13227', { kind: 'failed', error: 'call failed (13227)', code: '13227' }],
    ['13224', { kind: 'failed', error: 'call failed (13224) — fix this number', code: '13224' }],
  ])('notification code %s', (code, expected) => {
    expect(failedCallWithReason(code)).toStrictEqual(expected);
  });
});

describe('scriptTooLong', () => {
  it('lets a script that fits in the minute through, refuses a longer one before dialling', () => {
    const words = (n: number) => Array.from({ length: n }, () => 'word').join(' ');
    // 2.5 words a second.
    expect(scriptTooLong(words(MAX_SPEECH_SECONDS * 2.5))).toBeNull();
    expect(scriptTooLong(words(MAX_SPEECH_SECONDS * 2.5 + 1))).toStrictEqual({
      kind: 'rejected',
      action: 'fail',
      error: `Voice script is about ${MAX_SPEECH_SECONDS + 1} s long; calls must stay under a minute — shorten the voice template`,
    });
  });
});
