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
import { cancelAppointment, confirmAppointment } from '../outbox/appointment-actions';
import type { Dispatcher } from '../outbox/dispatcher';
import { runPlanner } from '../outbox/planner';
import type { Clock } from '../platform/clock';
import type { Logger } from '../platform/logger';
import { DAY_MS, HOUR_MS } from '../platform/clock';
import { badRequest, notFound } from '../platform/errors';
import { contactsView, previewView, resumeReviewView, todayView } from './views';
import { createSourceServices } from './source-services';
import { isoInZone } from './time-format';
import { runDispatchCycle } from './dispatch-cycle';
import { previewClinicTemplate, sendTestMessage } from './test-message';
import type { HeavyWork } from '../worker/heavy-work';
import { createReportServices } from '../reports/report-services';

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
}

/** After a breaker trip, a human's resume lets the reviewed backlog through for this long. */
const BREAKER_REVIEW_MS = 12 * HOUR_MS;

/** The kill switch's own fields of EngineStatus. */
export type PauseSummary = Pick<EngineStatus, 'paused' | 'reason' | 'pauseKind' | 'pausedAt' | 'pausedBy'>;

/** Who asked: recorded in the audit log ('desk' for the app window, 'web', 'cli'). */
export type ByActor = Readonly<{ actor: string }>;

/**
 * Everything the CLI, the web host and the IPC handlers can ask of the engine, over one database, clock and
 * set of transports (built by compose.ts). Its type is FrontdeskServices (service-types.ts), inferred from
 * here, so each method's parameter and result types are written on the method. A contract call's method takes
 * `ParsedReq<'call'>` (plus `ByActor` if it changes something), so its handler line stays one line.
 */
export function createServices(deps: ServiceDeps) {
  const { db, control, clock, events, transports } = deps;
  const configured = { email: !!transports.email, sms: !!transports.sms, voice: !!transports.voice };
  const scheduleChanged = (): void => {
    events.emit({ type: 'changed', topics: ['schedule', 'outbox'] });
    deps.afterScheduleChange?.();
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
    return pauseSummary();
  };

  const status = (): EngineStatus => {
    const settings = getClinicSettings(db);
    return {
      ...pauseSummary(),
      outbox: countByState(db),
      transport: transports.description,
      needsAttention: countNeedsAttention(db, clock.now() - 7 * DAY_MS),
      timezone: settings.timezone,
      clinicName: settings.name,
      country: settings.country,
    };
  };

  const appointmentByExternalId = (externalId: string) => {
    const appt = findAppointmentByExternalId(db, 'csv', externalId);
    if (!appt) throw notFound(`no appointment with id "${externalId}"`);
    return appt;
  };

  const appointmentView = (id: number, remindersCancelled: number): AppointmentView => {
    const appt = findAppointmentById(db, id)!;
    const patient = findPatientById(db, appt.patient_id);
    return {
      appointment: appt.external_id,
      patient: patient?.name ?? '',
      startsAt: isoInZone(appt.starts_at, getClinicSettings(db).timezone),
      status: appt.status,
      provider: appt.provider,
      remindersCancelled,
    };
  };

  return {
    ...createSourceServices({ db, heavy: deps.heavy, clock, events, scheduleChanged }),
    status,
    pause: (input: ParsedReq<'engine:pause'> & ByActor): EngineStatus => {
      pauseSending(input);
      return status();
    },
    pauseSending,
    resume: ({ actor }: ByActor): EngineStatus => {
      control.resume({ actor, now: clock.now(), breakerReviewMs: BREAKER_REVIEW_MS });
      events.emit({ type: 'resumed' });
      events.emit({ type: 'changed', topics: ['status'] });
      return status();
    },
    /** What resume would release now (stale items are shown as expiring, not sent). */
    resumeReview: (): ResumeReview => resumeReviewView(db, clock.now(), configured),
    /** The day's appointments (clinic zone), `date` YYYY-MM-DD, default today. */
    today: ({ date }: ParsedReq<'schedule:get-day'>): TodayAppointment[] => todayView(db, date, clock.now(), configured, db),
    preview: ({ hours }: ParsedReq<'outbox:preview'>): PreviewRow[] => previewView(db, hours, clock.now(), configured),
    contacts: ({ limit }: ParsedReq<'contacts:list'>): ContactRow[] => contactsView(db, limit ?? 100_000),
    confirm: ({ appointment, actor }: ParsedReq<'appointments:confirm'> & ByActor): AppointmentView => {
      const appt = appointmentByExternalId(appointment);
      if (appt.status === 'cancelled') throw badRequest(`appointment "${appointment}" is cancelled; it cannot be confirmed`);
      const ended = confirmAppointment(db, appt.id, clock.now(), actor);
      scheduleChanged();
      return appointmentView(appt.id, ended);
    },
    cancel: ({ appointment, actor }: ParsedReq<'appointments:cancel'> & ByActor): AppointmentView => {
      const appt = appointmentByExternalId(appointment);
      const ended = cancelAppointment(db, appt.id, clock.now(), actor);
      scheduleChanged();
      return appointmentView(appt.id, ended);
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
      confirmUnsafe,
    }: ByActor & { settings: SettingsPatch; confirmUnsafe?: readonly string[] | undefined }): Promise<ClinicSettings> => {
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
    previewTemplate: ({ kind, text }: ParsedReq<'settings:preview-template'>): TemplatePreview =>
      previewClinicTemplate(db, clock.now(), kind, text),
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
  };
}
