import type { AppointmentStatus } from '../../../../shared/domain/types';

/** A status text lower-cased with everything but letters dropped: "No-Show", "no show" and "NOSHOW" are one. */
function statusKey(text: string): string {
  return text.toLowerCase().replace(/[^a-z]/g, '');
}

/**
 * Status words of practice systems, by our status (docs/import.md). Broken (Open Dental: the patient broke the
 * appointment) and cancelled both end the reminders; arrived or checked in is still the booked visit.
 */
const STATUS_WORDS: Readonly<Record<AppointmentStatus, readonly string[]>> = {
  booked: [
    'booked',
    'scheduled',
    'sched',
    'unconfirmed',
    'notconfirmed',
    'rescheduled',
    'arrived',
    'checkedin',
    'checkin',
    'inroom',
    'inchair',
    'seated',
    'leftmessage',
  ],
  confirmed: ['confirmed', 'conf', 'patientconfirmed', 'confirmedbypatient', 'confirmedbytext', 'confirmedbyphone', 'confirmedbyemail'],
  cancelled: [
    'cancelled',
    'canceled',
    'cancel',
    'cxl',
    'cx',
    'cancelledbypatient',
    'canceledbypatient',
    'cancelledbyoffice',
    'canceledbyoffice',
    'deleted',
    'broken',
    'brokenappointment',
    'void',
  ],
  completed: ['completed', 'complete', 'checkedout', 'checkout', 'done', 'seen', 'finished', 'fulfilled', 'billed'],
  no_show: ['noshow', 'noshowed', 'ns', 'missed', 'didnotshow', 'dns', 'failed', 'fta', 'failedtoarrive', 'didntshow'],
};

const STATUS_BY_KEY: ReadonlyMap<string, AppointmentStatus> = new Map(
  (Object.entries(STATUS_WORDS) as [AppointmentStatus, readonly string[]][]).flatMap(([status, words]) =>
    words.map((word) => [word, status] as const),
  ),
);

/** Our status for a practice system's status text, or undefined when it is not one we know. */
export function statusFromText(raw: string): AppointmentStatus | undefined {
  const key = statusKey(raw);
  const known = STATUS_BY_KEY.get(key);
  if (known) return known;
  // "Confirmed - Text", "Confirmed via SMS 12/13": a confirmation with its channel; never "Unconfirmed".
  if (key.startsWith('confirmed')) return 'confirmed';
  return undefined;
}

/** The status words accepted, for the rejection message. */
export const STATUS_EXAMPLES = 'Scheduled, Booked, Confirmed, Cancelled/Canceled, Broken, No Show, Complete, Checked Out';

const DURATION_UNITS = /^(?:(\d{1,2})\s*(?:h|hr|hrs|hour|hours))?\s*(?:(\d{1,4})\s*(?:m|min|mins|minute|minutes))?$/i;
const CLOCK_DURATION = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** Minutes of a length text: "30", "30 min", "1 hr 15 min", "1h", "1:30" (h:mm), "00:30:00"; undefined if none. */
export function minutesFromText(raw: string): number | undefined {
  const text = raw.trim();
  if (/^\d+$/.test(text)) return Number(text);
  // A spreadsheet's whole number of minutes written as a decimal ("30.0").
  if (/^\d+\.0+$/.test(text)) return Number(text);
  const clock = CLOCK_DURATION.exec(text);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]) + (Number(clock[3] ?? 0) >= 30 ? 1 : 0);
  const units = DURATION_UNITS.exec(text);
  if (!units || (units[1] === undefined && units[2] === undefined)) return undefined;
  return Number(units[1] ?? 0) * 60 + Number(units[2] ?? 0);
}
