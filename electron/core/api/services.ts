import type { ParsedReq, SettingsPatch, SettingsSafety } from '../../../shared/api/contract';
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
  TemplatePreview,
  TestMessageResult,
  TodayAppointment,
} from '../../../shared/domain/dto';
import type { EngineEventBus } from '../platform/engine-events';
import type { ScheduleFileInput } from './import-schedule';
import type { Transports } from '../channels/channel';
import type { WritableDB } from '../db/types';
import { findAppointmentByExternalId, findAppointmentById } from '../db/repos/appointments-repo';
import { getClinicSettings } from '../clinic/clinic-settings';
import { getExtraSettings } from '../db/repos/clinic-repo';
import { mergeAudit } from '../control/audit-merge';
import type { ControlStore } from '../control/control-store';
import { listEvents, recordEvent } from '../db/repos/events-repo';
import { countByState, countNeedsAttention, repointPendingPhoneRows } from '../db/repos/outbox-repo';
import { findPatientById, setPatientDoNotContact, setPatientPhone } from '../db/repos/patients-repo';
import { markPatientAppointmentsNeedPlan } from '../db/repos/planning-repo';
import { clearRecipientInvalid } from '../db/repos/recipients-repo';
import { recordDoNotContact, recordPhoneFixed } from '../schedule/consent-changes';
import type { Dispatcher } from '../outbox/dispatcher';
import { runPlanner } from '../outbox/planner';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import { DAY_MS, HOUR_MS } from '../platform/clock';
import { badRequest, notFound } from '../platform/errors';
import { contactsView, previewView, todayView } from './views';
import { createSourceServices, type FeedServiceDeps } from './source-services';
import { findFeedAppointment } from '../sources/feed-context';
import { isoInZone } from './time-format';
import { runDispatchCycle } from './dispatch-cycle';
import { previewClinicTemplate, sendTestMessage } from './test-message';
import type { HeavyWork } from '../worker/heavy-work';
import { createReportServices } from '../reports/report-services';
import type { SendAhead } from '../coverage/send-ahead/send-ahead';
import type { CoverageReport } from '../../../shared/domain/coverage';
import { coverageReport, senderDownStatus } from '../coverage/coverage-services';
import { createConversationServices } from '../conversations/conversation-services';
import type { LeaveOut, ScopeRef, StaffRole } from '../../../shared/domain/staff';
import { createStaffServices } from '../staff/staff-services';
import { doUndoableAction, undoDeskAction, undoTicket } from '../staff/undo';
import { DEFAULT_LIMITS } from '../rules/defaults';
import { createScopedPauseServices, leaveOutAtResume, resumeReviewFor, scopedPauseView } from './scoped-resume';

export interface ServiceDeps {
  readonly db: WritableDB;
  /** Kill switch, breaker review and sender lease: a file no schedule write locks (docs/control.md). */
  readonly control: ControlStore;
  /** Import and bulk planning: a worker thread in long-running engines, inline otherwise. */
  readonly heavy: HeavyWork;
  readonly clock: Clock;
  readonly transports: Transports;
  readonly events: EngineEventBus;
  readonly dispatcher: Dispatcher;
  readonly logger: Logger;
  /** Runs after every schedule change in a long-running engine (the planner). */
  readonly afterScheduleChange?: () => void;
  /** FHIR tokens and HTTP client (docs/fhir.md). */
  readonly feeds: FeedServiceDeps;
  /** Cancels texts scheduled at Twilio right after a stop path returns (docs/send-ahead.md). */
  readonly sendAhead?: Pick<SendAhead, 'kick' | 'notCancelled'>;
}

/** After a breaker trip, a human's resume lets the reviewed backlog through for this long. */
const BREAKER_REVIEW_MS = 12 * HOUR_MS;

/** The kill switch's own fields of EngineStatus. */
export type PauseSummary = Pick<EngineStatus, 'paused' | 'reason' | 'pauseKind' | 'pausedAt' | 'pausedBy'>;

/**
 * Who asked: recorded in the audit log ("Maria (desk 2)", or 'desk' for the app window, 'web', 'cli'), and the
 * role of whoever is signed in at that desk (docs/staff.md): admin-only changes check it. The CLI passes 'admin'.
 */
export type ByActor = Readonly<{ actor: string; role?: StaffRole | null | undefined }>;

