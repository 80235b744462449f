import type { TemplateSet } from './dto';

/**
 * The built-in wording of every reminder (docs/safeguards.md#minimal-content): clinic name, weekday, date and
 * time, the clinic's phone, "Reply C to confirm" and the opt-out line; never YES/CANCEL, never the
 * provider or the reason. Shared so the engine sends and the settings screen shows the same text.
 */
export const DEFAULT_TEMPLATES: Readonly<Required<TemplateSet>> = {
  sms: '{clinic}: appointment {weekday} {date} at {time}. Reply C to confirm. Questions: {phone}. Reply STOP to opt out.',
  voice:
    'Hello, this is {clinic}, phone {phone}, with a reminder of your appointment on {weekday}, {date}, at {time}. ' +
    'To confirm or change it, please call {phone}. To stop these calls, call us and ask. Thank you.',
  emailSubject: 'Appointment reminder: {weekday} {date} at {time}',
  emailText:
    'Hello,\n\nThis is a reminder of your appointment at {clinic} on {weekday}, {date} at {time}.\n\n' +
    'To confirm or change it, please call {phone}. To stop these reminders, call us at {phone}.\n\n{clinic}\n',
};

/**
 * Built-in wording in other languages, used for a patient in that language when the clinic wrote none. The SMS
 * stays in the basic SMS alphabet (no á, í, ó, ú: one of them would make it a 70-character text).
 */
export const BUILT_IN_TEMPLATES: Readonly<Record<string, Readonly<Required<TemplateSet>>>> = {
  en: DEFAULT_TEMPLATES,
  es: {
    sms: '{clinic}: cita {weekday} {date} a las {time} Responda C para confirmar. Tel {phone}. Envie STOP para no recibir mas.',
    voice:
      'Hola, le llama {clinic}, teléfono {phone}, para recordarle su cita del {weekday} {date} a las {time}. ' +
      'Para confirmarla o cambiarla, llame al {phone}. Para no recibir estas llamadas, llámenos y pídalo. Gracias.',
    emailSubject: 'Recordatorio de cita: {weekday} {date} a las {time}',
    emailText:
      'Hola:\n\nLe recordamos su cita en {clinic} el {weekday} {date} a las {time}.\n\n' +
      'Para confirmarla o cambiarla, llame al {phone}. Para no recibir estos recordatorios, llámenos al {phone}.\n\n{clinic}\n',
  },
};

/** The merge fields a template may use. */
export const MERGE_FIELDS = ['clinic', 'weekday', 'date', 'time', 'phone'] as const;

export const SMS_MAX_CHARS = 160;
