import type { AppointmentStatus } from '../../../../shared/domain/types';
import type { FeedAppointment, FeedLabels } from '../feed-row';
import { type Hl7Message } from './hl7-message';

/** The SIU trigger events Frontdesk applies (docs/hl7.md); S16 (discontinue) ends the appointment like S15. */
export const SIU_EVENTS = ['S12', 'S13', 'S14', 'S15', 'S16', 'S17', 'S26'] as const;
export type SiuEvent = (typeof SIU_EVENTS)[number];

/** What a SIU message asks for: an appointment to upsert, or why it cannot be used (AR: refused outright). */
export type SiuReading =
  | { ok: true; event: SiuEvent; appointment: FeedAppointment }
  | { ok: false; code: 'AR' | 'AE'; reason: string; event: string };

/** Where each value is read from, for rejection reasons ("PID-13 "555" is not a phone number"). */
export const SIU_LABELS: FeedLabels = {
  externalId: 'SCH-2/SCH-1 (appointment id)',
  patientId: 'PID-3 (patient id)',
  patientName: 'PID-5 (patient name)',
  startsAt: 'SCH-11 (start)',
  durationMin: 'SCH-9 (duration)',
  cellPhone: 'PID-13 (cell phone)',
  homePhone: 'PID-13 (phone)',
  workPhone: 'PID-14 (business phone)',
  email: 'PID-13 (e-mail)',
  provider: 'AIP-3 (provider)',
  status: 'SCH-25 (status)',
};

/** The control id (MSH-10) and trigger event (MSH-9.2) of any message, for the ACK. */
export function messageHeader(message: Hl7Message): { controlId: string; type: string; event: string } {
  return { controlId: message.get('MSH', 10), type: message.get('MSH', 9, 1), event: message.get('MSH', 9, 2) };
}

/** Reads a SIU message into the appointment it states, per the field mapping in docs/hl7.md. */
export function readSiu(message: Hl7Message): SiuReading {
  const { type, event } = messageHeader(message);
  if (type !== 'SIU') return { ok: false, code: 'AR', event, reason: `message type "${type}" is not handled: only SIU is` };
  if (!(SIU_EVENTS as readonly string[]).includes(event)) {
    return { ok: false, code: 'AR', event, reason: `SIU event "${event}" is not handled (${SIU_EVENTS.join(', ')} are)` };
  }
  if (!message.has('SCH')) return { ok: false, code: 'AE', event, reason: 'the message has no SCH segment' };
  if (!message.has('PID')) return { ok: false, code: 'AE', event, reason: 'the message has no PID segment (patient)' };
  const siuEvent = event as SiuEvent;
  const start = startOf(message);
  const appointment: FeedAppointment = {
    externalId: message.get('SCH', 2) || message.get('SCH', 1),
    patientId: message.get('PID', 3),
    patientName: nameOf(message),
    startsAt: start.text,
    durationMin: durationOf(message, start),
    ...phonesOf(message),
    provider: providerOf(message),
    status: statusOf(siuEvent, message.get('SCH', 25)),
  };
  return { ok: true, event: siuEvent, appointment };
}

/** S15/S16/S17 end the appointment, S26 is a no-show; S12–S14 book it unless SCH-25 says otherwise. */
function statusOf(event: SiuEvent, fillerStatus: string): AppointmentStatus {
  switch (event) {
    case 'S15':
    case 'S16':
    case 'S17':
      return 'cancelled';
    case 'S26':
      return 'no_show';
    case 'S12':
    case 'S13':
    case 'S14':
      return FILLER_STATUS[fillerStatus.toLowerCase()] ?? 'booked';
  }
}

/** HL7 table 0278 (filler status codes) where it says more than "booked". */
const FILLER_STATUS: Readonly<Record<string, AppointmentStatus>> = {
  cancelled: 'cancelled',
  deleted: 'cancelled',
  dc: 'cancelled',
  noshow: 'no_show',
  complete: 'completed',
};

/** "Given Middle Family" from PID-5 (XPN: family^given^middle…). */
function nameOf(message: Hl7Message): string {
  const family = message.get('PID', 5, 1);
  const given = message.get('PID', 5, 2);
  const middle = message.get('PID', 5, 3);
  return [given, middle, family].filter(Boolean).join(' ');
}

/** Resource segments that can carry the start (with their start and duration field numbers). */
const RESOURCES: readonly { name: string; start: number; duration: number }[] = [
  { name: 'AIS', start: 4, duration: 7 },
  { name: 'AIP', start: 6, duration: 9 },
  { name: 'AIL', start: 6, duration: 9 },
  { name: 'AIG', start: 8, duration: 11 },
];

interface Start {
  text: string;
  /** The end time as given (SCH-11.5 or TQ1-8), for the duration. */
  end: string;
  /** A resource segment the start came from: its duration applies. */
  resource?: { name: string; duration: number };
}

