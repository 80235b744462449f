import Database from 'better-sqlite3';
import type { PauseKind } from '../../../shared/domain/types';
import { migrateControl } from '../db/control-schema';
import {
  deleteLease,
  insertAudit,
  NOT_PAUSED,
  selectAudit,
  selectLease,
  selectPausedFlag,
  selectPauseRow,
  upsertLease,
  writePauseRow,
  type ControlAuditRow,
  type LeaseRow,
  type PauseRow,
} from '../db/repos/control-repo';
import { readLegacyControlState } from '../db/repos/engine-repo';
import { deleteScopedPause, selectScopedPauses, upsertScopedPause } from '../db/repos/scoped-pause-repo';
import { describeScope, scopeKey, type PauseScope, type ScopedPause } from './scoped-pause';
import { asWritableDB, type ReadableDB, type WritableDB } from '../db/types';

/** The control file sits beside the schedule: `clinic.db` → `clinic.db-control` (like SQLite's own -wal). */
export const CONTROL_FILE_SUFFIX = '-control';

export interface PauseState {
  readonly paused: boolean;
  readonly kind: PauseKind | null;
  readonly reason: string | null;
  readonly at: number | null;
  readonly by: string | null;
  /** After a human resumed a breaker trip, the breaker stays quiet until then (ms). */
  readonly breakerReviewedUntil: number | null;
}

export interface PauseInput {
  readonly kind: PauseKind;
  readonly reason: string;
  readonly actor: string;
  readonly now: number;
  /** The audit entry written in the same commit (every pause is audited: docs/safeguards.md#ledger-and-audit-log). */
  readonly audit: { readonly kind: string; readonly detail: Record<string, unknown> };
}

export interface LeaseHolder {
  readonly holder: string;
  readonly pid: number;
  readonly hostname: string;
  readonly expiresAt: number;
}

export interface LeaseClaim {
  readonly name: string;
  readonly holder: string;
  readonly pid: number;
  readonly hostname: string;
  readonly now: number;
  readonly ttlMs: number;
  /** Is this process id alive on this machine? A dead holder's lease is taken over at once. */
  readonly isAlive: (pid: number) => boolean;
}

export type LeaseAnswer = { readonly acquired: true } | { readonly acquired: false; readonly holder: LeaseHolder };

/**
 * Who may have the lease, given its current row: nobody holds it (`free`), we do (`ours`), it ran out
 * (`expired`), its holder's process is gone from this machine (`holder_gone`: taken over at once), or
 * another live sender holds it (`held`). A holder on another host is never judged dead by pid: its
 * pids are not ours to check, so only expiry frees its lease.
 */
export type LeaseVerdict = 'free' | 'ours' | 'expired' | 'holder_gone' | 'held';

/** Decides a lease claim against the current row (pure; the store applies it in one transaction). */
export function leaseVerdict(current: Readonly<LeaseRow> | undefined, claim: Omit<LeaseClaim, 'name' | 'ttlMs'>): LeaseVerdict {
  if (!current) return 'free';
  if (current.holder === claim.holder) return 'ours';
  if (current.expires_at <= claim.now) return 'expired';
  if (current.hostname === claim.hostname && current.pid !== claim.pid && !claim.isAlive(current.pid)) return 'holder_gone';
  return 'held';
}

function toState(row: PauseRow): PauseState {
  return {
    paused: row.paused === 1,
    kind: row.pause_kind,
    reason: row.pause_reason,
    at: row.paused_at,
    by: row.paused_by,
    breakerReviewedUntil: row.breaker_reviewed_until,
  };
}

/**
 * The one path every sender, scheduler and canceller asks before it acts (docs/control.md): the kill
 * switch, the breaker review and the sender lease, in a small SQLite file of their own. No schedule
 * write ever holds this file's lock, so pausing never waits for an import, a plan or a dispatch.
 */
export class ControlStore {
  constructor(private readonly db: WritableDB) {}

  /** The control file's path (':memory:' beside an in-memory schedule). */
  get file(): string {
    return this.db.name;
  }

  isPaused(): boolean {
    return selectPausedFlag(this.db);
  }

  pauseState(): PauseState {
    return toState(selectPauseRow(this.db) ?? NOT_PAUSED);
  }

  /** Pauses all outbound contact; durable (synchronous=FULL) when this returns. */
  pause(input: PauseInput): PauseState {
    return this.db
      .transaction(() => {
        const before = selectPauseRow(this.db) ?? NOT_PAUSED;
        const row: PauseRow = {
          paused: 1,
          pause_kind: input.kind,
          pause_reason: input.reason,
          paused_at: input.now,
          paused_by: input.actor,
          breaker_reviewed_until: before.breaker_reviewed_until,
        };
        writePauseRow(this.db, row, input.now);
        insertAudit(this.db, input.now, input.audit.kind, input.actor, input.audit.detail);
        return toState(row);
      })
      .immediate();
  }

