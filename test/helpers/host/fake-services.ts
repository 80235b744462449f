import type { FrontdeskServices } from '../../../electron/core/api/service-types';
import { previewTemplate } from '../../../electron/core/channels/templates';
import { UserError } from '../../../electron/core/platform/errors';
import type { ClinicSettings, EngineStatus } from '../../../shared/domain/dto';
import { unavailableReportServices } from '../reports/fake-report-services';

type Calls = Array<{ method: string; input: unknown }>;

/**
 * A FrontdeskServices stand-in for host and IPC tests: small fixed data, records calls, no database.
 * Only the methods these tests use are faked (checked against the real types with `satisfies`); any other
 * method throws a clear error, so a new service method needs no line here until a test calls it.
 */
export function createFakeServices(): FrontdeskServices & { calls: Calls } {
  const calls: Calls = [];
  const settings: ClinicSettings = {
    name: 'Test Clinic',
    phone: '+15555550100',
    timezone: 'America/New_York',
    sendFrom: '08:00',
    sendUntil: '20:00',
    limits: {
      smsOrCallPerDay: 2,
      smsOrCallPerWeek: 4,
      callsPerAppointment: 1,
      smsPerMinute: 60,
      callsPerMinute: 60,
      emailsPerMinute: 120,
      breakerFactor: 3,
      breakerMinDue: 20,
      breakerMaxDuePerRecipient: 3,
      lastStepCutoffMinutes: 30,
    },
    rules: [],
    templates: {},
  };
  let status: EngineStatus = {
    paused: false,
    reason: null,
    pauseKind: null,
    pausedAt: null,
    pausedBy: null,
    outbox: { pending: 2 },
    transport: 'simulate',
    needsAttention: 0,
    timezone: settings.timezone,
    clinicName: settings.name,
  };
  const log = (method: string, input?: unknown) => calls.push({ method, input });
  const fakes = {
    status: () => status,
    pause: (input) => {
      log('pause', input);
      status = { ...status, paused: true, reason: input.reason ?? 'paused', pauseKind: 'manual', pausedBy: input.actor };
      return status;
    },
    pauseSending: (input) => {
      log('pauseSending', input);
      status = { ...status, paused: true, reason: input.reason ?? 'paused', pauseKind: 'manual', pausedBy: input.actor };
      return status;
    },
    resume: (input) => {
      log('resume', input);
      status = { ...status, paused: false, reason: null, pauseKind: null, pausedBy: null };
      return status;
    },
    resumeReview: () => ({ waiting: [], expiredOnResume: 0 }),
    today: (input) => {
      log('today', input);
      return [];
    },
    preview: () => [],
    contacts: () => [],
    confirm: (input) => {
      log('confirm', input);
      if (input.appointment !== 'A-1') throw new UserError('NOT_FOUND', `No appointment ${input.appointment}`);
      return {
        appointment: 'A-1',
        patient: 'Ann',
        startsAt: '2026-03-10T09:00:00-04:00',
        status: 'confirmed',
        provider: 'Dr. X',
        remindersCancelled: 1,
      };
    },
    cancel: () => {
      throw new Error('database is locked (secret detail)');
    },
    fixPhone: async (input) => input.phone,
    setDoNotContact: (input) => input.doNotContact,
    importCsv: async () => ({ created: 1, updated: 0, unchanged: 0, rejected: [], rejectedCount: 0, remindersCancelled: 0 }),
    // A leaky implementation on purpose: the contract must strip the extra key on the way out.
    getSettings: () => ({ ...settings, twilioAuthToken: 'SECRET' }) as ClinicSettings,
    updateSettings: async (input) => {
      log('updateSettings', input);
      return { ...settings, ...input.settings, limits: { ...settings.limits, ...input.settings.limits } };
    },
    checkSettingsSafety: async (input) => {
      log('checkSettingsSafety', input);
      return { refused: [], needsConfirmation: [] };
    },
    auditLog: () => [],
    previewTemplate: (input) => {
      log('previewTemplate', input);
      return previewTemplate(input.kind, input.text);
    },
    sendTestMessage: async (input) => {
      log('sendTestMessage', input);
      if (status.paused) throw new UserError('PAUSED', 'Sending is paused; resume before sending a test message');
      return { channel: input.channel, to: input.to, outcome: 'simulated', providerId: 'SIM1', error: null };
    },
    plan: () => ({ enqueued: 0, existing: 0, cancelled: 0 }),
    // Schedule sources: empty, and recorded (host tests check the contract plumbing, not the sources).
    previewImport: async (input) => {
      log('previewImport', input);
      const result = { created: 0, updated: 0, unchanged: 0, rejected: [], rejectedCount: 0, remindersCancelled: 0, dryRun: true };
      return { header: [], rows: [], result };
    },
    listImportProfiles: () => [],
    saveImportProfile: (input) => input.profile,
    deleteImportProfile: () => [],
    listSources: () => [],
    addFolderSource: (input) => {
      log('addFolderSource', input);
      throw new UserError('BAD_REQUEST', `cannot use the folder ${input.dir}`);
    },
    removeSource: () => [],
    syncSources: async () => [],
    approveHeldExport: async (input) => {
      throw new UserError('NOT_FOUND', `no source with id ${input.id}`);
    },
    discardHeldExport: (input) => {
      throw new UserError('NOT_FOUND', `no source with id ${input.id}`);
    },
    dispatch: async () => ({ sent: 0, deferred: 0, expired: 0, suppressed: 0, failed: 0, unknown: 0, paused: false, reason: null }),
    reports: unavailableReportServices(),
    // Named staff: nobody configured, so every call acts as the host's own label (docs/staff.md).
    staffActorFor: (_session, defaultDesk) => ({
      actor: defaultDesk,
      role: null,
      current: { user: null, desk: defaultDesk, actor: defaultDesk, usersConfigured: false, isAdmin: true },
    }),
    staffRequireAdmin: () => undefined,
  } satisfies Partial<FrontdeskServices>;
  return withUnfakedMethodsThrowing(fakes, calls);
}

/** Completes the fakes: a method nobody faked throws, naming itself (the funnel then answers INTERNAL). */
function withUnfakedMethodsThrowing(fakes: Partial<FrontdeskServices>, calls: Calls): FrontdeskServices & { calls: Calls } {
  const target: Record<string, unknown> = { ...fakes, calls };
  return new Proxy(target, {
    get(obj, key) {
      if (typeof key !== 'string' || key in obj || key === 'then') return obj[key as string];
      return () => {
        throw new Error(`createFakeServices() has no fake for ${key}; add one in test/helpers/host/fake-services.ts`);
      };
    },
  }) as unknown as FrontdeskServices & { calls: Calls };
}
