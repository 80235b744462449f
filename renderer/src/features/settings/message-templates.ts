import { DEFAULT_TEMPLATES, SMS_MAX_CHARS } from '../../../../shared/domain/default-templates';
import type { TemplateKind, Templates } from '../../../../shared/domain/dto';

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

export type TemplateKey = keyof Templates;

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

/** What the editor starts with: the stored template, or the default wording when none is stored. */
export function startingText(templates: Templates, key: TemplateKey): string {
  return templates[key] || DEFAULT_TEMPLATES[key];
}

/** What to save: text equal to the default (or empty) is stored as "use the default", so future defaults apply. */
export function templatesToSave(texts: Readonly<Record<TemplateKey, string>>): Templates {
  const out: Templates = {};
  for (const { key } of TEMPLATE_EDITORS) {
    const text = texts[key];
    if (text.trim() !== '' && text !== DEFAULT_TEMPLATES[key]) out[key] = text;
  }
  return out;
}
