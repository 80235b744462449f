/**
 * In-memory Api for component tests and design work: same types as the real client, realistic data
 * (fake-fixtures.ts), requests validated against the contract, pushes you can emit by hand.
 *
 *   const api = createFakeApi();              // or createFakeApi({ paused: true })
 *   const api2 = createFakeApi({ handlers: { 'contacts:list': () => [] } });   // answers typed by the contract
 *   render(<ApiProvider api={api}><Today /></ApiProvider>);
 *   api.failNext('appointments:confirm', 'NOT_FOUND', 'No such appointment');
 *   api.emit('engine:changed', { topics: ['schedule'] });
 *   expect(api.calls).toContainEqual({ channel: 'engine:pause', req: { reason: 'lunch' } });
 *
 * A call with no fake answer (a new contract entry nobody faked yet) fails with UNAVAILABLE and says so:
 * add its answer to `builtInFakes` below, or pass it in `handlers` from the test that needs it.
 */
import { contract, type CallName, type ParsedReq, type Res } from '../../../shared/api/contract';
import type { EventName, EventPayload } from '../../../shared/api/events';
import type { ErrorCode, Result } from '../../../shared/api/result';
import type { Api } from './types';
import {
  FAKE_NOW,
  FAKE_TODAY,
  fakeAppointments,
  fakePreview,
  fakeSettings,
  fakeSettingsSafety,
  fakeTemplateProblems,
} from './fake-fixtures';
import { fakeReportHandlers } from '../features/reports/fake-reports';
import { FakeInboxError, fakeInboxHandlers } from '../features/inbox/fake-inbox';
import {
  fakeStaffHandlers,
  fakeStaffState,
  fakeUndoTicket,
  type FakeStaffContext,
  type FakeStaffState,
} from '../features/staff/fake-staff';

export { FAKE_NOW, FAKE_TODAY } from './fake-fixtures';

export interface FakeApi extends Api {
  /** Every invoke, in order, with the request as sent. */
  readonly calls: Array<{ channel: CallName; req: unknown }>;
  /** The mutable in-memory state (assert on it or tweak it before rendering). */
  readonly state: FakeState;
  /** Makes the next call of `call` fail with this error. */
  failNext(call: CallName, code: ErrorCode, message: string): void;
  /** Delivers a push to every `on` subscriber. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export interface FakeState {
  status: Res<'engine:get-status'>;
  settings: Res<'settings:get'>;
  appointments: Res<'schedule:get-day'>;
  ledger: Res<'contacts:list'>;
  audit: Res<'audit:list'>;
  secrets: Res<'secrets:get-status'>;
  profiles: Res<'import-profiles:list'>;
  sources: Res<'sources:list'>;
  coverage: Res<'coverage:list'>;
  /** Desk users, this page's session, undo tickets (features/staff/fake-staff.ts). */
  staff: FakeStaffState;
}

/** Base64 → text for the fake's uploads (UTF-8; the real engine detects the encoding and XLSX). */
function fakeDecode(base64: string): string {
  return new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
}

/** An expected failure a fake answer throws; it comes back as `{ ok: false, error: { code, message } }`. */
export class FakeError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Fake answers, each typed by its contract entry; throw FakeError for an expected failure. */
export type FakeHandlers = { [C in CallName]?: (req: ParsedReq<C>) => Res<C> };

export type FakeApiOptions = Readonly<{
  paused?: boolean;
  now?: string;
  /** Answers that replace (or add to) the built-in ones, e.g. for a call this file does not fake yet. */
  handlers?: FakeHandlers;
}>;

