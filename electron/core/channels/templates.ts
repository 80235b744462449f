import type { Channel } from '../../../shared/domain/types';
import type { TemplateSet, Templates } from '../../../shared/domain/dto';
import { BUILT_IN_TEMPLATES, DEFAULT_TEMPLATES, MERGE_FIELDS, SMS_MAX_CHARS } from '../../../shared/domain/default-templates';
import { DEFAULT_LANGUAGE } from '../../../shared/domain/languages';
import { gsmLetters, smsSegments } from '../../../shared/util/sms-segments';
import { dateParts } from './date-parts';
import { hasVoiceFor } from './voices';
import { assertNever } from '../platform/errors';
import { estimateSpeechSeconds, MAX_SPEECH_SECONDS } from './twilio-voice-limits';

/** What a reminder may say (docs/safeguards.md#minimal-content): clinic, date, time, phone. Never provider specialty or reason. */
export interface MessageContext {
  readonly clinicName: string;
  readonly clinicPhone: string;
  readonly startsAt: number;
  readonly timezone: string;
  /** Not a merge field on purpose: minimal content (HIPAA; docs/twilio.md#compliance). */
  readonly patientName: string;
  /** The patient's language; null or absent: the clinic's default (docs/languages.md). */
  readonly language?: string | null;
}

export interface RenderedMessage {
  /** The language the text is in: the patient's, or the default one it fell back to. */
  readonly language: string;
  readonly body: string;
  readonly subject?: string;
  readonly html?: string;
}

/** Which template: a channel's body, or the email subject line. */
export type TemplateKind = Channel | 'emailSubject';

export { DEFAULT_TEMPLATES, MERGE_FIELDS, SMS_MAX_CHARS };
type MergeField = (typeof MERGE_FIELDS)[number];
type Values = Record<MergeField, string>;

/** Worst-case values for length checks: a 40-character clinic name, the longest weekday and time. */
const LONG_SAMPLE: Values = {
  clinic: 'Riverside Family Medicine Associates LLC',
  weekday: 'Wednesday',
  date: 'Sep 30',
  time: '10:30 AM',
  phone: '(555) 555-0123',
};

/** Merge values for one appointment in the clinic's zone and the message's language. */
export function mergeValues(ctx: MessageContext, language: string = DEFAULT_LANGUAGE): Values {
  return { clinic: ctx.clinicName, ...dateParts(ctx.startsAt, ctx.timezone, language), phone: ctx.clinicPhone };
}

/** Replaces `{field}`; unknown fields are left as written (validateTemplate reports them). */
export function fillTemplate(text: string, values: Values): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    (MERGE_FIELDS as readonly string[]).includes(name) ? values[name as MergeField] : whole,
  );
}

/** Every problem with a template, each specific enough to fix; empty when it can be used. */
export function validateTemplate(kind: TemplateKind, text: string): string[] {
  const errors: string[] = [];
  if (!text.trim()) return ['The template is empty.'];
  for (const m of text.matchAll(/\{([^{}]*)\}/g)) {
    const name = m[1] ?? '';
    if (!(MERGE_FIELDS as readonly string[]).includes(name))
      errors.push(`Unknown field {${name}}: use ${MERGE_FIELDS.map((f) => `{${f}}`).join(', ')}.`);
  }
  if (text.replace(/\{[^{}]*\}/g, '').match(/[{}]/)) errors.push('Unmatched { or }.');
  const has = (f: MergeField): boolean => text.includes(`{${f}}`);
  const required: MergeField[] =
    kind === 'sms' || kind === 'voice' ? ['clinic', 'date', 'time', 'phone'] : kind === 'email' ? ['clinic', 'date', 'time'] : [];
  for (const f of required) if (!has(f)) errors.push(`The reminder must include {${f}}.`);
  const long = fillTemplate(text, LONG_SAMPLE);
  if (kind === 'sms') {
    const length = [...long].length;
    if (length > SMS_MAX_CHARS) errors.push(`SMS is ${length} characters with a long clinic name; the limit is ${SMS_MAX_CHARS}.`);
    else if (smsSegments(long).encoding === 'UCS-2' && length > 70)
      errors.push(`SMS uses characters outside the basic SMS alphabet, which limits it to 70 characters; it is ${length}.`);
    if (!/\bSTOP\b/.test(text)) errors.push('SMS must tell patients how to opt out: include "Reply STOP to opt out".');
    // YES re-subscribes and CANCEL/END/QUIT unsubscribe at the carrier (docs/twilio.md#inbound-replies).
    for (const w of ['YES', 'CANCEL', 'END', 'QUIT']) {
      if (new RegExp(`\\b${w}\\b`, 'i').test(text))
        errors.push(`Do not use the word "${w}" in an SMS: it is a carrier keyword. Use "Reply C to confirm".`);
    }
  }
  if (kind === 'voice') {
    const seconds = estimateSpeechSeconds(long);
    if (seconds > MAX_SPEECH_SECONDS) errors.push(`The call script takes about ${seconds} s to say; calls must stay under one minute.`);
    const first = Math.min(...(['weekday', 'date', 'time'] as const).map((f) => text.indexOf(`{${f}}`)).filter((i) => i >= 0));
    if (has('clinic') && has('phone') && (text.indexOf('{clinic}') > first || text.indexOf('{phone}') > first)) {
      errors.push('Say the clinic name and phone number before the date and time (required at the start of the call).');
    }
  }
  return errors;
}

