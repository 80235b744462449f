import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TEMPLATES,
  previewTemplate,
  renderMessage,
  validateTemplate,
  type MessageContext,
} from '../../../electron/core/channels/templates';

const ctx: MessageContext = {
  clinicName: 'Riverside Clinic',
  clinicPhone: '(555) 010-0000',
  startsAt: Date.UTC(2026, 2, 3, 15, 30), // 10:30 in New York (EST)
  timezone: 'America/New_York',
  patientName: 'Pat Example',
};

describe('renderMessage', () => {
  it('renders the default SMS with clinic, weekday, date, time, C to confirm, phone and STOP, under 160 chars', () => {
    const { body } = renderMessage('sms', ctx);
    expect(body).toBe(
      'Riverside Clinic: appointment Tuesday Mar 3 at 10:30 AM. Reply C to confirm. Questions: (555) 010-0000. Reply STOP to opt out.',
    );
    expect(body.length).toBeLessThanOrEqual(160);
    expect(body).not.toMatch(/\b(YES|CANCEL)\b/i);
    expect(body).not.toContain('Pat');
  });

  it('renders the clinic zone across DST', () => {
    const summer = renderMessage('sms', { ...ctx, startsAt: Date.UTC(2026, 6, 7, 14, 0) }).body;
    expect(summer).toContain('Tuesday Jul 7 at 10:00 AM');
  });

  it('puts the clinic name and phone first in the voice script', () => {
    const { body } = renderMessage('voice', ctx);
    expect(body.indexOf('Riverside Clinic')).toBeLessThan(body.indexOf('Tuesday'));
    expect(body.indexOf('(555) 010-0000')).toBeLessThan(body.indexOf('Tuesday'));
  });

  it('renders email subject, text and escaped HTML', () => {
    const r = renderMessage('email', { ...ctx, clinicName: 'A&B <Clinic>' });
    expect(r.subject).toBe('Appointment reminder: Tuesday Mar 3 at 10:30 AM');
    expect(r.body).toContain('A&B <Clinic> on Tuesday, Mar 3 at 10:30 AM');
    expect(r.html).toContain('A&amp;B &lt;Clinic&gt;');
    expect(r.html?.startsWith('<p>Hello,</p>')).toBe(true);
  });

  it('uses a valid custom template and ignores an invalid one', () => {
    const custom = '{clinic} {weekday} {date} {time}: reply C to confirm. {phone}. Reply STOP to opt out.';
    expect(renderMessage('sms', ctx, { sms: custom }).body).toBe(
      'Riverside Clinic Tuesday Mar 3 10:30 AM: reply C to confirm. (555) 010-0000. Reply STOP to opt out.',
    );
    expect(renderMessage('sms', ctx, { sms: 'Reply YES to confirm {clinic}' }).body).toBe(renderMessage('sms', ctx).body);
  });

  it('keeps an SMS for a very long clinic name within 160 characters', () => {
    const { body } = renderMessage('sms', {
      ...ctx,
      clinicName: 'The Extremely Long Named Regional Family Medicine And Wellness Associates Group Of Riverside County',
    });
    expect(body.length).toBeLessThanOrEqual(160);
    expect(body).toContain('Reply C to confirm');
    expect(body).toContain('STOP');
    expect(body).toContain('(555) 010-0000');
  });
});

describe('validateTemplate', () => {
  it('accepts every default', () => {
    expect(validateTemplate('sms', DEFAULT_TEMPLATES.sms)).toEqual([]);
    expect(validateTemplate('voice', DEFAULT_TEMPLATES.voice)).toEqual([]);
    expect(validateTemplate('email', DEFAULT_TEMPLATES.emailText)).toEqual([]);
    expect(validateTemplate('emailSubject', DEFAULT_TEMPLATES.emailSubject)).toEqual([]);
  });

  it('names an unknown field', () => {
    expect(validateTemplate('sms', DEFAULT_TEMPLATES.sms.replace('appointment', '{reason}'))).toEqual([
      expect.stringContaining('Unknown field {reason}'),
    ]);
  });

  it('flags an SMS over 160 characters with a long sample', () => {
    const errors = validateTemplate('sms', `${DEFAULT_TEMPLATES.sms} Please arrive 15 minutes early.`);
    expect(errors).toEqual([expect.stringMatching(/^SMS is 18\d characters with a long clinic name; the limit is 160\.$/)]);
  });

  it('requires STOP, required fields, and forbids carrier keywords', () => {
    expect(validateTemplate('sms', '{clinic} {date} {time} {phone}. Reply C to confirm.')).toEqual([
      expect.stringContaining('Reply STOP to opt out'),
    ]);
    expect(validateTemplate('sms', '{clinic} {date} {phone}. Reply YES to confirm, STOP to opt out.')).toEqual([
      'The reminder must include {time}.',
      expect.stringContaining('"YES"'),
    ]);
    expect(validateTemplate('sms', '')).toEqual(['The template is empty.']);
    expect(validateTemplate('sms', DEFAULT_TEMPLATES.sms + ' {')).toEqual(['Unmatched { or }.']);
  });

  it('checks voice length and order', () => {
    expect(validateTemplate('voice', `${DEFAULT_TEMPLATES.voice} ${'again '.repeat(120)}`)).toEqual([
      expect.stringContaining('under one minute'),
    ]);
    expect(validateTemplate('voice', 'Your appointment is {date} at {time}. This is {clinic}, {phone}.')).toEqual([
      expect.stringContaining('before the date and time'),
    ]);
  });

  it('previews with a sample appointment and reports errors', () => {
    const p = previewTemplate('sms', '{clinic} on {weekday} {date} at {time}, {phone}. Reply STOP to opt out.');
    expect(p.text).toBe('Riverside Clinic on Tuesday Mar 3 at 10:30 AM, (555) 555-0123. Reply STOP to opt out.');
    expect(p.length).toBe(p.text.length);
    expect(p.errors).toEqual([]);
  });
});
