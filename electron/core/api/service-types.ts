import type {
  AppointmentView,
  AuditEvent,
  ClinicSettings,
  ContactRow,
  DispatchResult,
  EngineStatus,
  ImportResult,
  PlanResult,
  PreviewRow,
  ResumeReview,
  TemplateKind,
  TemplatePreview,
  TestMessageResult,
  TodayAppointment,
} from '../../../shared/domain/dto';
import type { SettingsPatch, SettingsSafety } from '../../../shared/api/contract';
import type { ReportServices } from '../reports/report-services';

/**
 * Everything the CLI, the web host and the Electron IPC handlers can ask of the engine.
 * Implemented in services.ts over one database, clock and set of transports (built by compose.ts).
 * Methods throw UserError for expected failures (bad input, unknown id).
 */
/** The kill switch's own fields of EngineStatus. */
export type PauseSummary = Pick<EngineStatus, 'paused' | 'reason' | 'pauseKind' | 'pausedAt' | 'pausedBy'>;

export interface FrontdeskServices {
  status(): EngineStatus;
  pause(input: { reason?: string | undefined; actor: string }): EngineStatus;
  /**
   * The kill switch alone (CLI `pause`): writes the control file and reads nothing from the schedule,
   * so it returns at once however large the schedule and whatever holds its lock (docs/control.md).
   */
  pauseSending(input: { reason?: string | undefined; actor: string }): PauseSummary;
  resume(input: { actor: string }): EngineStatus;
  /** What resume would release now (stale items are shown as expiring, not sent). */
  resumeReview(): ResumeReview;
  /** The day's appointments (clinic zone), `date` YYYY-MM-DD, default today. */
  today(input: { date?: string | undefined }): TodayAppointment[];
  preview(input: { hours: number }): PreviewRow[];
  contacts(input: { limit?: number | undefined }): ContactRow[];
  confirm(input: { appointment: string; actor: string }): AppointmentView;
  cancel(input: { appointment: string; actor: string }): AppointmentView;
  /** Async so the phone-number library loads only when needed (CLI start-up time). */
  fixPhone(input: { patientId: number; phone: string; actor: string }): Promise<string>;
  setDoNotContact(input: { patientId: number; doNotContact: boolean; actor: string }): boolean;
  /** Async so the CSV parser and validators load only when needed (CLI start-up time). */
  importCsv(input: ScheduleFileInput): Promise<ImportResult>;
  getSettings(): ClinicSettings;
  /** Unsafe values are refused, or saved only when `confirmUnsafe` names each of them (audited). */
  updateSettings(input: { settings: SettingsPatch; actor: string; confirmUnsafe?: readonly string[] | undefined }): Promise<ClinicSettings>;
  /** What updateSettings would refuse or ask to confirm for this change; saves nothing. */
  checkSettingsSafety(input: { settings: SettingsPatch }): Promise<SettingsSafety>;
  auditLog(input: { limit?: number | undefined }): AuditEvent[];
  /** Renders a message template with this clinic's name and phone and a sample appointment. */
  previewTemplate(input: { kind: TemplateKind; text: string }): TemplatePreview;
  /** Sends one test message straight through the configured transport (refused while paused). */
  sendTestMessage(input: { channel: 'email' | 'sms' | 'voice'; to: string; actor: string }): Promise<TestMessageResult>;
  plan(): PlanResult;
  dispatch(): Promise<DispatchResult>;
  /** Dashboard, day sheet, contact and consent history, exports, daily summary (docs/reports.md). */
  readonly reports: ReportServices;
}

/**
 * A schedule file to import: its text (an upload from the window, at most 5 MB) or its path, read in 64 KiB
 * chunks however large the file (the CLI's `import FILE`; a watch folder later). See docs/import.md.
 */
export type ScheduleFileInput = ({ csv: string } | { path: string }) & { fileName?: string | undefined; actor: string };
