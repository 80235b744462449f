import { randomBytes } from 'node:crypto';

/** Random token for leases and claims (the only place core makes randomness). */
export function newToken(): string {
  return randomBytes(9).toString('base64url');
}
