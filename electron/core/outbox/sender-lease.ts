import { hostname } from 'node:os';
import type { ControlStore, LeaseHolder } from '../control/control-store';
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

/** "another Frontdesk engine (process 123 on desk-2) holds the sender lease" */
export function describeLeaseHolder(holder: LeaseHolder): string {
  return `another Frontdesk engine (process ${holder.pid} on ${holder.hostname}) holds the sender lease`;
}

export type SenderIdentity = Readonly<{ pid?: number; hostname?: string; isAlive?: (pid: number) => boolean }>;

/**
 * One sender per schedule file (docs/safeguards.md#one-sender). The lease lives in the control file (docs/control.md)
 * for 60 s of clock time and is renewed while the engine runs; a lease whose holder process is gone
 * from this machine is taken over at once.
 */
export class SenderLease {
  private holderId: string | undefined;
  private readonly pid: number;
  private readonly host: string;
  private readonly isAlive: (pid: number) => boolean;
  /** Who held the lease when we last failed to get it (null: we hold it, or never asked). */
  private refusedBy: LeaseHolder | null = null;

  /** `options` stand in for this process in tests: its pid, its machine, and the liveness check. */
  constructor(
    private readonly control: Pick<ControlStore, 'acquireLease' | 'releaseLease'>,
    options: SenderIdentity = {},
  ) {
    this.pid = options.pid ?? process.pid;
    this.host = options.hostname ?? hostname();
    this.isAlive = options.isAlive ?? processIsAlive;
  }

  /** This engine's identity in the lease row (made on first use: one-shot commands never need it). */
  get holder(): string {
    this.holderId ??= `${this.pid}-${newToken()}`;
    return this.holderId;
  }

  /** Takes or renews the lease; false when another live sender holds it. */
  acquire(now: number): boolean {
    const answer = this.control.acquireLease({
      name: LEASE_NAME,
      holder: this.holder,
      pid: this.pid,
      hostname: this.host,
      now,
      ttlMs: LEASE_MS,
      isAlive: this.isAlive,
    });
    this.refusedBy = answer.acquired ? null : answer.holder;
    return answer.acquired;
  }

  /** The other engine that refused us the lease at the last acquire, if any. */
  get blockedBy(): LeaseHolder | null {
    return this.refusedBy;
  }

  release(): void {
    if (this.holderId) this.control.releaseLease(LEASE_NAME, this.holderId);
  }
}
