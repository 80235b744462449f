import { randomBytes } from 'node:crypto';
import { HOUR_MS, MINUTE_MS } from '../platform/clock';

/**
 * Who is at each desk (docs/staff.md#sessions): an in-memory map from a random session token to a user
 * and a desk label, held by the engine process. A restart signs everyone out (the picker asks again).
 * Wrong PINs lock that user out for a while, so a 4-digit PIN cannot be guessed by trying them all.
 */

export interface DeskSession {
  readonly userId: number;
  readonly desk: string;
  lastUsedAt: number;
}

/** A desk idle this long is signed out. */
const IDLE_MS = 12 * HOUR_MS;
export const MAX_PIN_FAILURES = 5;
export const PIN_LOCKOUT_MS = 5 * MINUTE_MS;

export class StaffSessions {
  private readonly sessions = new Map<string, DeskSession>();
  private readonly failures = new Map<number, { count: number; lockedUntil: number }>();

  open(userId: number, desk: string, now: number): string {
    const token = randomBytes(24).toString('base64url');
    this.sessions.set(token, { userId, desk, lastUsedAt: now });
    this.failures.delete(userId);
    return token;
  }

  /** The session behind a token, renewed; undefined when unknown or idle too long. */
  find(token: string | undefined, now: number): DeskSession | undefined {
    if (!token) return undefined;
    const session = this.sessions.get(token);
    if (!session) return undefined;
    if (now - session.lastUsedAt > IDLE_MS) {
      this.sessions.delete(token);
      return undefined;
    }
    session.lastUsedAt = now;
    return session;
  }

  close(token: string): void {
    this.sessions.delete(token);
  }

  /** Signs a removed user out everywhere. */
  closeAllFor(userId: number): void {
    for (const [token, s] of this.sessions) if (s.userId === userId) this.sessions.delete(token);
  }

  /** Until when this user may not try a PIN (null when they may). */
  lockedUntil(userId: number, now: number): number | null {
    const f = this.failures.get(userId);
    return f && f.lockedUntil > now ? f.lockedUntil : null;
  }

  noteWrongPin(userId: number, now: number): void {
    const f = this.failures.get(userId) ?? { count: 0, lockedUntil: 0 };
    f.count += 1;
    if (f.count >= MAX_PIN_FAILURES) {
      f.count = 0;
      f.lockedUntil = now + PIN_LOCKOUT_MS;
    }
    this.failures.set(userId, f);
  }
}
