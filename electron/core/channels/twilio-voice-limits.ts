/** FCC healthcare exemption: a call may last at most one minute (docs/twilio.md#compliance); leave margin for the greeting. */
export const MAX_SPEECH_SECONDS = 55;
/** Typical text-to-speech pace, about 150 words a minute. */
const WORDS_PER_SECOND = 2.5;

/** Rough spoken length of a script in seconds. */
export function estimateSpeechSeconds(text: string): number {
  const words = text.trim().split(/\s+/).filter(Boolean).length;
  return Math.ceil(words / WORDS_PER_SECOND);
}
