import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { badRequest } from '../platform/errors';

/**
 * Desk PINs (docs/staff.md#pins): stored only as an scrypt hash with a random salt per user, compared in
 * constant time. A PIN is never logged, never returned by any call and never written to the audit log.
 */

/** scrypt cost: about 16 MB and tens of milliseconds per check, plenty for a short PIN behind a lockout. */
const PARAMS = { N: 16_384, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
const PREFIX = 'scrypt';

/** 4 to 12 digits: what a desk keypad and a busy receptionist handle. */
export function checkPinFormat(pin: string): void {
  if (!/^\d{4,12}$/.test(pin)) throw badRequest('a PIN is 4 to 12 digits');
}

function derive(pin: string, salt: Buffer, params: ScryptOptions & { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(pin, salt, KEY_BYTES, { ...params, maxmem: 64 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** `scrypt$N$r$p$salt$hash` (base64 parts), safe to store. */
export async function hashPin(pin: string): Promise<string> {
  checkPinFormat(pin);
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(pin, salt, PARAMS);
  return [PREFIX, PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** True when `pin` matches `stored`; false for a wrong PIN or a malformed stored value (never throws for those). */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== PREFIX) return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0)) return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (expected.length !== KEY_BYTES || salt.length === 0) return false;
  const actual = await derive(pin, salt, { N, r, p });
  // Constant time: how much of a guess was right must not show in how long the answer takes.
  return timingSafeEqual(actual, expected);
}