/** SCH-11 component 4, else TQ1-7, else the first resource segment's start. */
function startOf(message: Hl7Message): Start {
  const sch = message.get('SCH', 11, 4);
  if (sch) return { text: hl7TimeToIso(sch), end: message.get('SCH', 11, 5) };
  const tq1 = message.get('TQ1', 7);
  if (tq1) return { text: hl7TimeToIso(tq1), end: message.get('TQ1', 8) };
  for (const r of RESOURCES) {
    const at = message.get(r.name, r.start);
    if (at) return { text: hl7TimeToIso(at), end: '', resource: r };
  }
  return { text: '', end: '' };
}

/** Minutes: the end minus the start, else SCH-9/10, else the resource's duration and units; '' (30) when none. */
function durationOf(message: Hl7Message, start: Start): string {
  const from = Date.parse(isoForDiff(start.text));
  const to = start.end ? Date.parse(isoForDiff(hl7TimeToIso(start.end))) : NaN;
  if (Number.isFinite(from) && Number.isFinite(to) && to > from) return String(Math.round((to - from) / 60_000));
  const sch = message.get('SCH', 9);
  if (sch) return inMinutes(sch, message.get('SCH', 10));
  for (const r of start.resource ? [start.resource] : RESOURCES) {
    const value = message.get(r.name, r.duration);
    if (value) return inMinutes(value, message.get(r.name, r.duration + 1));
  }
  return '';
}

/** A duration in its units (MIN, S, H, D; default minutes) as minutes; the text itself when it is not a number. */
function inMinutes(value: string, units: string): string {
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  const unit = units.toLowerCase();
  if (/^(?:s|sec|second)/.test(unit)) return String(Math.round(n / 60));
  if (/^(?:h|hr|hour)/.test(unit)) return String(Math.round(n * 60));
  if (/^(?:d|day)/.test(unit)) return String(Math.round(n * 1440));
  return String(n);
}

/** Two local times without offsets are compared as if UTC (their difference is what counts). */
function isoForDiff(text: string): string {
  return /[+-]\d{2}:\d{2}$|Z$/.test(text) ? text : `${text.replace(' ', 'T')}Z`;
}

/**
 * An HL7 DTM/TS (YYYYMMDDHHMM[SS[.S…]][+/-ZZZZ]) as the import's start text: ISO 8601 with the offset when
 * given, else "YYYY-MM-DD HH:mm[:ss]" (clinic time). Anything else is passed through for the row check to refuse.
 */
export function hl7TimeToIso(ts: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d{1,4})?([+-]\d{4})?$/.exec(ts.trim());
  if (!m) return ts;
  const [, y, mo, d, h, mi, s, zone] = m;
  const time = `${h}:${mi}${s ? `:${s}` : ''}`;
  if (!zone) return `${y}-${mo}-${d} ${time}`;
  return `${y}-${mo}-${d}T${time}${s ? '' : ':00'}${zone.slice(0, 3)}:${zone.slice(3)}`;
}

/** PID-13 (home) and PID-14 (business) XTN repetitions: a cell phone (CP), a phone, an e-mail (NET / Internet). */
function phonesOf(message: Hl7Message): Pick<FeedAppointment, 'cellPhone' | 'homePhone' | 'workPhone' | 'email'> {
  let cellPhone = '';
  let homePhone = '';
  let workPhone = '';
  let email = '';
  const reps = (field: number) => message.repetitions('PID', field).map((c) => c.map((part) => message.text(part)));
  for (const [field, xtns] of [
    [13, reps(13)],
    [14, reps(14)],
  ] as const) {
    for (const xtn of xtns) {
      const [first = '', use = '', equipment = '', address = ''] = xtn;
      if (use.toUpperCase() === 'NET' || equipment.toLowerCase() === 'internet' || (address && !first && address.includes('@'))) {
        email ||= address || first;
        continue;
      }
      const number = first || composedNumber(xtn) || xtn[11] || '';
      if (!number) continue;
      if (equipment.toUpperCase() === 'CP' || use.toUpperCase() === 'PRS') cellPhone ||= number;
      else if (field === 13) homePhone ||= number;
      else workPhone ||= number;
    }
  }
  return { cellPhone, homePhone, workPhone, email };
}

/** The provider: AIP-3 (XCN id^family^given), else SCH-16 (filler contact person). */
function providerOf(message: Hl7Message): string {
  for (const [segment, field] of [
    ['AIP', 3],
    ['SCH', 16],
  ] as const) {
    const family = message.get(segment, field, 2);
    const given = message.get(segment, field, 3);
    const name = [given, family].filter(Boolean).join(' ') || message.get(segment, field, 1);
    if (name) return name;
  }
  return '';
}

/** XTN-5 country code, -6 area code, -7 local number ("+1 212 5550101"); '' without a local number. */
function composedNumber(xtn: readonly string[]): string {
  const [country, area, local] = [xtn[4] ?? '', xtn[5] ?? '', xtn[6] ?? ''];
  if (!local) return '';
  return [country ? `+${country.replace(/^\+/, '')}` : '', area, local].filter(Boolean).join(' ');
}
