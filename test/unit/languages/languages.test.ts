import { describe, expect, it } from 'vitest';
import { buildReminderTwiml } from '../../../electron/core/channels/twilio-voice';
import {
  pickTemplate,
  previewTemplate,
  renderMessage,
  validateTemplate,
  type MessageContext,
} from '../../../electron/core/channels/templates';
import { BUILT_IN_TEMPLATES, DEFAULT_TEMPLATES } from '../../../shared/domain/default-templates';
import { languageCode } from '../../../shared/domain/languages';
import { gsmLetters, smsSegments } from '../../../shared/util/sms-segments';

const ctx: MessageContext = {
  clinicName: 'Riverside Clinic',
  clinicPhone: '(555) 010-0000',
  startsAt: Date.UTC(2026, 10, 28, 15, 30), // Saturday 28 Nov, 10:30 in New York
  timezone: 'America/New_York',
  patientName: 'Ana Ruiz',
};

describe('SMS segments (GSM-7 vs UCS-2)', () => {
  it('a single á makes a text UCS-2 and halves what a segment holds', () => {
    const plain = 'a'.repeat(100);
    expect(smsSegments(plain)).toEqual({ encoding: 'GSM-7', segments: 1, units: 100 });
    expect(smsSegments(`á${plain}`)).toEqual({ encoding: 'UCS-2', segments: 2, units: 101 });
  });

  it('counts extension-table characters (€ { } [ ] ~ | ^ \\) as two septets', () => {
    expect(smsSegments('{'.repeat(80))).toEqual({ encoding: 'GSM-7', segments: 1, units: 160 });
    expect(smsSegments('{'.repeat(81)).segments).toBe(2);
    expect(smsSegments(`Pay 5€ {x}`)).toEqual({ encoding: 'GSM-7', segments: 1, units: 13 });
  });

  it('drops only the accents GSM-7 lacks from merge values (sábado → sabado, but ñ and é stay)', () => {
    expect(gsmLetters('sábado')).toBe('sabado');
    expect(gsmLetters('miércoles niño')).toBe('miércoles niño');
    expect(gsmLetters('日本')).toBe('日本');
  });
});

describe('templates per language', () => {
  it('renders the built-in Spanish wording with a Spanish date, still one GSM-7 segment', () => {
    const r = renderMessage('sms', { ...ctx, language: 'es' });
    expect(r.language).toBe('es');
    expect(r.body).toBe(
      'Riverside Clinic: cita sabado 28 nov a las 10:30 a. m. Responda C para confirmar. Tel (555) 010-0000. Envie STOP para no recibir mas.',
    );
    expect(smsSegments(r.body)).toMatchObject({ encoding: 'GSM-7', segments: 1 });
  });

  it('the built-in Spanish wording passes the same checks as a clinic’s own (160 characters with a long name, STOP, no carrier words)', () => {
    for (const kind of ['sms', 'voice'] as const) expect(validateTemplate(kind, BUILT_IN_TEMPLATES.es![kind])).toEqual([]);
    expect(validateTemplate('email', BUILT_IN_TEMPLATES.es!.emailText)).toEqual([]);
    expect(validateTemplate('emailSubject', BUILT_IN_TEMPLATES.es!.emailSubject)).toEqual([]);
  });

  it('falls back to the clinic default for a language with no wording, and to English for no language', () => {
    expect(renderMessage('sms', { ...ctx, language: 'vi' }).language).toBe('en');
    expect(renderMessage('sms', { ...ctx, language: null }).body).toContain('appointment Saturday Nov 28 at 10:30 AM');
    // A clinic whose default is Spanish: patients with no language get Spanish.
    expect(renderMessage('sms', { ...ctx, language: null }, {}, 'es').language).toBe('es');
  });

  it('uses the clinic’s own wording per language, and the next fallback for a kind it did not write', () => {
    const vi = '{clinic}: lich hen {weekday} {date} {time}. Tra loi C de xac nhan. {phone}. Reply STOP de huy.';
    const templates = { byLanguage: { vi: { sms: vi } } };
    expect(pickTemplate('sms', templates, 'vi')).toEqual({ text: vi, language: 'vi' });
    expect(pickTemplate('emailText', templates, 'vi')).toEqual({ text: DEFAULT_TEMPLATES.emailText, language: 'en' });
    // An invalid custom template is never used.
    expect(pickTemplate('sms', { byLanguage: { es: { sms: 'Hola {clinic}' } } }, 'es')).toEqual({
      text: BUILT_IN_TEMPLATES.es!.sms,
      language: 'es',
    });
  });

  it('a call in a language with no voice is made whole in the default language', () => {
    const templates = { byLanguage: { vi: { voice: 'Xin chao, {clinic}, {phone}: {weekday} {date} {time}.' } } };
    expect(pickTemplate('voice', templates, 'vi')).toEqual({ text: DEFAULT_TEMPLATES.voice, language: 'en' });
  });

  it('reads language cells as codes', () => {
    expect(['es', 'ES', 'es-MX', 'Spanish', 'Español', ' english '].map(languageCode)).toEqual(['es', 'es', 'es', 'es', 'es', 'en']);
    expect(languageCode('Klingon!')).toBeUndefined();
  });

  it('previews an SMS with its encoding and segments', () => {
    expect(previewTemplate('sms', 'Hola {clinic} STOP', ctx, 'es')).toMatchObject({ encoding: 'GSM-7', segments: 1, language: 'es' });
    expect(previewTemplate('sms', 'Clínica {clinic} STOP', ctx)).toMatchObject({ encoding: 'UCS-2', segments: 1 });
    expect(previewTemplate('voice', '{clinic}', ctx).segments).toBeUndefined();
  });
});

describe('call voice', () => {
  it('speaks the script in its language with a matching voice', () => {
    expect(buildReminderTwiml('Hola', 'es')).toContain('<Say voice="Polly.Lupe" language="es-US">Hola</Say>');
    expect(buildReminderTwiml('Hello', 'en')).toContain('<Say voice="Polly.Joanna" language="en-US">Hello</Say>');
    expect(buildReminderTwiml('Hello')).toContain('language="en-US"');
  });

  it('renders the Spanish call script for a Spanish patient, so script and voice agree', () => {
    const r = renderMessage('voice', { ...ctx, language: 'es' });
    expect(r.language).toBe('es');
    expect(r.body).toMatch(/^Hola, le llama Riverside Clinic, teléfono \(555\) 010-0000, para recordarle su cita del sábado 28 nov/);
  });
});
