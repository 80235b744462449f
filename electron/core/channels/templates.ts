import type { Channel } from '../../../shared/domain/types';
import type { Templates } from '../../../shared/domain/dto';
import { DEFAULT_TEMPLATES, MERGE_FIELDS, SMS_MAX_CHARS } from '../../../shared/domain/default-templates';
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
}

export interface RenderedMessage {
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

/** Merge values for one appointment, in the clinic's zone (luxon formats; see dateParts for the cache). */
export function mergeValues(ctx: MessageContext): Values {
  return { clinic: ctx.clinicName, ...dateParts(ctx.startsAt, ctx.timezone), phone: ctx.clinicPhone };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Weekday, date and time of an instant in a zone ("Saturday", "Nov 28", "10:30 AM"), as luxon's
 * cccc / LLL d / h:mm a would print them. One cached Intl formatter per zone: a dispatch renders
 * thousands of messages and this is on its hot path.
 */
const partsCache = new Map<string, { weekday: string; date: string; time: string }>();

function dateParts(startsAt: number, zone: string): { weekday: string; date: string; time: string } {
  const key = `${zone}|${startsAt}`;
  const cached = partsCache.get(key);
  if (cached) return cached;
  const parts = formatDateParts(startsAt, zone);
  // Appointments share slots: a small cache saves most formatting in a busy dispatch.
  if (partsCache.size >= 2_000) partsCache.clear();
  partsCache.set(key, parts);
  return parts;
}

function formatDateParts(startsAt: number, zone: string): { weekday: string; date: string; time: string } {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      weekday: 'long',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      hour12: true,
    });
    formatters.set(zone, format);
  }
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const p of format.formatToParts(startsAt)) part[p.type] = p.value;
  return {
    weekday: part.weekday ?? '',
    date: `${part.month ?? ''} ${part.day ?? ''}`,
    time: `${part.hour ?? ''}:${part.minute ?? ''} ${part.dayPeriod ?? ''}`,
  };
}

/** Replaces `{field}`; unknown fields are left as written (validateTemplate reports them). */
export function fillTemplate(text: string, values: Values): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    (MERGE_FIELDS as readonly string[]).includes(name) ? values[name as MergeField] : whole,
  );
}

const GSM7 = /^[\n\r\x20-\x7E£¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà]*$/;

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
    else if (!GSM7.test(long) && length > 70)
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
}

/** Renders a template with a sample (or the given) appointment and validates it, for the settings screen. */
export function previewTemplate(kind: TemplateKind, text: string, ctx?: MessageContext): TemplatePreview {
  const values = ctx ? mergeValues(ctx) : { ...LONG_SAMPLE, clinic: 'Riverside Clinic', weekday: 'Tuesday', date: 'Mar 3' };
  const rendered = fillTemplate(text, values);
  return { text: rendered, length: [...rendered].length, errors: validateTemplate(kind, text) };
}

const validity = new Map<string, boolean>();

function pick(kind: keyof Templates, templates: Templates): string {
  const custom = templates[kind];
  if (!custom) return DEFAULT_TEMPLATES[kind];
  const key = `${kind}\u0000${custom}`;
  let valid = validity.get(key);
  if (valid === undefined) {
    valid = validateTemplate(kind === 'emailText' ? 'email' : (kind as TemplateKind), custom).length === 0;
    if (validity.size > 100) validity.clear();
    validity.set(key, valid);
  }
  // An invalid custom template never reaches a patient: the default is always compliant.
  return valid ? custom : DEFAULT_TEMPLATES[kind];
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

/** Renders the reminder for one channel from the clinic's templates (defaults where unset or invalid). */
export function renderMessage(channel: Channel, ctx: MessageContext, templates: Templates = {}): RenderedMessage {
  const values = mergeValues(ctx);
  switch (channel) {
    case 'sms':
      return { body: fitSms(pick('sms', templates), values) };
    case 'voice':
      return { body: fillTemplate(pick('voice', templates), values) };
    case 'email': {
      const body = fillTemplate(pick('emailText', templates), values);
      const html = body
        .trim()
        .split(/\n{2,}/)
        .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
        .join('\n');
      return { subject: fillTemplate(pick('emailSubject', templates), values), body, html };
    }
    default:
      return assertNever(channel);
  }
}
