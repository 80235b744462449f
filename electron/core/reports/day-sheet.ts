import { DateTime } from 'luxon';
import type { ClinicSettings, ReminderView, TodayAppointment } from '../../../shared/domain/dto';
import { assertNever } from '../platform/errors';
import { addFooters, drawTable, GREY, newPdf, paperFor, pdfBytes, type TableColumn, type TableRow } from './pdf-document';
import { needsCallReason } from './needs-call';

/**
 * The day sheet (docs/reports.md): the day's appointments in time order with their status, each reminder's
 * outcome and who still needs a call from the desk. A day of up to about 40 appointments fits one page;
 * a busier day continues on the next pages under the same column headers, never splitting an appointment.
 */

const CHANNEL_LABEL = { email: 'Email', sms: 'Text', voice: 'Call' } as const;

const STATUS_LABEL: Readonly<Record<TodayAppointment['status'], string>> = {
  booked: 'Unconfirmed',
  confirmed: 'Confirmed',
  cancelled: 'Cancelled',
  completed: 'Completed',
  no_show: 'No-show',
};

function clock(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).toFormat('HH:mm');
}

/** One reminder in a few words: "Text: delivered", "Call: planned 14:00", "Email: not sent (no consent)". */
export function reminderLabel(r: ReminderView, zone: string): string {
  const channel = CHANNEL_LABEL[r.channel];
  switch (r.state) {
    case 'delivered':
      return `${channel}: delivered`;
    case 'sent':
      return `${channel}: ${r.outcome === 'simulated' ? 'sent (simulated)' : 'sent'}`;
    case 'sending':
      return `${channel}: sending`;
    case 'pending':
      return `${channel}: planned ${clock(r.at, zone)}`;
    case 'unknown':
      return `${channel}: outcome unknown`;
    case 'failed':
    case 'undelivered':
      return `${channel}: failed${r.reason ? ` (${r.reason})` : ''}`;
    case 'suppressed':
      return `${channel}: not sent (${r.reason ?? 'suppressed'})`;
    case 'expired':
      return `${channel}: expired`;
    case 'cancelled':
    case 'superseded':
      return `${channel}: not needed`;
    default:
      return assertNever(r.state);
  }
}

/** The sheet's rows: time, patient, provider, status, reminders, needs a call. */
export function daySheetRows(appointments: readonly TodayAppointment[], zone: string): TableRow[] {
  return appointments.map((a) => {
    const call = needsCallReason(a);
    const patient = a.doNotContact ? `${a.patient}\n(do not contact)` : a.patient;
    const reminders = a.contacts.filter((c) => c.state !== 'superseded').map((c) => reminderLabel(c, zone));
    return {
      cells: [
        clock(a.startsAt, zone),
        patient,
        a.provider,
        STATUS_LABEL[a.status],
        reminders.join(' · ') || '—',
        call === null ? '' : `Call: ${call}${a.phone ? `\n${a.phone}` : ''}`,
      ],
      emphasis: call !== null,
    };
  });
}

const COLUMNS: readonly TableColumn[] = [
  { header: 'Time', share: 0.065 },
  { header: 'Patient', share: 0.2 },
  { header: 'Provider', share: 0.13 },
  { header: 'Status', share: 0.095 },
  { header: 'Reminders', share: 0.33 },
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
  else drawTable(doc, COLUMNS, daySheetRows(input.appointments, zone), { fontSize: 7.5, onNewPage: () => heading(true) });
  addFooters(doc, `${settings.name} · day sheet ${date}`);
  return pdfBytes(doc);
}
