import { BUILT_IN_TEMPLATES, DEFAULT_TEMPLATES, SMS_MAX_CHARS } from '../../../../shared/domain/default-templates';
import type { TemplateKind, TemplateSet, Templates } from '../../../../shared/domain/dto';

/** The engine's built-in wording, shown as the starting text when the clinic stored none (one copy, in shared/). */
export { DEFAULT_TEMPLATES, SMS_MAX_CHARS };

/** The merge fields a template may use (MERGE_FIELDS in the engine), with what each becomes. */
export const MERGE_FIELDS: ReadonlyArray<readonly [field: string, meaning: string]> = [
  ['clinic', 'the clinic’s name'],
  ['weekday', 'day of the week, e.g. Tuesday'],
  ['date', 'date, e.g. Mar 3'],
  ['time', 'time, e.g. 10:30 AM'],
  ['phone', 'the clinic’s phone'],
];

export type TemplateKey = keyof TemplateSet;

/** The editors on the Messages section, in order: stored key, preview kind, label, hint. */
export const TEMPLATE_EDITORS: ReadonlyArray<
  Readonly<{ key: TemplateKey; kind: TemplateKind; label: string; rows: number; hint: string }>
> = [
  { key: 'sms', kind: 'sms', label: 'SMS', rows: 3, hint: 'One text message: at most 160 characters, ending with how to opt out (STOP).' },
  {
    key: 'voice',
    kind: 'voice',
    label: 'Call script',
    rows: 4,
    hint: 'Read aloud on the call. Say the clinic’s name and phone first; keep it under a minute.',
  },
  { key: 'emailSubject', kind: 'emailSubject', label: 'Email subject', rows: 1, hint: 'The subject line of the reminder email.' },
  { key: 'emailText', kind: 'email', label: 'Email text', rows: 7, hint: 'The body of the reminder email.' },
];

/** The wording a language gets when the clinic wrote none: its built-in one, else the default language's. */
export function fallbackText(key: TemplateKey, language: string, defaultLanguage: string): string {
  return BUILT_IN_TEMPLATES[language]?.[key] ?? BUILT_IN_TEMPLATES[defaultLanguage]?.[key] ?? DEFAULT_TEMPLATES[key];
}

/** The clinic's own wording of one language (the top-level templates are the default language's). */
function customSet(templates: Templates, language: string, defaultLanguage: string): TemplateSet {
  const own = templates.byLanguage?.[language] ?? {};
  return language === defaultLanguage
    ? { sms: templates.sms, voice: templates.voice, emailSubject: templates.emailSubject, emailText: templates.emailText, ...own }
    : own;
}

/** What the editor starts with: the stored template, or the wording the language falls back to. */
export function startingText(templates: Templates, key: TemplateKey, language: string, defaultLanguage: string): string {
  return customSet(templates, language, defaultLanguage)[key] || fallbackText(key, language, defaultLanguage);
}

/** The languages the editor offers: the default, those the clinic added, and those with built-in wording. */
export function languagesOf(templates: Templates, defaultLanguage: string): string[] {
  return [...new Set([defaultLanguage, ...Object.keys(BUILT_IN_TEMPLATES), ...Object.keys(templates.byLanguage ?? {})])];
}

/**
 * What to save: per language, only text that differs from what it would fall back to (so future built-in
 * wording still applies); the default language's at the top level.
 */
export function templatesToSave(
  texts: Readonly<Record<string, Readonly<Record<TemplateKey, string>>>>,
  defaultLanguage: string,
): Templates {
  const out: Templates = {};
  const byLanguage: Record<string, TemplateSet> = {};
  for (const [language, set] of Object.entries(texts)) {
    const own: TemplateSet = {};
    for (const { key } of TEMPLATE_EDITORS) {
      const text = set[key];
      if (text.trim() !== '' && text !== fallbackText(key, language, defaultLanguage)) own[key] = text;
    }
    if (language === defaultLanguage) Object.assign(out, own);
    else if (Object.keys(own).length > 0) byLanguage[language] = own;
  }
  if (Object.keys(byLanguage).length > 0) out.byLanguage = byLanguage;
  return out;
}
