import type { ErrorCode } from '../../../shared/api/result';

/** The API contract's error codes (shared/api/result.ts); expected failures carry one of these. */
export type { ErrorCode };

/** An expected failure with a message safe to show a receptionist or print as a one-line CLI error. */
export class UserError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export function badRequest(message: string): UserError {
  return new UserError('BAD_REQUEST', message);
}

export function notFound(message: string): UserError {
  return new UserError('NOT_FOUND', message);
}

/** Exhaustiveness check for switches over unions. */
export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${String(value)}`);
}
