import type { SendResult } from './channel';

/** The parts of twilio.RestException we use (checked structurally so this file never loads the SDK). */
interface RestLike {
  status: number;
  code?: number;
  message: string;
}

function asRest(err: unknown): RestLike | null {
  if (!(err instanceof Error)) return null;
  const e = err as Error & { status?: unknown; code?: unknown; isAxiosError?: unknown; moreInfo?: unknown };
  // Transport failures are plain axios errors with a string `code` (ECONNRESET, ECONNABORTED), not RestException.
  if (e.isAxiosError || typeof e.status !== 'number') return null;
  if (e.code !== undefined && typeof e.code !== 'number') return null;
  return { status: e.status, code: typeof e.code === 'number' ? e.code : undefined, message: e.message };
}

/** Bad number: fix it in the schedule (docs/twilio.md#error-codes). */
const INVALID_ADDRESS = new Set([21211, 21612, 21614, 21635, 21217, 21214, 13224]);
/** Configuration faults: sending stops until a human fixes credentials or the From number. */
const PAUSE = new Set([20003, 21212, 21606, 21603, 21604, 21608, 21210]);
/** Not processed: safe to try again later. */
const RETRY = new Set([20429, 21611]);

function transportError(err: unknown): { error: string; code?: string } {
  if (err instanceof Error) {
    const code = (err as Error & { code?: unknown }).code;
    return { error: err.message || err.name, code: typeof code === 'string' ? code : undefined };
  }
  return { error: String(err) };
}

/**
 * Maps an error thrown by a Twilio create to a SendResult (docs/twilio.md#error-codes). Known codes first, then HTTP status:
 * 4xx failed, 429 retry, 5xx / non-JSON / network errors unknown (the create may have happened).
 */
export function sendErrorResult(err: unknown, what: 'SMS' | 'call'): SendResult {
  const rest = asRest(err);
  if (!rest) {
    const t = transportError(err);
    return {
      kind: 'unknown',
      error: `Twilio did not answer (${t.code ?? t.error}); the ${what} may or may not have been sent`,
      code: t.code,
    };
  }
  const code = rest.code;
  const codeText = code === undefined ? `HTTP ${rest.status}` : String(code);
  const detail = `Twilio ${codeText}: ${rest.message}`;
  const r = (action: 'fail' | 'invalid_address' | 'opt_out' | 'retry' | 'pause', error: string): SendResult => ({
    kind: 'rejected',
    action,
    error,
    code: codeText,
  });
  if (rest.status === 401 || code === 20003) return r('pause', `${detail} — check the Twilio Account SID and auth token`);
  if (code !== undefined && INVALID_ADDRESS.has(code)) return r('invalid_address', `${detail} — fix this number`);
  if (code === 21610) return r('opt_out', `${detail} — the patient replied STOP to this number`);
  if (rest.status === 429 || (code !== undefined && RETRY.has(code))) return r('retry', `${detail} — Twilio is busy; will try again later`);
  if (code !== undefined && PAUSE.has(code)) return r('pause', `${detail} — check the Twilio From number and account`);
  if (rest.status >= 400 && rest.status < 500) return r('fail', detail);
  return { kind: 'unknown', error: `${detail}; the ${what} may or may not have been sent`, code: codeText };
}

/** Twilio's error code on a REST error (30409 on a cancel that came too late), else undefined. */
export function twilioErrorCode(err: unknown): number | undefined {
  return asRest(err)?.code;
}

/** A short error text for reconcile/status failures. */
export function describeError(err: unknown): string {
  const rest = asRest(err);
  if (rest) return `Twilio ${rest.code ?? `HTTP ${rest.status}`}: ${rest.message}`;
  return transportError(err).error;
}
