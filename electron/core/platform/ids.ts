import { randomBytes } from 'node:crypto';

/** Random token for leases and claims (the only place core makes randomness). */
export function newToken(): string {
  return randomBytes(9).toString('base64url');
}

/** A random factor in [0.5, 1.5) for retry backoff jitter. */
export function jitterFactor(): number {
  return 0.5 + Math.random();
}
