import { hostname } from 'node:os';
import type { DB } from '../db/connection';
import { deleteLease, getLease, upsertLease } from '../db/repos/engine-repo';
import { newToken } from '../platform/ids';

const LEASE_NAME = 'sender';
export const LEASE_MS = 60_000;

/** Is `pid` a live process on this machine? (signal 0 tests existence without signalling). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * DESIGN §5.8 / §8: one sender per database file. The lease lives in the database for 60 s of clock
 * time and is renewed while sending; a lease whose holder process is gone from this machine is taken
 * over at once. Everything here runs in BEGIN IMMEDIATE, so two processes cannot both win.
 */
export class SenderLease {
  private holderId: string | undefined;
  private readonly host = hostname();

  /** This engine's identity in the lease row (made on first use: one-shot commands never need it). */
  get holder(): string {
    this.holderId ??= `${process.pid}-${newToken()}`;
    return this.holderId;
  }

  constructor(
    private readonly db: DB,
    private readonly isAlive: (pid: number) => boolean = processIsAlive,
  ) {}

  /** Takes or renews the lease; false when another live sender holds it. */
  acquire(now: number): boolean {
    return this.db
      .transaction(() => {
        const current = getLease(this.db, LEASE_NAME);
        const ours = current?.holder === this.holder;
        const free =
          !current || current.expires_at <= now || (current.hostname === this.host && current.pid !== process.pid && !this.isAlive(current.pid));
        if (!ours && !free) return false;
        upsertLease(this.db, LEASE_NAME, { holder: this.holder, pid: process.pid, hostname: this.host, expires_at: now + LEASE_MS });
        return true;
      })
      .immediate();
  }

  release(): void {
    if (this.holderId) deleteLease(this.db, LEASE_NAME, this.holderId);
  }
}
