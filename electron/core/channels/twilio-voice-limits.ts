import type { SendResult } from './channel';

/** FCC healthcare exemption: a call may last at most one minute (docs/twilio.md#compliance); leave margin for the greeting. */
export const MAX_SPEECH_SECONDS = 55;
/** Typical text-to-speech pace, about 150 words a minute. */
const WORDS_PER_SECOND = 2.5;

/** Rough spoken length of a script in seconds. */
export function estimateSpeechSeconds(text: string): number {
  const words = text.trim().split(/\s+/).filter(Boolean).length;
  return Math.ceil(words / WORDS_PER_SECOND);
}

/** A script too long to speak within a call's minute is refused before dialling (the template must change). */
export function scriptTooLong(script: string): SendResult | null {
  const seconds = estimateSpeechSeconds(script);
  if (seconds <= MAX_SPEECH_SECONDS) return null;
  return {
    kind: 'rejected',
    action: 'fail',
    error: `Voice script is about ${seconds} s long; calls must stay under a minute — shorten the voice template`,
  };
}