  /** Resumes; a breaker trip resumed by a human is not re-tripped for `breakerReviewMs`. Returns the state before. */
  resume(input: { readonly actor: string; readonly now: number; readonly breakerReviewMs: number }): PauseState {
    return this.db
      .transaction(() => {
        const before = selectPauseRow(this.db) ?? NOT_PAUSED;
        const reviewed = before.pause_kind === 'breaker' ? input.now + input.breakerReviewMs : before.breaker_reviewed_until;
        writePauseRow(this.db, { ...NOT_PAUSED, breaker_reviewed_until: reviewed }, input.now);
        insertAudit(this.db, input.now, 'resumed', input.actor, {
          wasPaused: before.paused === 1,
          kind: before.pause_kind,
          reason: before.pause_reason,
        });
        return toState(before);
      })
      .immediate();
  }

  /** Every scoped pause (docs/control.md#scoped-pauses), oldest first. */
  scopedPauses(): ScopedPause[] {
    return selectScopedPauses(this.db).map((r) => ({
      scope: r.scope,
      target: r.target,
      reason: r.reason,
      at: r.paused_at,
      by: r.paused_by,
    }));
  }

  /** Pauses one provider or one channel; durable and audited in one commit, like the kill switch. */
  pauseScope(input: { scope: PauseScope; target: string; reason: string; actor: string; now: number }): ScopedPause[] {
    this.db
      .transaction(() => {
        upsertScopedPause(this.db, {
          scope: input.scope,
          target_key: scopeKey(input.scope, input.target),
          target: input.target,
          reason: input.reason,
          paused_at: input.now,
          paused_by: input.actor,
        });
        insertAudit(this.db, input.now, 'scope_paused', input.actor, {
          scope: input.scope,
          target: input.target,
          reason: input.reason,
          what: describeScope(input.scope, input.target),
        });
      })
      .immediate();
    return this.scopedPauses();
  }

  /** Resumes one provider or channel; returns false when it was not paused (nothing written). */
  resumeScope(input: { scope: PauseScope; target: string; actor: string; now: number }): boolean {
    return this.db
      .transaction(() => {
        if (!deleteScopedPause(this.db, input.scope, scopeKey(input.scope, input.target))) return false;
        insertAudit(this.db, input.now, 'scope_resumed', input.actor, {
          scope: input.scope,
          target: input.target,
          what: describeScope(input.scope, input.target),
        });
        return true;
      })
      .immediate();
  }

  /** Takes or renews a lease (one transaction, so two processes cannot both win). */
  acquireLease(claim: LeaseClaim): LeaseAnswer {
    return this.db
      .transaction((): LeaseAnswer => {
        const current = selectLease(this.db, claim.name);
        if (current && leaseVerdict(current, claim) === 'held') {
          return {
            acquired: false,
            holder: { holder: current.holder, pid: current.pid, hostname: current.hostname, expiresAt: current.expires_at },
          };
        }
        upsertLease(this.db, claim.name, {
          holder: claim.holder,
          pid: claim.pid,
          hostname: claim.hostname,
          expires_at: claim.now + claim.ttlMs,
        });
        return { acquired: true };
      })
      .immediate();
  }

  releaseLease(name: string, holder: string): void {
    deleteLease(this.db, name, holder);
  }

  leaseHolder(name: string): LeaseHolder | null {
    const row = selectLease(this.db, name);
    return row ? { holder: row.holder, pid: row.pid, hostname: row.hostname, expiresAt: row.expires_at } : null;
  }

  /** Newest first: pauses, resumes and breaker trips. */
  auditLog(limit: number): ControlAuditRow[] {
    return selectAudit(this.db, limit);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** Where the control file of a schedule lives; null for an in-memory schedule (tests). */
export function controlFileFor(schedule: ReadableDB): string | null {
  return schedule.memory || schedule.name === '' ? null : `${schedule.name}${CONTROL_FILE_SUFFIX}`;
}

/**
 * First creation carries the schedule's old pause state and lease over (an existing paused clinic
 * stays paused after the upgrade). Runs in the control file's write lock, so two processes opening a
 * new control file at once seed it once.
 */
function seedFromSchedule(control: WritableDB, schedule: ReadableDB, now: number): void {
  control
    .transaction(() => {
      if (selectPauseRow(control)) return;
      const legacy = readLegacyControlState(schedule);
      writePauseRow(control, legacy.engine ?? NOT_PAUSED, now);
      for (const lease of legacy.leases) upsertLease(control, lease.name, lease);
    })
    .immediate();
}

/** Opens (creating and seeding if needed) the control file of an open schedule. */
export function openControlStore(
  schedule: ReadableDB,
  now: number,
  options: Readonly<{ nativeBinding?: string | undefined }> = {},
): ControlStore {
  const file = controlFileFor(schedule);
  const db = asWritableDB(new Database(file ?? ':memory:', options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}));
  try {
    // Set first: creating the file or switching it to WAL may meet another process doing the same.
    db.pragma('busy_timeout = 5000');
    if (file) db.pragma('journal_mode = WAL');
    // A pause must survive a power cut the moment it returns; control commits are tiny and rare.
    db.pragma('synchronous = FULL');
    migrateControl(db);
    seedFromSchedule(db, schedule, now);
  } catch (error) {
    db.close();
    throw error;
  }
  return new ControlStore(db);
}
