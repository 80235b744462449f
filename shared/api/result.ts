import { z } from 'zod';

/** Error codes every call can fail with: the one list, also used by core's UserError (electron/core/platform/errors.ts). */
export const ErrorCodeSchema = z.enum([
  'BAD_REQUEST',
  'NOT_FOUND',
  'SAFEGUARD_BLOCKED',
  'PAUSED',
  'CONFLICT',
  'UNAUTHORIZED',
  /** Signed in, but not allowed: e.g. a desk user changing limits (docs/staff.md#admin-only). */
  'FORBIDDEN',
  'UNAVAILABLE',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ApiErrorSchema = z.object({ code: ErrorCodeSchema, message: z.string() });
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** Every call returns a Result: failures travel as data, never as a rejected promise across a process boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Builds a successful Result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** Builds a failed Result. */
export function err<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}

/** Zod schema of Result<T> for a given value schema (used by transports that receive JSON). */
export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), value }), z.object({ ok: z.literal(false), error: ApiErrorSchema })]);
}

/** Schema for any Result whose value is not checked (transport envelopes). */
export const AnyResultSchema = resultSchema(z.unknown());
