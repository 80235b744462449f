import type { ParsedReq, Res } from '../../../../shared/api/contract';
import type { reportContract } from '../../../../shared/api/reports-contract';
import type { ContactDay, Dashboard, ExportFile, ReportSettings } from '../../../../shared/domain/reports';

type ReportChannel = keyof typeof reportContract;
type FakeReportHandlers = { [C in ReportChannel]: (req: ParsedReq<C>) => Res<C> };

const DAY_MS = 86_400_000;

/** `count` dates ending on `to` (UTC date arithmetic is enough for fixture dates). */
function datesEnding(to: string, count: number): string[] {
  const end = Date.parse(`${to}T12:00:00Z`);
  return Array.from({ length: count }, (_, i) => new Date(end - (count - 1 - i) * DAY_MS).toISOString().slice(0, 10));
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / DAY_MS) + 1;
}

/** A plausible month for a small clinic: numbers vary by weekday, deterministically. */
export function fakeDashboard(from: string, to: string, settings: ReportSettings): Dashboard {
  const dates = datesEnding(to, Math.max(1, daysBetween(from, to)));
  const weekday = (d: string) => new Date(`${d}T12:00:00Z`).getUTCDay();
  const load = (d: string) => (weekday(d) === 0 ? 0 : weekday(d) === 6 ? 4 : 14 + (Number(d.slice(8)) % 5));
  const days: ContactDay[] = dates.map((date) => ({
    date,
    sms: load(date),
    voice: Math.floor(load(date) / 4),
    email: load(date) + 2,
    maxPerNumber: load(date) > 0 ? 1 : 0,
    numbersAtCap: Math.floor(load(date) / 3),
    maxPerNumberWeek: load(date) > 0 ? 2 : 0,
  }));
  const sum = (pick: (d: ContactDay) => number) => days.reduce((n, d) => n + pick(d), 0);
  const sms = sum((d) => d.sms);
  const voice = sum((d) => d.voice);
  const email = sum((d) => d.email);
  const appointments = dates.map((date) => ({ date, appointments: load(date) + 3, confirmed: Math.round(load(date) * 0.7) }));
  const outcomes = (total: number) => ({
    delivered: Math.round(total * 0.8),
    sent: Math.round(total * 0.05),
    failed: Math.round(total * 0.03),
    unknown: 0,
    suppressed: Math.round(total * 0.05),
    expired: Math.round(total * 0.02),
    not_needed: Math.round(total * 0.05),
    pending: 0,
  });
  const total = (o: ReturnType<typeof outcomes>) => Object.values(o).reduce((a, b) => a + b, 0);
  const channel = (c: 'email' | 'sms' | 'voice', n: number) => ({ channel: c, total: total(outcomes(n)), outcomes: outcomes(n) });
  const prices = settings.prices;
  const costOf = (c: 'email' | 'sms' | 'voice', n: number) => {
    const unitPrice = c === 'sms' ? prices.smsPerSegment : c === 'voice' ? prices.voicePerMinute : prices.emailPerMessage;
    const units = c === 'voice' ? n * prices.voiceMinutesPerCall : n;
    return { channel: c, attempts: n, units, estimate: units * unitPrice, simulatedAttempts: 0, simulatedUnits: 0, simulatedEstimate: 0 };
  };
  const costs = [costOf('email', email), costOf('sms', sms), costOf('voice', voice)];
  const booked = appointments.reduce((n, d) => n + d.appointments, 0);
  const confirmed = appointments.reduce((n, d) => n + d.confirmed, 0);
  return {
    from: dates[0]!,
    to: dates[dates.length - 1]!,
    timezone: 'America/New_York',
    generatedAt: `${to}T08:00:00-04:00`,
    reminders: {
      byChannel: [channel('email', email), channel('sms', sms), channel('voice', voice)],
      suppressed: [
        { channel: 'sms', reason: 'number opted out (STOP)', count: Math.round(sms * 0.03) },
        { channel: 'voice', reason: 'no consent for calls', count: Math.round(voice * 0.05) },
      ],
    },
    confirmations: {
      appointments: booked,
      confirmed,
      rate: booked > 0 ? confirmed / booked : null,
      bySource: { reply: Math.round(confirmed * 0.6), call: Math.round(confirmed * 0.1), desk: Math.round(confirmed * 0.2), schedule: 0 },
      daily: appointments,
    },
    noShows: {
      confirmed: { appointments: Math.round(booked * 0.7), noShows: Math.round(booked * 0.02), rate: 0.03 },
      unconfirmed: { appointments: Math.round(booked * 0.3), noShows: Math.round(booked * 0.04), rate: 0.13 },
    },
    contactsPerDay: { capPerDay: 1, capPerWeek: 3, days },
    cost: {
      prices,
      channels: costs,
      daily: days.map((d) => ({ date: d.date, sms: d.sms * prices.smsPerSegment, voice: d.voice * prices.voicePerMinute, email: 0 })),
      total: costs.reduce((n, c) => n + c.estimate, 0),
      simulatedTotal: 0,
      segmentsEstimated: 0,
    },
  };
}

