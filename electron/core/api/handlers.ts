import {
  contract,
  isChannel,
  type Channel,
  type ParsedReq,
  type Res,
  type SecretInput,
  type SecretStatus,
} from '../../../shared/api/contract';
import type { PushEvent } from '../../../shared/api/events';
import { ErrorCodeSchema, type Result } from '../../../shared/api/result';
import type { Logger } from '../platform/logger';
import { assertNever, UserError } from '../platform/errors';
import type { EngineEvent } from '../platform/engine-events';
import type { FrontdeskServices } from './service-types';

/** One function per contract channel; the request is already validated. */
export type Handlers = { [C in Channel]: (req: ParsedReq<C>) => Res<C> | Promise<Res<C>> };

/** Credential storage, implemented by electron/app (safeStorage); absent in the web host. */
export interface SecretsPort {
  status(): SecretStatus;
  set(input: SecretInput): SecretStatus;
}

export type HandlerOptions = Readonly<{
  /** Recorded in the audit log as who did it ('desk' for the app window, 'web' for the web host). */
  actor: string;
  secrets?: SecretsPort | undefined;
}>;

/** A call this host does not offer (answered as UNAVAILABLE). */
class UnavailableError extends Error {}

function noSecrets(): never {
  throw new UnavailableError('Credentials can only be changed in the Frontdesk desktop app.');
}

/** Maps every contract channel to a FrontdeskServices call. Adding a call = one line here. */
export function createHandlers(services: FrontdeskServices, opts: HandlerOptions): Handlers {
  const { actor, secrets } = opts;
  return {
    'engine:get-status': () => services.status(),
    'engine:pause': ({ reason }) => services.pause({ reason, actor }),
    'engine:resume': () => services.resume({ actor }),
    'engine:resume-review': () => services.resumeReview(),
    'schedule:get-day': ({ date }) => services.today({ date }),
    'schedule:import-csv': ({ csv, fileName }) => services.importCsv({ csv, fileName, actor }),
    'outbox:preview': ({ hours }) => services.preview({ hours }),
    'contacts:list': ({ limit }) => services.contacts({ limit }),
    'appointments:confirm': ({ appointment }) => services.confirm({ appointment, actor }),
    'appointments:cancel': ({ appointment }) => services.cancel({ appointment, actor }),
    'patients:fix-phone': async ({ patientId, phone }) => ({ patientId, phone: await services.fixPhone({ patientId, phone, actor }) }),
    'patients:set-do-not-contact': ({ patientId, doNotContact }) => ({
      patientId,
      doNotContact: services.setDoNotContact({ patientId, doNotContact, actor }),
    }),
    'settings:get': () => services.getSettings(),
    'settings:preview-template': ({ kind, text }) => services.previewTemplate({ kind, text }),
    'settings:send-test-message': ({ channel, to }) => services.sendTestMessage({ channel, to, actor }),
    'settings:update': ({ settings, confirmUnsafe }) => services.updateSettings({ settings, actor, confirmUnsafe }),
    'settings:check-safety': ({ settings }) => services.checkSettingsSafety({ settings }),
    'secrets:get-status': () => (secrets ? secrets.status() : noSecrets()),
    'secrets:set': (input) => (secrets ? secrets.set(input) : noSecrets()),
    'audit:list': ({ limit }) => services.auditLog({ limit }),
  };
}

/**
 * The one funnel every transport (IPC, HTTP) goes through: validate the request, call, validate and
 * strip the response (z.object drops unknown keys, so nothing the contract does not name — e.g. a
 * credential — reaches the renderer), and turn every failure into data. Never rejects.
 */
export async function invokeChannel(handlers: Handlers, channel: unknown, rawReq: unknown, logger: Logger): Promise<Result<unknown>> {
  if (!isChannel(channel)) return { ok: false, error: { code: 'NOT_FOUND', message: `Unknown call ${String(channel)}` } };
  const schema = contract[channel];
  const req = schema.req.safeParse(rawReq ?? {});
  if (!req.success) {
    const issue = req.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return { ok: false, error: { code: 'BAD_REQUEST', message: `${where}${issue?.message ?? 'invalid request'}` } };
  }
  try {
    const handler = handlers[channel] as (r: unknown) => unknown;
    const value = await handler(req.data);
    const res = schema.res.safeParse(value);
    if (!res.success) {
      logger.error(`response of ${channel} does not match the contract`, { issues: res.error.issues.slice(0, 5) });
      return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong. The details are in the log.' } };
    }
    return { ok: true, value: res.data };
  } catch (error) {
    if (error instanceof UnavailableError) return { ok: false, error: { code: 'UNAVAILABLE', message: error.message } };
    if (error instanceof UserError) {
      const code = ErrorCodeSchema.safeParse(error.code);
      return { ok: false, error: { code: code.success ? code.data : 'BAD_REQUEST', message: error.message } };
    }
    logger.error(`${channel} failed`, { stack: error instanceof Error ? error.stack : String(error) });
    return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong. The details are in the log.' } };
  }
}

/** Translates an engine event into the push the renderer receives. */
export function toPushEvent(event: EngineEvent): PushEvent {
  switch (event.type) {
    case 'changed':
      return { name: 'engine:changed', payload: { topics: [...event.topics] } };
    case 'paused':
      return { name: 'engine:paused', payload: { kind: event.kind, reason: event.reason } };
    case 'resumed':
      return { name: 'engine:resumed', payload: {} };
    case 'attention':
      return { name: 'engine:attention', payload: { kind: event.kind, message: event.message } };
    default:
      return assertNever(event);
  }
}
