import { z } from 'zod';

/** A patient's or template's language: an ISO 639 code, lower case ("en", "es", "vi"). */
export const LanguageCodeSchema = z.string().regex(/^[a-z]{2,3}$/, 'a language code such as en or es');
export type LanguageCode = z.infer<typeof LanguageCodeSchema>;

/** The language every clinic starts with; its templates are the top-level ones. */
export const DEFAULT_LANGUAGE = 'en';

/** Names people write in a language column, mapped to their code (lower case, accents as written). */
const NAMES: Readonly<Record<string, string>> = {
  english: 'en',
  inglés: 'en',
  ingles: 'en',
  spanish: 'es',
  español: 'es',
  espanol: 'es',
  french: 'fr',
  français: 'fr',
  portuguese: 'pt',
  português: 'pt',
  chinese: 'zh',
  mandarin: 'zh',
  vietnamese: 'vi',
  'tiếng việt': 'vi',
  korean: 'ko',
  russian: 'ru',
  arabic: 'ar',
  german: 'de',
  italian: 'it',
  japanese: 'ja',
  polish: 'pl',
  hindi: 'hi',
  tagalog: 'tl',
  haitian: 'ht',
  'haitian creole': 'ht',
};

/**
 * A language cell read as a code: a code as is ("es", "ES", "es-MX" → "es"), or a common name ("Spanish",
 * "Español"). Undefined when it is neither (the import says so instead of guessing).
 */
export function languageCode(raw: string): string | undefined {
  const text = raw.trim().toLowerCase();
  const named = NAMES[text];
  if (named) return named;
  const m = /^([a-z]{2,3})(?:[-_][a-z0-9]{2,8})*$/.exec(text);
  return m ? m[1] : undefined;
}

/** A language's name in English, for the settings screen; the code itself when unknown. */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
