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

/**
 * Everything the CLI, the web host and the Electron IPC handlers can ask of the engine.
 * Implemented in services.ts over one database, clock and set of transports (built by compose.ts).
 * Methods throw UserError for expected failures (bad input, unknown id).
 */
export interface FrontdeskServices {
  status(): EngineStatus;
  pause(input: { reason?: string | undefined; actor: string }): EngineStatus;
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
  updateSettings(input: { settings: Partial<ClinicSettings>; actor: string }): Promise<ClinicSettings>;
  auditLog(input: { limit?: number | undefined }): AuditEvent[];
  /** Renders a message template with this clinic's name and phone and a sample appointment. */
  previewTemplate(input: { kind: TemplateKind; text: string }): TemplatePreview;
  /** Sends one test message straight through the configured transport (refused while paused). */
  sendTestMessage(input: { channel: 'email' | 'sms' | 'voice'; to: string; actor: string }): Promise<TestMessageResult>;
  plan(): PlanResult;
  dispatch(): Promise<DispatchResult>;
}

/**
 * A schedule file to import: its text (an upload from the window, at most 5 MB) or its path, read in 64 KiB
 * chunks however large the file (the CLI's `import FILE`; a watch folder later). See docs/import.md.
 */
export type ScheduleFileInput = ({ csv: string } | { path: string }) & { fileName?: string | undefined; actor: string };
