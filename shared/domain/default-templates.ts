import type { Templates } from './dto';

/**
 * The built-in wording of every reminder (docs/safeguards.md#minimal-content): clinic name, weekday, date and
 * time, the clinic's phone, "Reply C to confirm" and the opt-out line; never YES/CANCEL, never the
 * provider or the reason. Shared so the engine sends and the settings screen shows the same text.
 */
export const DEFAULT_TEMPLATES: Readonly<Required<Templates>> = {
  sms: '{clinic}: appointment {weekday} {date} at {time}. Reply C to confirm. Questions: {phone}. Reply STOP to opt out.',
  voice:
    'Hello, this is {clinic}, phone {phone}, with a reminder of your appointment on {weekday}, {date}, at {time}. ' +
    'To confirm or change it, please call {phone}. To stop these calls, call us and ask. Thank you.',
  emailSubject: 'Appointment reminder: {weekday} {date} at {time}',
  emailText:
    'Hello,\n\nThis is a reminder of your appointment at {clinic} on {weekday}, {date} at {time}.\n\n' +
    'To confirm or change it, please call {phone}. To stop these reminders, call us at {phone}.\n\n{clinic}\n',
};

/** The merge fields a template may use. */
export const MERGE_FIELDS = ['clinic', 'weekday', 'date', 'time', 'phone'] as const;

export const SMS_MAX_CHARS = 160;
