/** What a patient's SMS reply asks for. `other` goes to staff review. */
export type ReplyKind = 'confirm' | 'opt_out' | 'opt_in' | 'help' | 'other';

const CONFIRM = new Set(['c', 'confirm', 'confirmed', '1', '👍']);
/** Twilio's default whole-body keywords (docs/twilio.md#inbound-replies). */
const OPT_OUT = new Set(['stop', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit', 'revoke', 'optout', 'opt out']);
const OPT_IN = new Set(['start', 'unstop', 'yes']);
const HELP = new Set(['help', 'info']);
/**
 * Words that revoke consent wherever they appear (FCC 2024 revocation order; docs/twilio.md#compliance), e.g. "stop texting me",
 * "STOP PLEASE". Twilio itself only blocks the exact keyword, so we must honour these ourselves.
 * "cancel", "end" and "quit" are left out on purpose: inside a sentence they usually mean the appointment
 * ("can I cancel my appointment?") and such replies go to staff review, which has 10 business days to act.
 */
const REVOKE_ANYWHERE = /\b(stop|stopall|unsubscribe|revoke|optout|opt out)\b/;

/** Normalizes a reply: trimmed, case-folded, punctuation stripped, emoji modifiers dropped, spaces collapsed. */
export function normalizeReply(body: string): string {
  return (
    body
      .normalize('NFKC')
      .toLowerCase()
      // Skin-tone modifiers and the emoji presentation selector, each dropped on its own. The selector stays
      // outside the class: inside one it reads like a combining mark for the character before it.
      .replace(/[\u{1F3FB}-\u{1F3FF}]|\uFE0F/gu, '')
      .replace(/[\p{P}]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/**
 * Classifies a reply. Exact tokens decide first (C, 1, 👍, Twilio's keywords); then an unambiguous revocation word
 * anywhere opts out, because contacting someone who said "stop" is the costly error (a lost reminder is not).
 */
export function classifyReply(body: string): ReplyKind {
  const text = normalizeReply(body);
  if (CONFIRM.has(text)) return 'confirm';
  if (OPT_OUT.has(text)) return 'opt_out';
  if (OPT_IN.has(text)) return 'opt_in';
  if (HELP.has(text)) return 'help';
  if (REVOKE_ANYWHERE.test(text)) return 'opt_out';
  return 'other';
}