function file(fileName: string, mimeType: ExportFile['mimeType'], data: string, rows: number): ExportFile {
  const encoding = mimeType === 'application/pdf' ? 'base64' : 'utf8';
  return { fileName, mimeType, encoding, data: encoding === 'base64' ? btoa(data) : data, rows };
}

/** The fake API's report calls (renderer tests and design work). */
export function fakeReportHandlers(today: string): FakeReportHandlers {
  let settings: ReportSettings = {
    prices: { currency: 'USD', smsPerSegment: 0.0083, voicePerMinute: 0.014, voiceMinutesPerCall: 1, emailPerMessage: 0 },
    summaryAt: null,
  };
  const history = (query: string): Res<'reports:patient-history'> => ({
    query,
    patients: [
      {
        id: 1,
        name: 'Maria Lopez',
        phone: '+12125550101',
        email: null,
        smsConsent: true,
        voiceConsent: true,
        emailConsent: true,
        doNotContact: false,
      },
    ],
    numbers: [{ address: '+12125550101', optedOut: true, since: `${today}T07:40:00-04:00`, invalid: null }],
    rows: [
      {
        at: `${today}T07:00:00-04:00`,
        kind: 'consent',
        patient: 'Maria Lopez',
        appointment: '',
        channel: '',
        address: '+12125550101',
        event: 'patient added',
        outcome: 'import',
        detail: 'texts allowed: — → yes',
        actor: 'desk',
      },
      {
        at: `${today}T07:30:00-04:00`,
        kind: 'attempt',
        patient: 'Maria Lopez',
        appointment: 'A-1001',
        channel: 'text',
        address: '+12125550101',
        event: 'text handed to the provider (rule sms-24h)',
        outcome: 'delivered',
        detail: '1 segment',
        actor: 'dispatcher',
      },
      {
        at: `${today}T07:40:00-04:00`,
        kind: 'reply',
        patient: 'Maria Lopez',
        appointment: '',
        channel: 'text',
        address: '+12125550101',
        event: 'reply "STOP"',
        outcome: 'opt_out',
        detail: '',
        actor: 'patient (+12125550101)',
      },
    ],
  });
  return {
    'reports:dashboard': ({ from, to }) => {
      const end = to ?? today;
      return fakeDashboard(from ?? datesEnding(end, 30)[0]!, end, settings);
    },
    'reports:daily-summary': ({ date }) => ({
      date: date ?? today,
      sent: 42,
      confirmed: 17,
      failed: 2,
      atRiskTomorrow: 3,
      endsAt: `${date ?? today}T20:00:00-04:00`,
    }),
    'reports:day-sheet': ({ date }) => file(`day-sheet-${date ?? today}.pdf`, 'application/pdf', '%PDF-1.4 fake day sheet', 5),
    'reports:patient-history': ({ phone, appointment }) => history(phone ?? appointment ?? ''),
    'reports:patient-export': ({ phone, appointment, format }) =>
      format === 'csv'
        ? file('history.csv', 'text/csv', 'at,kind\r\n', 3)
        : file(`history-${phone ?? appointment}.pdf`, 'application/pdf', '%PDF-1.4 fake history', 3),
    'reports:contacts-export': ({ from, to }) => file(`contacts-${from}-to-${to}.csv`, 'text/csv', '\uFEFFtype,at\r\n', 0),
    'reports:get-settings': () => settings,
    'reports:update-settings': ({ prices, summaryAt }) => {
      settings = { prices: { ...settings.prices, ...prices }, summaryAt: summaryAt === undefined ? settings.summaryAt : summaryAt };
      return settings;
    },
  };
}