export interface TemplatePreview {
  readonly text: string;
  readonly length: number;
  readonly errors: string[];
  /** SMS only: encoding and segments of the rendered text. */
  readonly encoding?: 'GSM-7' | 'UCS-2';
  readonly segments?: number;
  readonly language?: string;
}

/**
 * Renders a template with a sample (or the given) appointment in `language` and validates it, for the settings
 * screen; an SMS also gets its encoding and segment count, as the patient's phone will receive it.
 */
export function previewTemplate(
  kind: TemplateKind,
  text: string,
  ctx?: MessageContext,
  language: string = DEFAULT_LANGUAGE,
): TemplatePreview {
  const values = ctx ? mergeValues(ctx, language) : { ...LONG_SAMPLE, clinic: 'Riverside Clinic', weekday: 'Tuesday', date: 'Mar 3' };
  const rendered = fillTemplate(text, kind === 'sms' ? smsValues(values) : values);
  const preview = { text: rendered, length: [...rendered].length, errors: validateTemplate(kind, text), language };
  if (kind !== 'sms') return preview;
  const { encoding, segments } = smsSegments(rendered);
  return { ...preview, encoding, segments };
}

/** SMS merge values in the SMS alphabet where a letter only needs its accent dropped (docs/languages.md#sms-length-gsm-7-and-ucs-2). */
function smsValues(values: Values): Values {
  return { ...values, weekday: gsmLetters(values.weekday), date: gsmLetters(values.date), time: gsmLetters(values.time) };
}

const validity = new Map<string, boolean>();

function isValidCustom(kind: keyof TemplateSet, text: string): boolean {
  const key = `${kind}\u0000${text}`;
  let valid = validity.get(key);
  if (valid === undefined) {
    valid = validateTemplate(kind === 'emailText' ? 'email' : (kind as TemplateKind), text).length === 0;
    if (validity.size > 100) validity.clear();
    validity.set(key, valid);
  }
  return valid;
}

/** The clinic's own wording for `language`: the top-level templates are the default language's. */
function customSet(templates: Templates, language: string, defaultLanguage: string): TemplateSet {
  const own = templates.byLanguage?.[language] ?? {};
  if (language !== defaultLanguage) return own;
  const { byLanguage: _others, ...top } = templates;
  return { ...top, ...own };
}

/**
 * The template for one kind and its language (docs/languages.md#templates-per-language-and-the-fallback): the clinic's own in the patient's
 * language, else the built-in one in that language, else the same two in the default language, else English.
 * An invalid custom template never reaches a patient. A call falls back whole when the language has no voice,
 * so the script and the voice speaking it are always the same language.
 */
export function pickTemplate(
  kind: keyof TemplateSet,
  templates: Templates,
  wanted: string | null | undefined,
  defaultLanguage: string = DEFAULT_LANGUAGE,
): { text: string; language: string } {
  const languages = [wanted, defaultLanguage].filter((l): l is string => !!l && (kind !== 'voice' || hasVoiceFor(l)));
  for (const language of new Set(languages)) {
    const custom = customSet(templates, language, defaultLanguage)[kind];
    if (custom && isValidCustom(kind, custom)) return { text: custom, language };
    const builtIn = BUILT_IN_TEMPLATES[language]?.[kind];
    if (builtIn) return { text: builtIn, language };
  }
  return { text: DEFAULT_TEMPLATES[kind], language: DEFAULT_LANGUAGE };
}

/** The SMS, shortened when an unusually long clinic name would push it past 160 characters. */
function fitSms(template: string, values: Values): string {
  const body = fillTemplate(template, values);
  if ([...body].length <= SMS_MAX_CHARS) return body;
  const compact = '{clinic}: {weekday} {date} {time}. Reply C to confirm, STOP to opt out. {phone}';
  const room = SMS_MAX_CHARS - [...fillTemplate(compact, { ...values, clinic: '' })].length;
  return fillTemplate(compact, { ...values, clinic: [...values.clinic].slice(0, Math.max(10, room)).join('').trim() });
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Renders the reminder for one channel in the patient's language, from the clinic's templates (defaults where unset or invalid). */
export function renderMessage(
  channel: Channel,
  ctx: MessageContext,
  templates: Templates = {},
  defaultLanguage: string = DEFAULT_LANGUAGE,
): RenderedMessage {
  const wanted = ctx.language ?? defaultLanguage;
  switch (channel) {
    case 'sms': {
      const { text, language } = pickTemplate('sms', templates, wanted, defaultLanguage);
      return { language, body: fitSms(text, smsValues(mergeValues(ctx, language))) };
    }
    case 'voice': {
      const { text, language } = pickTemplate('voice', templates, wanted, defaultLanguage);
      return { language, body: fillTemplate(text, mergeValues(ctx, language)) };
    }
    case 'email': {
      const { text, language } = pickTemplate('emailText', templates, wanted, defaultLanguage);
      const values = mergeValues(ctx, language);
      const subject = pickTemplate('emailSubject', templates, language, defaultLanguage);
      const body = fillTemplate(text, values);
      const html = body
        .trim()
        .split(/\n{2,}/)
        .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
        .join('\n');
      return { language, subject: fillTemplate(subject.text, mergeValues(ctx, subject.language)), body, html };
    }
    default:
      return assertNever(channel);
  }
}
