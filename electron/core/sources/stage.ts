import type { WritableDB } from '../db/types';
import { createStage, deleteStage, findClaim, insertClaim, insertStagedRow, upsertStagedPatient } from '../db/repos/import-stage-repo';
import { BloomFilter } from './bloom-filter';
import type { PatientInput, RejectedRow, ScheduleRow } from './types';

/** Rejected rows kept for the result; the rest are only counted (a file of 300,000 bad rows stays small). */
export const MAX_KEPT_REJECTS = 1_000;
/** Rows held in memory before they are written to the stage in one short transaction. */
const FLUSH_EVERY = 250;
/** 4 Mbit (512 KiB): under 2 % false positives at 300,000 ids, so few lookups; fixed size whatever the file. */
const CLAIM_FILTER_BITS = 1 << 22;
/** A rejected row longer than this is not kept for the rejected-rows file (memory stays bounded). */
const MAX_KEPT_CELL_CHARS = 4096;

/**
 * Where a source puts what it read before anything is applied: validated rows go to TEMP tables in batches,
 * rejected rows to a bounded list with a full count. Memory stays flat however long the file; nothing touches
 * the schedule until `applyStagedSchedule` applies the whole stage in one transaction. Always `dispose()`.
 */
export class ScheduleStage {
  private pendingRows: ScheduleRow[] = [];
  private pendingClaims = new Map<string, number>();
  private readonly kept: RejectedRow[] = [];
  /** The file's cells of kept rejected rows (short rows only), for a CSV to fix and import again. */
  private readonly keptCells = new Map<number, readonly string[]>();
  private rejects = 0;
  private rows = 0;
  private readonly seen = new BloomFilter(CLAIM_FILTER_BITS);

  private constructor(
    private readonly db: WritableDB,
    readonly id: number,
  ) {}

  static open(db: WritableDB): ScheduleStage {
    return new ScheduleStage(db, createStage(db));
  }

  /** Claims `externalId` for `line`; returns the line that claimed it first when another one did. */
  claim(externalId: string, line: number): number | undefined {
    // Most ids are new: the filter answers "never claimed" without a query; a maybe is checked in the stage.
    const maybeClaimed = this.seen.testAndAdd(externalId);
    const earlier = this.pendingClaims.get(externalId) ?? (maybeClaimed ? findClaim(this.db, this.id, externalId) : undefined);
    if (earlier !== undefined) return earlier;
    this.pendingClaims.set(externalId, line);
    if (this.pendingClaims.size >= FLUSH_EVERY) this.flush();
    return undefined;
  }

  add(row: ScheduleRow): void {
    this.pendingRows.push(row);
    this.rows++;
    if (this.pendingRows.length >= FLUSH_EVERY) this.flush();
  }

  /**
   * `patient` is the row's patient name where it could be read (shown with the reason); `cells` the row as the
   * file wrote it, kept for the first rejected rows when short (a rejected-rows file to fix and re-import).
   */
  reject(row: number, reason: string, patient?: string, cells?: readonly string[]): void {
    this.rejects++;
    if (this.kept.length >= MAX_KEPT_REJECTS) return;
    this.kept.push(patient ? { row, reason, patient } : { row, reason });
    if (cells && cells.reduce((n, c) => n + c.length, 0) <= MAX_KEPT_CELL_CHARS) this.keptCells.set(row, cells);
  }

  /** The cells of a kept rejected row, when they were kept. */
  rejectedCells(row: number): readonly string[] | undefined {
    return this.keptCells.get(row);
  }

  /** Writes what is held in memory to the stage (one short transaction on TEMP tables only). */
  flush(): void {
    if (this.pendingRows.length === 0 && this.pendingClaims.size === 0) return;
    const rows = this.pendingRows;
    const claims = this.pendingClaims;
    this.pendingRows = [];
    this.pendingClaims = new Map();
    this.db.transaction(() => {
      for (const [externalId, line] of claims) insertClaim(this.db, this.id, externalId, line);
      for (const row of rows) {
        upsertStagedPatient(this.db, this.id, stagedPatient(row.patient));
        insertStagedRow(this.db, this.id, {
          line: row.line,
          external_id: row.externalId,
          patient_key: row.patient.key,
          starts_at: row.startsAt,
          duration_min: row.durationMin,
          provider: row.provider,
          status: row.status,
        });
      }
    })();
  }

  /** The first MAX_KEPT_REJECTS rejected rows, by row number. */
  get rejected(): RejectedRow[] {
    return [...this.kept].sort((a, b) => a.row - b.row);
  }

  /** Every rejected row, kept or not. */
  get rejectedCount(): number {
    return this.rejects;
  }

  get rowCount(): number {
    return this.rows;
  }

  dispose(): void {
    this.pendingRows = [];
    this.pendingClaims.clear();
    this.keptCells.clear();
    this.db.transaction(() => deleteStage(this.db, this.id))();
  }
}

function stagedPatient(p: PatientInput): Parameters<typeof upsertStagedPatient>[2] {
  const flag = (value: boolean | undefined): number | null => (value === undefined ? null : value ? 1 : 0);
  return {
    patient_key: p.key,
    name: p.name,
    phone: p.phone,
    email: p.email,
    timezone_given: p.timezone === undefined ? 0 : 1,
    timezone: p.timezone ?? null,
    language_given: p.language === undefined ? 0 : 1,
    language: p.language ?? null,
    sms_consent: flag(p.smsConsent),
    voice_consent: flag(p.voiceConsent),
    email_consent: flag(p.emailConsent),
  };
}
