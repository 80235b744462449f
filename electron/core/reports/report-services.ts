import type { DailySummary, Dashboard, PatientHistory, ReportSettings } from '../../../shared/domain/reports';
import type { Channel } from '../../../shared/domain/types';
import type { ReadableDB, WritableDB } from '../db/types';
import { getClinicSettings } from '../clinic/clinic-settings';
import { getExtraSettings } from '../db/repos/clinic-repo';
import { findAppointmentByExternalId } from '../db/repos/appointments-repo';
import { findPatientById, findPatientsByPhone } from '../db/repos/patients-repo';
import { todayView } from '../api/views';
import type { Clock } from '../platform/clock';
import { badRequest, notFound } from '../platform/errors';
import { buildDashboard } from './dashboard';
import { dailySummary, takeDueDailySummary } from './daily-summary';
import { daySheetPdf } from './day-sheet';
import { historyCsv, historyPdf, ledgerCsv } from './exports';
import type { AuditEntry } from './history-rows';
import { buildPatientHistory, type HistorySubject } from './patient-history';
import { clinicDay, dayRange } from './range';
import { getReportSettings, updateReportSettings, type ReportSettingsPatch } from './report-settings';

/** A document a report command produced: PDF bytes or CSV text, with a suggested file name. */
export interface ReportFile {
  readonly fileName: string;
  readonly mimeType: 'application/pdf' | 'text/csv';
  readonly content: Buffer | string;
  /** Rows in it (appointments on a day sheet). */
  readonly rows: number;
}

export type PatientLookup = Readonly<{ phone?: string | undefined; appointment?: string | undefined }>;

/** The reports behind the dashboard, the `report` commands and the daily summary (docs/reports.md). */
export interface ReportServices {
  dashboard(input: Readonly<{ from?: string | undefined; to?: string | undefined }>): Dashboard;
  /** The day's counts (default today). */
  dailySummary(input: Readonly<{ date?: string | undefined }>): DailySummary;
  /** Today's summary once the desk day is over, handed out once per day (the app's notification). */
  takeDueDailySummary(): DailySummary | null;
  daySheet(input: Readonly<{ date?: string | undefined }>): Promise<ReportFile>;
  patientHistory(input: PatientLookup): Promise<PatientHistory>;
  patientExport(input: PatientLookup & Readonly<{ format: 'pdf' | 'csv' }>): Promise<ReportFile>;
  /** Every ledger row and reply of whole clinic days [from, to] as CSV. */
  ledgerExport(input: Readonly<{ from: string; to: string }>): ReportFile;
  getSettings(): ReportSettings;
  updateSettings(input: ReportSettingsPatch & Readonly<{ actor: string }>): ReportSettings;
}

export interface ReportDeps {
  readonly db: WritableDB;
  readonly clock: Clock;
  readonly configured: Readonly<Record<Channel, boolean>>;
  /** The control file's audit log, newest first (pauses, resumes, breaker trips). */
  readonly auditLog: (limit: number) => readonly AuditEntry[];
}

/** How many control-file audit entries a history looks through for pauses during its span. */
const AUDIT_LOOKBACK = 2_000;

export function createReportServices(deps: ReportDeps): ReportServices {
  const { db, clock, configured } = deps;
  const zone = () => getClinicSettings(db).timezone;
  const history = async (input: PatientLookup) =>
    buildPatientHistory(db, await historySubject(db, input), zone(), deps.auditLog(AUDIT_LOOKBACK));
  return {
    dashboard: (input) => buildDashboard(db, clock.now(), input),
    dailySummary: ({ date }) => dailySummary(db, clock.now(), configured, date),
    takeDueDailySummary: () => takeDueDailySummary(db, clock.now(), configured),
    daySheet: async ({ date }) => {
      const now = clock.now();
      const settings = getClinicSettings(db);
      const day = clinicDay(date, now, settings.timezone).toISODate()!;
      const appointments = todayView(db, day, now, configured);
      const content = await daySheetPdf({ date: day, appointments, settings, now });
      return { fileName: `day-sheet-${day}.pdf`, mimeType: 'application/pdf', content, rows: appointments.length };
    },
    patientHistory: history,
    patientExport: async (input) => {
      const found = await history(input);
      const name = `history-${safeName(found.query)}`;
      if (input.format === 'csv')
        return { fileName: `${name}.csv`, mimeType: 'text/csv', content: historyCsv(found), rows: found.rows.length };
      const content = await historyPdf(found, getClinicSettings(db), clock.now());
      return { fileName: `${name}.pdf`, mimeType: 'application/pdf', content, rows: found.rows.length };
    },
    ledgerExport: ({ from, to }) => {
      const range = dayRange(from, to, clock.now(), zone());
      const { text, rows } = ledgerCsv(db, range, zone());
      return { fileName: `contacts-${range.from}-to-${range.to}.csv`, mimeType: 'text/csv', content: text, rows };
    },
    getSettings: () => getReportSettings(db),
    updateSettings: ({ actor, ...patch }) => updateReportSettings(db, clock.now(), patch, actor),
  };
}

function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9+_-]+/g, '_').slice(0, 60);
}

/** Resolves `--phone` (any patient on that number, and the number itself) or `--appointment` (its patient). */
async function historySubject(db: ReadableDB, input: PatientLookup): Promise<HistorySubject> {
  if ((input.phone === undefined) === (input.appointment === undefined))
    throw badRequest('give --phone P or --appointment ID (one of them)');
  if (input.appointment !== undefined) {
    const appt = findAppointmentByExternalId(db, 'csv', input.appointment);
    if (!appt) throw notFound(`no appointment with id "${input.appointment}"`);
    const patient = findPatientById(db, appt.patient_id)!;
    return {
      query: input.appointment,
      patients: [patient],
      phones: patient.phone ? [patient.phone] : [],
      emails: patient.email ? [patient.email] : [],
    };
  }
  // Loaded on demand: libphonenumber's metadata would slow every CLI start.
  const { normalizePhone } = await import('../schedule/phone');
  const parsed = normalizePhone(input.phone!, getExtraSettings(db).defaultRegion ?? 'US');
  if (!parsed.ok) throw badRequest(`--phone: ${parsed.reason}`);
  const patients = findPatientsByPhone(db, parsed.e164);
  const emails = patients.flatMap((p) => (p.email ? [p.email] : []));
  return { query: parsed.e164, patients, phones: [parsed.e164], emails };
}
