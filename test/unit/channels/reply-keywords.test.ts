import { describe, expect, it } from 'vitest';
import { classifyReply, normalizeReply } from '../../../electron/core/channels/reply-keywords';

describe('classifyReply', () => {
  it.each(['C', 'c', ' c ', 'C.', 'Confirm', 'CONFIRMED!', '1', '👍', '👍🏽', '👍️'])('%j confirms', (body) => {
    expect(classifyReply(body)).toBe('confirm');
  });

  it.each(['STOP', 'stop', 'Stop.', 'STOPALL', 'unsubscribe', 'CANCEL', 'end', 'QUIT', 'revoke', 'OPTOUT', 'opt out', 'opt-out'])(
    '%j opts out',
    (body) => {
      expect(classifyReply(body)).toBe('opt_out');
    },
  );

  it.each(['START', 'unstop', 'Yes', 'YES!'])('%j opts in', (body) => {
    expect(classifyReply(body)).toBe('opt_in');
  });

  it.each(['HELP', 'info', 'Help?'])('%j asks for help', (body) => {
    expect(classifyReply(body)).toBe('help');
  });

  // FCC 2024: "stop" revokes consent however it is phrased; Twilio only blocks the exact keyword.
  it.each(['STOP PLEASE', 'stop texting me', 'Please unsubscribe me', 'I want to opt out'])('%j is a revocation', (body) => {
    expect(classifyReply(body)).toBe('opt_out');
  });

  it.each([
    'Can I cancel my appointment?',
    'See you at the end of the day',
    'c u there',
    'yes please',
    'Confirm?? what is this',
    'stopwatch',
    '',
    '11',
  ])('%j goes to staff review', (body) => {
    expect(classifyReply(body)).toBe('other');
  });
});

describe('normalizeReply', () => {
  it.each([
    ['\u{1F44D}\u{1F3FB}', '\u{1F44D}'], // lightest skin tone (range start)
    ['\u{1F44D}\u{1F3FF}', '\u{1F44D}'], // darkest skin tone (range end)
    ['\u{1F44D}\u{1F3FC}\uFE0F', '\u{1F44D}'], // tone and presentation selector
    ['STOP\uFE0F', 'stop'], // a selector after a plain letter
    ['\u2764\uFE0F C', '\u2764 c'], // the selector alone goes; the heart stays
    ['\u{1F3FA}', '\u{1F3FA}'], // just below the skin tones (amphora): kept
  ])('%j → %j', (body, expected) => {
    expect(normalizeReply(body)).toBe(expected);
  });
});
