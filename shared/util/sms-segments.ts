/**
 * How many SMS segments a text costs (3GPP TS 23.038): GSM-7 when every character is in the GSM basic or
 * extension table, else UCS-2. Pure and runtime-agnostic: the dispatcher records it with each attempt,
 * the cost estimate multiplies it by the price, and the window could show it beside a template.
 */

/** The GSM 03.38 basic character set (one septet each). ESC (0x1B) is left out: it is not a character. */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** The extension table: written as ESC + one septet, so two septets each. */
const GSM_EXTENDED = new Set('^{}\\[~]|€\f');

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSegments {
  readonly encoding: SmsEncoding;
  /** Segments the provider bills; 0 for an empty text. */
  readonly segments: number;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) the text takes. */
  readonly units: number;
}

/** A single-part message holds this many units; each part of a longer one loses some to its header (UDH). */
const LIMITS: Readonly<Record<SmsEncoding, { single: number; part: number }>> = {
  'GSM-7': { single: 160, part: 153 },
  'UCS-2': { single: 70, part: 67 },
};

/** Segments of `text` as sent, without any provider-side character substitution ("smart encoding"). */
export function smsSegments(text: string): SmsSegments {
  const chars = Array.from(text); // code points: a surrogate pair is one character
  const gsm = chars.every((c) => GSM_BASIC.has(c) || GSM_EXTENDED.has(c));
  const encoding: SmsEncoding = gsm ? 'GSM-7' : 'UCS-2';
  const sizes = chars.map((c) => (gsm ? (GSM_EXTENDED.has(c) ? 2 : 1) : c.length));
  const units = sizes.reduce((sum, n) => sum + n, 0);
  if (units === 0) return { encoding, segments: 0, units };
  const { single, part } = LIMITS[encoding];
  if (units <= single) return { encoding, segments: 1, units };
  // Parts are filled greedily; an escape pair or a surrogate pair is never split across two parts.
  let segments = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > part) {
      segments += 1;
      used = 0;
    }
    used += size;
  }
  return { encoding, segments, units };
}

/** True when every character of `text` is in the GSM-7 basic or extension table. */
export function isGsm7(text: string): boolean {
  return Array.from(text).every((c) => GSM_BASIC.has(c) || GSM_EXTENDED.has(c));
}

/**
 * Letters outside GSM-7 written without their accent where that makes them GSM-7 ("sábado" → "sabado"), for
 * merge values such as a Spanish weekday: one "á" would make a whole text UCS-2, 70 characters a segment.
 */
export function gsmLetters(text: string): string {
  return Array.from(text)
    .map((c) => {
      if (GSM_BASIC.has(c) || GSM_EXTENDED.has(c)) return c;
      const bare = c.normalize('NFD').replace(/\p{M}/gu, '');
      return bare && isGsm7(bare) ? bare : c;
    })
    .join('');
}
