import {
  contract,
  isCallName,
  type CallName,
  type ParsedReq,
  type Res,
  type SecretInput,
  type SecretStatus,
} from '../../../shared/api/contract';
import type { Result } from '../../../shared/api/result';
import type { Logger } from '../platform/logger';
import { UserError } from '../platform/errors';
import type { FrontdeskServices } from './service-types';
import { reportHandlers } from '../reports/report-handlers';
import { conversationHandlers } from '../conversations/conversation-handlers';
import { staffHandlers } from './staff-handlers';

/** What runs one call: the request is already validated; expected failures throw UserError. */
export type Handler<C extends CallName> = (req: ParsedReq<C>) => Res<C> | Promise<Res<C>>;
/** One handler per contract call. createHandlers is checked against it with `satisfies`. */
export type Handlers = { [C in CallName]: Handler<C> };

/** Credential storage, implemented by electron/app (safeStorage); absent in the web host. */
export interface SecretsPort {
  status(): SecretStatus;
  set(input: SecretInput): SecretStatus;
}

export type HandlerOptions = Readonly<{
  /** Recorded in the audit log as who did it ('desk' for the app window, 'web' for the web host). */
  actor: string;
  secrets?: SecretsPort | undefined;
  /** The desk session the call carried (docs/staff.md#sessions): its user becomes the actor, e.g. "Maria (desk 2)". */
  session?: string | undefined;
}>;

/** This host does not offer credentials (the web host): answered as UNAVAILABLE. */
function noSecrets(): never {
  throw new UserError('UNAVAILABLE', 'Credentials can only be changed in the Frontdesk desktop app.');
}

/** An upload's file: its bytes (base64 over the wire) or, from older screens, its decoded text. */
function uploaded(csv: string | undefined, bytes: string | undefined): { csv: string } | { bytes: Uint8Array } {
  return bytes !== undefined ? { bytes: new Uint8Array(Buffer.from(bytes, 'base64')) } : { csv: csv ?? '' };
}

/**
 * Maps every contract call to its implementation, adding who asked (`actor`). Adding a call = one line
 * here; `satisfies Handlers` makes the compiler refuse a missing call, an unknown one, or a wrong type.
 */
export function createHandlers(services: FrontdeskServices, opts: HandlerOptions) {
  const { secrets } = opts;
  const desk = services.staffActorFor(opts.session, opts.actor);
  const { actor } = desk;
  const by = { actor, role: desk.role };
  return {
    'engine:get-status': () => services.status(),
    'engine:pause': ({ reason }) => services.pause({ reason, actor }),
    'engine:resume': ({ leaveOut }) => services.resume({ actor, leaveOut }),
    'engine:resume-review': ({ scope }) => services.resumeReview({ scope }),
    'schedule:get-day': ({ date }) => services.today({ date }),
    'schedule:import-csv': ({ csv, bytes, ...rest }) =>
      services.importCsv({ ...uploaded(csv, bytes), ...rest, withRejectedCsv: true, actor }),
    'schedule:preview-import': ({ csv, bytes, ...rest }) => services.previewImport({ ...uploaded(csv, bytes), ...rest, actor }),
    'import-profiles:list': () => services.listImportProfiles(),
    'import-profiles:save': (profile) => services.saveImportProfile({ profile, actor }),
    'import-profiles:delete': ({ name }) => services.deleteImportProfile({ name, actor }),
    'sources:list': () => services.listSources(),
    'sources:add-folder': ({ dir, fullExport, profile }) =>
      services.addFolderSourceFromWindow({ dir, fullExport: fullExport ?? false, profile: profile ?? null, actor }),
    'sources:remove': ({ id }) => services.removeSource({ id, actor }),
    'sources:sync': () => services.syncSources(),
    'sources:approve-held': ({ id }) => services.approveHeldExport({ id, actor }),
    'sources:discard-held': ({ id }) => services.discardHeldExport({ id, actor }),
    'outbox:preview': ({ hours }) => services.preview({ hours }),
    'coverage:list': ({ hours }) => services.coverage({ hours }),
    'contacts:list': ({ limit }) => services.contacts({ limit }),
    'appointments:confirm': ({ appointment }) => services.confirm({ appointment, actor }),
    'appointments:cancel': ({ appointment }) => services.cancel({ appointment, actor }),
    'patients:fix-phone': async ({ patientId, phone }) => ({ patientId, phone: await services.fixPhone({ patientId, phone, actor }) }),
    'patients:set-do-not-contact': ({ patientId, doNotContact }) => ({
      patientId,
      doNotContact: services.setDoNotContact({ patientId, doNotContact, actor }),
    }),
    'settings:get': () => services.getSettings(),
    'settings:preview-template': ({ kind, text, language }) => services.previewTemplate({ kind, text, language }),
    'settings:send-test-message': ({ channel, to }) => services.sendTestMessage({ channel, to, actor }),
    'settings:update': ({ settings, confirmUnsafe }) => services.updateSettings({ settings, ...by, confirmUnsafe }),
    'settings:check-safety': ({ settings }) => services.checkSettingsSafety({ settings }),
    'secrets:get-status': () => (secrets ? secrets.status() : noSecrets()),
    'secrets:set': (input) => {
      // Connections are admin-only (docs/staff.md#admin-only), checked before the host's credential store is touched.
      services.staffRequireAdmin(by, 'change connections');
      return secrets ? secrets.set(input) : noSecrets();
    },
    'audit:list': ({ limit }) => services.auditLog({ limit }),
    ...reportHandlers(services.reports, actor),
    ...conversationHandlers(services.conversations, actor),
    ...staffHandlers(services, { session: opts.session, defaultDesk: opts.actor, actor, role: desk.role }),
  } satisfies Handlers;
}

/**
 * The one funnel every transport (IPC, HTTP) goes through: validate the request, call, validate and
 * strip the response (z.object drops unknown keys, so nothing the contract does not name — e.g. a
 * credential — reaches the renderer), and turn every failure into data. Never rejects.
 */
export async function invokeChannel(handlers: Handlers, call: unknown, rawReq: unknown, logger: Logger): Promise<Result<unknown>> {
  if (!isCallName(call)) return { ok: false, error: { code: 'NOT_FOUND', message: `Unknown call ${String(call)}` } };
  const schema = contract[call];
  const req = schema.req.safeParse(rawReq ?? {});
  if (!req.success) {
    const issue = req.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return { ok: false, error: { code: 'BAD_REQUEST', message: `${where}${issue?.message ?? 'invalid request'}` } };
  }
  try {
    const handler = handlers[call] as (r: unknown) => unknown;
    const value = await handler(req.data);
    const res = schema.res.safeParse(value);
    if (!res.success) {
      logger.error(`response of ${call} does not match the contract`, { issues: res.error.issues.slice(0, 5) });
      return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong. The details are in the log.' } };
    }
    return { ok: true, value: res.data };
  } catch (error) {
    if (error instanceof UserError) return { ok: false, error: { code: error.code, message: error.message } };
    logger.error(`${call} failed`, { stack: error instanceof Error ? error.stack : String(error) });
    return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong. The details are in the log.' } };
  }
}