/** Settings only an admin may change once the clinic has users: limits (the breaker's too), quiet hours, countries. */
const ADMIN_ONLY_SETTINGS = ['limits', 'sendFrom', 'sendUntil', 'allowedCountries', 'country'] as const;

/**
 * Everything the CLI, the web host and the IPC handlers can ask of the engine, over one database, clock and
 * set of transports (built by compose.ts). Its type is FrontdeskServices (service-types.ts), inferred from
 * here, so each method's parameter and result types are written on the method. A contract call's method takes
 * `ParsedReq<'call'>` (plus `ByActor` if it changes something), so its handler line stays one line.
 */
export function createServices(deps: ServiceDeps) {
  const { db, control, clock, events, transports } = deps;
  const staff = createStaffServices({ db, clock });
  const undoMinutes = (): number => getClinicSettings(db).limits.undoMinutes ?? DEFAULT_LIMITS.undoMinutes ?? 5;
  const configured = { email: !!transports.email, sms: !!transports.sms, voice: !!transports.voice };
  const scheduleChanged = (): void => {
    events.emit({ type: 'changed', topics: ['schedule', 'outbox'] });
    deps.afterScheduleChange?.();
    // Cancel, confirm, reschedule, a fixed number: whatever waits at Twilio and is no longer wanted is cancelled now.
    deps.sendAhead?.kick();
  };

  const pauseSummary = (): PauseSummary => {
    const pause = control.pauseState();
    return {
      paused: pause.paused,
      reason: pause.reason,
      pauseKind: pause.kind,
      // UTC on purpose: status is the command scripts poll, and zone formatting costs ICU start-up.
      pausedAt: pause.at === null ? null : new Date(pause.at).toISOString(),
      pausedBy: pause.by,
    };
  };

  /**
   * The kill switch alone (CLI `pause`): writes the control file and reads nothing from the schedule,
   * so it returns at once however large the schedule and whatever holds its lock (docs/control.md).
   */
  const pauseSending = ({ reason, actor }: ParsedReq<'engine:pause'> & ByActor): PauseSummary => {
    const why = reason?.trim() || 'paused by the front desk';
    // Only the control file is written: never blocked by an import, a plan or a dispatch (docs/control.md).
    control.pause({ kind: 'manual', reason: why, actor, now: clock.now(), audit: { kind: 'paused', detail: { reason: why } } });
    events.emit({ type: 'paused', kind: 'manual', reason: why });
    events.emit({ type: 'changed', topics: ['status'] });
    // The promise covers texts scheduled at Twilio too: cancelled right after this returns (the pause flag is the durable list).
    deps.sendAhead?.kick();
    return pauseSummary();
  };

  const status = (): EngineStatus => {
    const settings = getClinicSettings(db);
    return {
      ...pauseSummary(),
      outbox: countByState(db),
      transport: transports.description,
      needsAttention: countNeedsAttention(db, clock.now() - 7 * DAY_MS),
      sendAheadNotCancelled: (deps.sendAhead?.notCancelled() ?? []).map((r) => ({
        appointment: r.appointment,
        patient: r.patient,
        to: r.recipient,
        sendAt: r.sendAt === null ? null : isoInZone(r.sendAt, settings.timezone),
        providerId: r.providerId,
        error: r.error,
      })),
      timezone: settings.timezone,
      clinicName: settings.name,
      senderDown: senderDownStatus(db, clock.now()),
      scopedPauses: control.scopedPauses().map((p) => scopedPauseView(p, settings.timezone)),
      country: settings.country,
    };
  };

  const appointmentByExternalId = (externalId: string) => {
    // Files first, then the standards feeds (docs/hl7.md, docs/fhir.md): each keeps its own ids.
    const appt = findAppointmentByExternalId(db, 'csv', externalId) ?? findFeedAppointment(db, externalId);
    if (!appt) throw notFound(`no appointment with id "${externalId}"`);
    return appt;
  };

  const appointmentView = (id: number, remindersCancelled: number, undoId?: number): AppointmentView => {
    const appt = findAppointmentById(db, id)!;
    const patient = findPatientById(db, appt.patient_id);
    const zone = getClinicSettings(db).timezone;
    return {
      ...(undoId === undefined ? {} : { undo: undoTicket(undoId, clock.now(), undoMinutes(), (ms) => isoInZone(ms, zone)) }),
      appointment: appt.external_id,
      patient: patient?.name ?? '',
      startsAt: isoInZone(appt.starts_at, getClinicSettings(db).timezone),
      status: appt.status,
      provider: appt.provider,
      remindersCancelled,
    };
  };

  return {
    ...createSourceServices({ db, heavy: deps.heavy, clock, events, scheduleChanged, feeds: deps.feeds }),
    ...staff,
    ...createScopedPauseServices({ db, control, clock, events }),
    status,
    pause: (input: ParsedReq<'engine:pause'> & ByActor): EngineStatus => {
      pauseSending(input);
      return status();
    },
    pauseSending,
    /** The kill switch's fields alone (control file only, never the schedule). */
    pauseSummary,
    resume: ({ actor, leaveOut }: ByActor & { leaveOut?: readonly LeaveOut[] | undefined }): EngineStatus => {
      // The left-out reminders end before anything can go (docs/control.md#resume-review).
      leaveOutAtResume(db, clock.now(), actor, leaveOut ?? []);
      control.resume({ actor, now: clock.now(), breakerReviewMs: BREAKER_REVIEW_MS });
      events.emit({ type: 'resumed' });
      events.emit({ type: 'changed', topics: ['status'] });
      return status();
    },
    /** What resume would release now (stale items are shown as expiring, not sent). */
    resumeReview: ({ scope }: { scope?: ScopeRef | undefined } = {}): ResumeReview =>
      resumeReviewFor(db, clock.now(), configured, scope ?? 'all', control.scopedPauses()),
    /** The day's appointments (clinic zone), `date` YYYY-MM-DD, default today. */
    today: ({ date }: ParsedReq<'schedule:get-day'>): TodayAppointment[] => todayView(db, date, clock.now(), configured, db),
    preview: ({ hours }: ParsedReq<'outbox:preview'>): PreviewRow[] => previewView(db, hours, clock.now(), configured),
    /** Reminders due within `hours` while this computer is expected to be off (docs/coverage.md). */
    coverage: ({ hours }: ParsedReq<'coverage:list'>): CoverageReport => coverageReport(db, clock.now(), hours),
    contacts: ({ limit }: ParsedReq<'contacts:list'>): ContactRow[] => contactsView(db, limit ?? 100_000),
    confirm: ({ appointment, actor }: ParsedReq<'appointments:confirm'> & ByActor): AppointmentView => {
      const appt = appointmentByExternalId(appointment);
      if (appt.status === 'cancelled') throw badRequest(`appointment "${appointment}" is cancelled; it cannot be confirmed`);
      const { ended, undoId } = doUndoableAction(db, { appointmentId: appt.id, action: 'confirm', now: clock.now(), actor });
      scheduleChanged();
      return appointmentView(appt.id, ended, undoId);
    },
    cancel: ({ appointment, actor }: ParsedReq<'appointments:cancel'> & ByActor): AppointmentView => {
      const appt = appointmentByExternalId(appointment);
      const { ended, undoId } = doUndoableAction(db, { appointmentId: appt.id, action: 'cancel', now: clock.now(), actor });
      scheduleChanged();
      return appointmentView(appt.id, ended, undoId);
    },
    /** Undoes a desk confirm or cancel for a few minutes (docs/staff.md#undo); reminders re-plan through the planner. */
    undo: ({ undoId, actor }: { undoId: number } & ByActor): AppointmentView => {
      const { appointmentId } = undoDeskAction(db, { undoId, now: clock.now(), actor, undoMinutes: undoMinutes() });
      scheduleChanged();
      return appointmentView(appointmentId, 0);
    },
    /** Async so the phone-number library loads only when needed (CLI start-up time). Returns the number as stored. */
    fixPhone: async ({ patientId, phone, actor }: ParsedReq<'patients:fix-phone'> & ByActor): Promise<string> => {
      const patient = findPatientById(db, patientId);
      if (!patient) throw notFound(`no patient with id ${patientId}`);
      const region = getExtraSettings(db).defaultRegion ?? 'US';
      // Loaded on demand: libphonenumber's metadata would slow every CLI start.
      const { normalizePhone } = await import('../schedule/phone');
      const parsed = normalizePhone(phone, region);
      if (!parsed.ok) throw badRequest(parsed.reason);
      db.transaction(() => {
        const now = clock.now();
        recordPhoneFixed(db, patient, parsed.e164, { at: now, source: 'front desk', actor });
        setPatientPhone(db, patientId, parsed.e164, now);
        clearRecipientInvalid(db, parsed.e164, now);
        repointPendingPhoneRows(db, patientId, parsed.e164, now);
        markPatientAppointmentsNeedPlan(db, patientId, now);
        recordEvent(db, now, 'phone_fixed', actor, { patientId, from: patient.phone, to: parsed.e164 });
      }).immediate();
      scheduleChanged();
      return parsed.e164;
    },
    setDoNotContact: ({ patientId, doNotContact, actor }: ParsedReq<'patients:set-do-not-contact'> & ByActor): boolean => {
      if (!findPatientById(db, patientId)) throw notFound(`no patient with id ${patientId}`);
      db.transaction(() => {
        recordDoNotContact(db, findPatientById(db, patientId)!, doNotContact, { at: clock.now(), source: 'front desk', actor });
        setPatientDoNotContact(db, patientId, doNotContact, clock.now());
        recordEvent(db, clock.now(), doNotContact ? 'do_not_contact_set' : 'do_not_contact_cleared', actor, { patientId });
      }).immediate();
      scheduleChanged();
      return doNotContact;
    },
    /** Async so the CSV parser and validators load only when needed (CLI start-up time). */
    importCsv: async (input: ScheduleFileInput): Promise<ImportResult> => {
      // A worker thread in long-running engines: the kill switch and status answer meanwhile.
      const { changed, summary } = await deps.heavy.importSchedule(clock.now(), input);
      if (changed) scheduleChanged();
      return summary;
    },
    getSettings: (): ClinicSettings => getClinicSettings(db),
    /** Unsafe values are refused, or saved only when `confirmUnsafe` names each of them (audited). */
    updateSettings: async ({
      settings,
      actor,
      role,
      confirmUnsafe,
    }: ByActor & { settings: SettingsPatch; confirmUnsafe?: readonly string[] | undefined }): Promise<ClinicSettings> => {
      if (ADMIN_ONLY_SETTINGS.some((key) => settings[key] !== undefined)) {
        staff.staffRequireAdmin({ actor, role }, 'change limits, quiet hours, the breaker or allowed countries');
      }
      const { applySettingsUpdate } = await import('./settings-update');
      const next = applySettingsUpdate(db, clock.now(), settings, actor, { confirmUnsafe });
      events.emit({ type: 'changed', topics: ['settings', 'status'] });
      return next;
    },
    /** What updateSettings would refuse or ask to confirm for this change; saves nothing. */
    checkSettingsSafety: async ({ settings }: ParsedReq<'settings:check-safety'>): Promise<SettingsSafety> => {
      const { checkSettingsChange } = await import('./settings-guard');
      return checkSettingsChange(getClinicSettings(db), settings);
    },
    auditLog: ({ limit }: ParsedReq<'audit:list'>): AuditEvent[] => {
      const zone = getClinicSettings(db).timezone;
      const n = limit ?? 200;
      return mergeAudit(listEvents(db, n), control.auditLog(n), n).map((e) => ({
        id: e.id,
        at: isoInZone(e.at, zone),
        kind: e.kind,
        actor: e.actor,
        detail: JSON.parse(e.detail_json) as Record<string, unknown>,
      }));
    },
    /** Renders a message template with this clinic's name and phone and a sample appointment. */
    previewTemplate: ({ kind, text, language }: ParsedReq<'settings:preview-template'>): TemplatePreview =>
      previewClinicTemplate(db, clock.now(), kind, text, language),
    /** Sends one test message straight through the configured transport (refused while paused). */
    sendTestMessage: (input: ParsedReq<'settings:send-test-message'> & ByActor): Promise<TestMessageResult> =>
      sendTestMessage(db, clock.now(), transports, input, control),
    plan: (): PlanResult => {
      const result = runPlanner(db, clock.now(), { countExisting: true });
      if (result.enqueued + result.cancelled > 0) events.emit({ type: 'changed', topics: ['outbox'] });
      return result;
    },
    dispatch: (): Promise<DispatchResult> => runDispatchCycle(deps),
    reports: createReportServices({ db, clock, configured, auditLog: (limit) => control.auditLog(limit) }),
    conversations: createConversationServices({ db, clock, control, transports, events, afterScheduleChange: deps.afterScheduleChange }),
  };
}
