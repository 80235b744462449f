import type { ImportField } from '../../../../shared/domain/sources';

export type MappingChoice = ImportField | 'ignore';

/** Every field a column can be read as, in the order the mapping select lists them, with the desk's words. */
export const FIELD_LABELS: readonly (readonly [MappingChoice, string])[] = [
  ['ignore', '— not read —'],
  ['external_id', 'Appointment id'],
  ['patient_name', 'Patient name'],
  ['first_name', 'First name'],
  ['last_name', 'Last name'],
  ['patient_id', 'Patient id (chart #)'],
  ['starts_at', 'Date and time'],
  ['date', 'Date'],
  ['time', 'Time'],
  ['end_time', 'End time'],
  ['duration_min', 'Length'],
  ['cell_phone', 'Cell phone'],
  ['phone', 'Phone'],
  ['home_phone', 'Home phone'],
  ['work_phone', 'Work phone'],
  ['email', 'Email'],
  ['provider', 'Provider'],
  ['status', 'Status'],
  ['language', 'Language'],
  ['timezone', 'Time zone'],
  ['sms_consent', 'OK to text'],
  ['voice_consent', 'OK to call'],
  ['email_consent', 'OK to email'],
];

export function fieldLabel(field: MappingChoice): string {
  return FIELD_LABELS.find(([f]) => f === field)?.[1] ?? field;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * "Tue 14 Dec 2027 09:30" from an ISO time with the clinic's offset: its wall-clock part is clinic time. The month
 * is a word and the year is shown, so a date read the wrong way round (12/03 as 12 March) is plain to see.
 */
export function clinicWallTime(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d, h, mi] = m;
  const weekday = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d))).getUTCDay();
  return `${WEEKDAYS[weekday]} ${Number(d)} ${MONTHS[Number(mo) - 1]} ${y} ${h}:${mi}`;
}
