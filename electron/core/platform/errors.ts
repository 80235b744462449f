/** Error codes shared with the API contract; expected failures carry one of these. */
export type ErrorCode = 'BAD_REQUEST' | 'NOT_FOUND' | 'SAFEGUARD_BLOCKED' | 'PAUSED' | 'CONFLICT' | 'INTERNAL';

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
