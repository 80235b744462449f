import { first, run, sql } from '../sql';
import type { ReadableDB, WritableDB } from '../types';

/**
 * Per-address facts (an E.164 number or an email). They belong to the address, not the patient: a STOP from a
 * phone a family shares stops every patient on it, and a bad number stays bad whoever is imported with it.
 */
export interface RecipientRow {
  address: string;
  opted_out_at: number | null;
  /** Who or what last changed the opt-out status (e.g. `sms:STOP`, `sms:START`, `front-desk`). */
  opt_out_source: string | null;
  invalid_reason: string | null;
  updated_at: number;
}

/** The recipient facts for one address, or undefined when nothing is known about it. */
export function getRecipient(db: ReadableDB, address: string): RecipientRow | undefined {
  return first<RecipientRow>(
    db,
    sql`SELECT address, opted_out_at, opt_out_source, invalid_reason, updated_at FROM recipients WHERE address = ${address}`,
  );
}

/** Opts the address out (STOP); a repeated STOP keeps the first opt-out time. */
export function markRecipientOptedOut(db: WritableDB, address: string, source: string, at: number): void {
  run(
    db,
    sql`INSERT INTO recipients (address, opted_out_at, opt_out_source, updated_at) VALUES (${address}, ${at}, ${source}, ${at})
     ON CONFLICT (address) DO UPDATE SET opted_out_at = COALESCE(opted_out_at, excluded.opted_out_at),
       opt_out_source = excluded.opt_out_source, updated_at = excluded.updated_at`,
  );
}

/** Opts the address back in (START/UNSTOP); `source` records what did it. */
export function markRecipientOptedIn(db: WritableDB, address: string, source: string, at: number): void {
  run(
    db,
    sql`INSERT INTO recipients (address, opted_out_at, opt_out_source, updated_at) VALUES (${address}, NULL, ${source}, ${at})
     ON CONFLICT (address) DO UPDATE SET opted_out_at = NULL, opt_out_source = excluded.opt_out_source,
       updated_at = excluded.updated_at`,
  );
}

/** Marks the address undeliverable (e.g. Twilio 21211) so no further attempt is made until it is fixed. */
export function markRecipientInvalid(db: WritableDB, address: string, reason: string, at: number): void {
  run(
    db,
    sql`INSERT INTO recipients (address, invalid_reason, updated_at) VALUES (${address}, ${reason}, ${at})
     ON CONFLICT (address) DO UPDATE SET invalid_reason = excluded.invalid_reason, updated_at = excluded.updated_at`,
  );
}

/** Clears an invalid mark (a human checked the number); a no-op for unknown addresses. */
export function clearRecipientInvalid(db: WritableDB, address: string, at: number): void {
  run(db, sql`UPDATE recipients SET invalid_reason = NULL, updated_at = ${at} WHERE address = ${address} AND invalid_reason IS NOT NULL`);
}
