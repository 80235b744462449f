import { DateTime } from 'luxon';
import type { ClinicSettings, ReminderView, TodayAppointment } from '../../../shared/domain/dto';
import { assertNever } from '../platform/errors';
import { addFooters, drawTable, GREY, newPdf, paperFor, pdfBytes, type TableColumn, type TableRow } from './pdf-document';
import { needsCallReason } from './needs-call';

/**
 * The day sheet (docs/reports.md): the day's appointments in time order with their status, each reminder's
 * outcome (a column per channel) and who still needs a call from the desk. A day of up to about 40
 * appointments fits one page; a busier day continues on the next pages under the same column headers, never
 * splitting an appointment.
 */

const STATUS_LABEL: Readonly<Record<TodayAppointment['status'], string>> = {
  booked: 'Unconfirmed',
  confirmed: 'Confirmed',
  cancelled: 'Cancelled',
  completed: 'Completed',
  no_show: 'No-show',
};

/** The final checks' reasons, in the few words a printed cell has room for. */
function shortReason(reason: string | null): string {
  if (reason === null) return 'suppressed';
  if (reason === 'number opted out (STOP)') return 'opted out (STOP)';
  if (reason === 'patient marked do not contact') return 'do not contact';
  if (reason.startsWith('invalid number')) return 'invalid number';
  if (/contact limit/.test(reason)) return 'limit reached';
  if (/consent/.test(reason)) return 'no consent';
  return reason.replace(/^no (email address|phone number)$/, (_, what: string) => `no ${what.split(' ')[0]}`);
}

/**
 * One reminder in a few words: "delivered", "due 14:00" (planned; with the weekday when not on the sheet's day),
 * "not sent: opted out (STOP)". `date` is the sheet's day.
 */
export function reminderCell(r: ReminderView, zone: string, date: string): string {
  switch (r.state) {
    case 'delivered':
      return 'delivered';
    case 'sent':
      return r.outcome === 'simulated' ? 'sent (simulated)' : 'sent';
    case 'sending':
      return 'sending';
    case 'scheduled':
      return `scheduled at Twilio for ${DateTime.fromISO(r.at, { zone }).toFormat('ccc HH:mm')}`;
    case 'pending': {
      const at = DateTime.fromISO(r.at, { zone });
      return `due ${at.toFormat(at.toISODate() === date ? 'HH:mm' : 'ccc HH:mm')}`;
    }
    case 'unknown':
      return 'outcome unknown';
    case 'failed':
    case 'undelivered':
      return `failed: ${shortReason(r.reason)}`;
    case 'suppressed':
      return `not sent: ${shortReason(r.reason)}`;
    case 'expired':
      return 'expired';
    case 'cancelled':
    case 'superseded':
      return 'not needed';
    default:
      return assertNever(r.state);
  }
}

/** The sheet's rows: time, patient, provider, status, one cell per channel, needs a call. */
export function daySheetRows(appointments: readonly TodayAppointment[], zone: string, date: string): TableRow[] {
  return appointments.map((a) => {
    const call = needsCallReason(a);
    const patient = a.doNotContact ? `${a.patient}\n(do not contact)` : a.patient;
    const cell = (channel: ReminderView['channel']) =>
      a.contacts
        .filter((c) => c.channel === channel && c.state !== 'superseded')
        .map((c) => reminderCell(c, zone, date))
        .join('\n') || '—';
    return {
      cells: [
        DateTime.fromISO(a.startsAt, { zone }).toFormat('HH:mm'),
        patient,
        a.provider,
        STATUS_LABEL[a.status],
        cell('email'),
        cell('sms'),
        cell('voice'),
        call === null ? '' : `${call}${a.phone ? `\n${a.phone}` : ''}`,
      ],
      emphasis: call !== null,
    };
  });
}

const COLUMNS: readonly TableColumn[] = [
  { header: 'Time', share: 0.06 },
  { header: 'Patient', share: 0.17 },
  { header: 'Provider', share: 0.12 },
  { header: 'Status', share: 0.11 },
  { header: 'Email', share: 0.12 },
  { header: 'Text', share: 0.12 },
  { header: 'Call', share: 0.12 },
  { header: 'Needs a call', share: 0.18 },
];

function counts(appointments: readonly TodayAppointment[]): string {
  const n = (s: TodayAppointment['status']) => appointments.filter((a) => a.status === s).length;
  const calls = appointments.filter((a) => needsCallReason(a) !== null).length;
  return `${appointments.length} appointment${appointments.length === 1 ? '' : 's'} · ${n('confirmed')} confirmed · ${n('booked')} unconfirmed · ${n('cancelled')} cancelled · ${calls} need${calls === 1 ? 's' : ''} a call`;
}

export type DaySheetInput = Readonly<{
  date: string;
  appointments: readonly TodayAppointment[];
  settings: Pick<ClinicSettings, 'name' | 'phone' | 'timezone' | 'country'>;
  now: number;
}>;

/** The day sheet as PDF bytes. */
export async function daySheetPdf(input: DaySheetInput): Promise<Buffer> {
  const { settings, date } = input;
  const zone = settings.timezone;
  const day = DateTime.fromISO(date, { zone }).toFormat('cccc d LLLL yyyy');
  const doc = newPdf({ title: `Day sheet ${date}`, paper: paperFor(settings.country), createdAt: input.now });
  const heading = (continued: boolean) => {
    doc
      .font('bold')
      .fontSize(continued ? 10 : 15)
      .fillColor('black')
      .text(`${settings.name} — ${day}${continued ? ' (continued)' : ''}`);
    doc.moveDown(0.2);
  };
  heading(false);
  const printed = DateTime.fromMillis(input.now, { zone }).toFormat('d LLL yyyy HH:mm');
  doc
    .font('regular')
    .fontSize(8.5)
    .fillColor(GREY)
    .text(`${settings.phone ? `${settings.phone} · ` : ''}printed ${printed} (${zone})`);
  doc.moveDown(0.3);
  doc.font('bold').fontSize(10).fillColor('black').text(counts(input.appointments));
  doc.moveDown(0.5);
  if (input.appointments.length === 0) doc.font('regular').fontSize(10).text('No appointments on this day.');
  else drawTable(doc, COLUMNS, daySheetRows(input.appointments, zone, date), { fontSize: 7.5, onNewPage: () => heading(true) });
  addFooters(doc, `${settings.name} · day sheet ${date}`);
  return pdfBytes(doc);
}