/** Builds a fresh fake; nothing is shared between instances. */
export function createFakeApi(opts: FakeApiOptions = {}): FakeApi {
  const now = Date.parse(opts.now ?? FAKE_NOW);
  const settings = fakeSettings();
  const state: FakeState = {
    settings,
    appointments: fakeAppointments(),
    status: {
      paused: false,
      reason: null,
      pauseKind: null,
      pausedAt: null,
      pausedBy: null,
      outbox: { pending: 1, sent: 1, delivered: 1, suppressed: 1, unknown: 1, cancelled: 1 },
      transport: 'simulate',
      needsAttention: 2,
      timezone: settings.timezone,
      clinicName: settings.name,
    },
    ledger: [],
    audit: [],
    secrets: { twilioConfigured: false, smtpConfigured: false, restartRequired: false },
    profiles: [],
    sources: [],
    coverage: { deskHours: 'Mon-Fri 08:00-18:00', deskHoursSource: 'assumed', hours: 72, nextOffAt: null, items: [] },
    staff: fakeStaffState(),
  };
  state.ledger = state.appointments.flatMap((a) =>
    a.contacts.flatMap((c) =>
      c.outcome === null
        ? []
        : [
            {
              appointment: a.appointment,
              channel: c.channel,
              to: c.to,
              at: c.at,
              outcome: c.outcome,
              rule: c.ruleId,
              providerId: c.providerId,
              detail: c.lastError,
            },
          ],
    ),
  );
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const failures = new Map<CallName, { code: ErrorCode; message: string }>();
  const calls: FakeApi['calls'] = [];

  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    for (const cb of listeners.get(event) ?? []) cb(payload);
  };
  const audit = (kind: string, detail: Record<string, unknown>) => {
    state.audit.unshift({ id: state.audit.length + 1, at: new Date(now).toISOString(), kind, actor: 'desk', detail });
  };
  const findAppointment = (ref: string) => {
    const a = state.appointments.find((x) => x.appointment === ref);
    if (!a) throw new FakeError('NOT_FOUND', `No appointment ${ref}`);
    return a;
  };
  const findPatient = (id: number) => {
    const rows = state.appointments.filter((x) => x.patientId === id);
    if (rows.length === 0) throw new FakeError('NOT_FOUND', `No patient ${id}`);
    return rows;
  };
  const staffCtx: FakeStaffContext = {
    staff: state.staff,
    nowIso: new Date(now).toISOString(),
    status: () => state.status,
    setStatus: (s) => void (state.status = s),
    appointments: () => state.appointments,
    audit: (kind, detail) => audit(kind, detail),
    emit: (event, payload) => emit(event, payload),
    fail: (code, message) => {
      throw new FakeError(code, message);
    },
  };
  const setAppointmentStatus = (ref: string, status: 'confirmed' | 'cancelled'): Res<'appointments:confirm'> => {
    const a = findAppointment(ref);
    const undo = fakeUndoTicket(staffCtx, ref, a.status);
    if (a.status === 'cancelled') throw new FakeError('CONFLICT', `${ref} is cancelled`);
    a.status = status;
    let remindersCancelled = 0;
    for (const c of a.contacts) {
      if (c.state === 'pending' && (status === 'cancelled' || c.channel !== 'email')) {
        c.state = 'cancelled';
        c.reason = status;
        remindersCancelled += 1;
      }
    }
    audit(`appointment.${status}`, { appointment: ref });
    emit('engine:changed', { topics: ['schedule', 'outbox'] });
    return { appointment: a.appointment, patient: a.patient, startsAt: a.startsAt, status, provider: a.provider, remindersCancelled, undo };
  };
  const mergeSettings = (patch: ParsedReq<'settings:update'>['settings']): FakeState['settings'] => ({
    ...state.settings,
    ...patch,
    limits: { ...state.settings.limits, ...patch.limits },
  });
  const pending = () => state.appointments.flatMap((a) => a.contacts.filter((c) => c.state === 'pending').map((c) => ({ a, c })));

  const builtInFakes = {
    'engine:get-status': () => state.status,
    'engine:pause': ({ reason }) => {
      const r = reason ?? 'Paused from the desk';
      state.status = {
        ...state.status,
        paused: true,
        reason: r,
        pauseKind: 'manual',
        pausedAt: new Date(now).toISOString(),
        pausedBy: 'desk',
      };
      audit('engine.paused', { reason: r });
      emit('engine:paused', { kind: 'manual', reason: r });
      emit('engine:changed', { topics: ['status'] });
      return state.status;
    },
    'engine:resume': () => {
      state.status = { ...state.status, paused: false, reason: null, pauseKind: null, pausedAt: null, pausedBy: null };
      audit('engine.resumed', {});
      emit('engine:resumed', {});
      emit('engine:changed', { topics: ['status'] });
      return state.status;
    },
    'engine:resume-review': () => {
      const byPatient = new Map<string, Res<'engine:resume-review'>['waiting'][number]>();
      for (const { a, c } of pending()) {
        const group = byPatient.get(a.patient) ?? { patient: a.patient, to: c.to, items: [] };
        group.items.push({
          appointment: a.appointment,
          channel: c.channel,
          to: c.to,
          at: c.at,
          outcome: 'planned',
          rule: c.ruleId,
          patient: a.patient,
          startsAt: a.startsAt,
        });
        byPatient.set(a.patient, group);
      }
      return { waiting: [...byPatient.values()], expiredOnResume: 0 };
    },
    'schedule:get-day': ({ date }) => ((date ?? FAKE_TODAY) === FAKE_TODAY ? state.appointments : []),
    'schedule:import-csv': ({ csv, bytes }) => {
      const text = csv ?? fakeDecode(bytes ?? '');
      const rows = text.split(/\r?\n/).filter((l) => l.trim() !== '').length - 1;
      if (rows < 0) throw new FakeError('BAD_REQUEST', 'The file is empty');
      audit('schedule.imported', { rows });
      emit('engine:changed', { topics: ['schedule', 'outbox'] });
      return { created: rows, updated: 0, unchanged: 0, rejected: [], rejectedCount: 0, remindersCancelled: 0 };
    },
    'schedule:preview-import': ({ csv, bytes }) => {
      const lines = (csv ?? fakeDecode(bytes ?? '')).split(/\r?\n/).filter((l) => l.trim() !== '');
      const header = (lines[0] ?? '').split(',');
      const rows = lines.slice(1, 21).map((line, i) => ({ row: i + 2, cells: line.split(','), problems: [], appointment: null }));
      const result = {
        created: rows.length,
        updated: 0,
        unchanged: 0,
        rejected: [],
        rejectedCount: 0,
        remindersCancelled: 0,
        dryRun: true,
      };
      return { header, rows, result };
    },
    'import-profiles:list': () => state.profiles,
    'import-profiles:save': (profile) => {
      state.profiles = [...state.profiles.filter((p) => p.name !== profile.name), profile];
      return profile;
    },
    'import-profiles:delete': ({ name }) => (state.profiles = state.profiles.filter((p) => p.name !== name)),
    'sources:list': () => state.sources,
    'sources:add-folder': ({ dir, fullExport, profile }) => {
      const id = Math.max(0, ...state.sources.map((x) => x.id)) + 1;
      const source = {
        id,
        kind: 'folder' as const,
        target: dir,
        fullExport: fullExport ?? false,
        profile: profile ?? null,
        lastSyncAt: null,
        lastResult: null,
        lastOutcome: null,
        stale: false,
        expectedBy: null,
        held: null,
        errorsLast24h: 0,
        paused: null,
      };
      state.sources = [...state.sources, source];
      return source;
    },
    'sources:remove': ({ id }) => (state.sources = state.sources.filter((x) => x.id !== id)),
    'sources:sync': () => [],
    'sources:approve-held': ({ id }) => ({ sourceId: id, file: 'export.csv', outcome: 'approved' as const, summary: 'approved' }),
    'sources:discard-held': ({ id }) => ({ sourceId: id, file: 'export.csv', outcome: 'discarded' as const, summary: 'discarded' }),
    'coverage:list': ({ hours }) => ({ ...state.coverage, hours: hours ?? 72 }),
    'outbox:preview': ({ hours }) =>
      pending()
        .filter(({ c }) => Date.parse(c.at) <= now + hours * 3_600_000)
        .map(({ a, c }) => ({
          appointment: a.appointment,
          channel: c.channel,
          to: c.to,
          at: c.at,
          outcome: 'planned' as const,
          rule: c.ruleId,
          patient: a.patient,
          startsAt: a.startsAt,
        })),
    'contacts:list': ({ limit }) => state.ledger.slice(0, limit ?? 100),
    'appointments:confirm': ({ appointment }) => setAppointmentStatus(appointment, 'confirmed'),
    'appointments:cancel': ({ appointment }) => setAppointmentStatus(appointment, 'cancelled'),
    'patients:fix-phone': ({ patientId, phone }) => {
      const digits = phone.replace(/[\s().-]/g, '');
      if (!/^\+?\d{10,15}$/.test(digits)) throw new FakeError('BAD_REQUEST', `${phone} is not a valid phone number`);
      const e164 = digits.startsWith('+') ? digits : `+1${digits.slice(-10)}`;
      for (const a of findPatient(patientId)) Object.assign(a, { phone: e164, phoneInvalid: null });
      emit('engine:changed', { topics: ['schedule'] });
      return { patientId, phone: e164 };
    },
    'patients:set-do-not-contact': ({ patientId, doNotContact }) => {
      for (const a of findPatient(patientId)) a.doNotContact = doNotContact;
      emit('engine:changed', { topics: ['schedule'] });
      return { patientId, doNotContact };
    },
    'settings:get': () => state.settings,
    'settings:update': ({ settings: patch, confirmUnsafe }) => {
      const kinds = { sms: 'sms', voice: 'voice', emailSubject: 'emailSubject', emailText: 'email' } as const;
      for (const [key, text] of Object.entries(patch.templates ?? {}) as [keyof typeof kinds, string | undefined][]) {
        const problems = text ? fakeTemplateProblems(kinds[key], text) : [];
        if (problems.length > 0) throw new FakeError('BAD_REQUEST', `${key} template: ${problems.join('; ')}`);
      }
      const next = mergeSettings(patch);
      const safety = fakeSettingsSafety(state.settings, next);
      const unconfirmed = safety.needsConfirmation.filter((f) => !(confirmUnsafe ?? []).includes(f.setting));
      if (safety.refused.length > 0)
        throw new FakeError('SAFEGUARD_BLOCKED', `refused: ${safety.refused.map((f) => f.setting).join(', ')}`);
      if (unconfirmed.length > 0)
        throw new FakeError('SAFEGUARD_BLOCKED', `needs confirmation: ${unconfirmed.map((f) => f.setting).join(', ')}`);
      if (safety.needsConfirmation.length > 0)
        audit('settings_unsafe_confirmed', { confirmed: safety.needsConfirmation.map((f) => f.setting) });
      state.settings = next;
      emit('engine:changed', { topics: ['settings'] });
      return state.settings;
    },
    'settings:check-safety': ({ settings: patch }) => fakeSettingsSafety(state.settings, mergeSettings(patch)),
    'secrets:get-status': () => state.secrets,
    'secrets:set': (input) => {
      const has = (v: string | null | undefined, old: boolean) => (v === undefined ? old : v !== null && v !== '');
      state.secrets = {
        twilioConfigured: has(input.twilioAuthToken, state.secrets.twilioConfigured),
        smtpConfigured: has(input.smtpUrl, state.secrets.smtpConfigured),
        restartRequired: true,
      };
      return state.secrets;
    },
    'audit:list': ({ limit }) => state.audit.slice(0, limit ?? 100),
    'settings:preview-template': ({ kind, text }) => fakePreview(kind, text, state.settings),
    'settings:send-test-message': ({ channel, to }) => {
      if (state.status.paused) throw new FakeError('PAUSED', 'Sending is paused; resume before sending a test message');
      if (channel === 'email' ? !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(to) : to.replace(/\D/g, '').length < 10) {
        throw new FakeError('BAD_REQUEST', `"${to}" is not ${channel === 'email' ? 'an email address' : 'a phone number'}`);
      }
      const address = channel === 'email' ? to.trim() : `+1${to.replace(/\D/g, '').slice(-10)}`;
      const simulated = /^simulate\b/i.test(state.status.transport);
      audit('test_message', { channel, to: address, outcome: simulated ? 'simulated' : 'sent' });
      return { channel, to: address, outcome: simulated ? 'simulated' : 'sent', providerId: `SIM${state.audit.length}`, error: null };
    },
    ...fakeReportHandlers(FAKE_TODAY),
    ...fakeInboxHandlers(FAKE_TODAY),
    ...fakeStaffHandlers(staffCtx),
  } satisfies FakeHandlers;
  const handlers: FakeHandlers = { ...builtInFakes, ...opts.handlers };

  function call(name: CallName, raw: unknown): Result<unknown> {
    const failure = failures.get(name);
    if (failure) {
      failures.delete(name);
      return { ok: false, error: failure };
    }
    const parsed = contract[name].req.safeParse(raw);
    if (!parsed.success) return { ok: false, error: { code: 'BAD_REQUEST', message: parsed.error.issues[0]?.message ?? 'bad request' } };
    const handler = handlers[name] as ((req: unknown) => unknown) | undefined;
    if (!handler) {
      const message = `The fake API has no answer for ${name}: pass one in createFakeApi({ handlers })`;
      return { ok: false, error: { code: 'UNAVAILABLE', message } };
    }
    try {
      // structuredClone: callers must not be able to mutate the fake's state through a result.
      return { ok: true, value: structuredClone(handler(parsed.data)) };
    } catch (error) {
      if (error instanceof FakeError || error instanceof FakeInboxError)
        return { ok: false, error: { code: error.code, message: error.message } };
      throw error;
    }
  }

  return {
    calls,
    state,
    failNext: (name, code, message) => void failures.set(name, { code, message }),
    emit,
    async invoke(name, ...args) {
      calls.push({ channel: name, req: args[0] });
      return call(name, args[0] ?? {}) as Result<never>;
    },
    setStaffSession(session) {
      state.staff.session = session;
    },
    on(event, cb) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const fn = cb as (payload: unknown) => void;
      set.add(fn);
      return () => void set.delete(fn);
    },
  };
}
