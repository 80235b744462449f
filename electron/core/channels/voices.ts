/**
 * The voice a call is spoken in, per language: a Twilio-supported Amazon Polly voice and the matching
 * `<Say language>` (docs/languages.md#calls). A language missing here has no call in it: its patients get the
 * call in the clinic's default language (script and voice together), never a script read by a wrong voice.
 */
export interface SayVoice {
  readonly language: string;
  readonly voice: string;
}

const VOICES: Readonly<Record<string, SayVoice>> = {
  en: { language: 'en-US', voice: 'Polly.Joanna' },
  es: { language: 'es-US', voice: 'Polly.Lupe' },
  fr: { language: 'fr-CA', voice: 'Polly.Chantal' },
  pt: { language: 'pt-BR', voice: 'Polly.Camila' },
  de: { language: 'de-DE', voice: 'Polly.Marlene' },
  it: { language: 'it-IT', voice: 'Polly.Carla' },
  ru: { language: 'ru-RU', voice: 'Polly.Tatyana' },
  pl: { language: 'pl-PL', voice: 'Polly.Ewa' },
  ja: { language: 'ja-JP', voice: 'Polly.Mizuki' },
  ko: { language: 'ko-KR', voice: 'Polly.Seoyeon' },
  zh: { language: 'cmn-CN', voice: 'Polly.Zhiyu' },
  ar: { language: 'arb', voice: 'Polly.Zeina' },
  hi: { language: 'hi-IN', voice: 'Polly.Aditi' },
};

export function hasVoiceFor(language: string): boolean {
  return Object.prototype.hasOwnProperty.call(VOICES, language);
}

/** The Say attributes for a script in `language`; English for a language with no voice (the caller fell back already). */
export function sayVoiceFor(language: string | undefined): SayVoice {
  return (language !== undefined && VOICES[language]) || VOICES.en!;
}
