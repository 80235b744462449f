import type { DB } from '../connection';
import { stmt } from '../sql';

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
export function getRecipient(db: DB, address: string): RecipientRow | undefined {
  return stmt(db, `SELECT address, opted_out_at, opt_out_source, invalid_reason, updated_at FROM recipients WHERE address = ?`).get(
    address,
  ) as RecipientRow | undefined;
}

/** Opts the address out (STOP); a repeated STOP keeps the first opt-out time. */
export function markRecipientOptedOut(db: DB, address: string, source: string, at: number): void {
  stmt(
    db,
    `INSERT INTO recipients (address, opted_out_at, opt_out_source, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (address) DO UPDATE SET opted_out_at = COALESCE(opted_out_at, excluded.opted_out_at),
       opt_out_source = excluded.opt_out_source, updated_at = excluded.updated_at`,
  ).run(address, at, source, at);
}

/** Opts the address back in (START/UNSTOP); `source` records what did it. */
export function markRecipientOptedIn(db: DB, address: string, source: string, at: number): void {
  stmt(
    db,
    `INSERT INTO recipients (address, opted_out_at, opt_out_source, updated_at) VALUES (?, NULL, ?, ?)
     ON CONFLICT (address) DO UPDATE SET opted_out_at = NULL, opt_out_source = excluded.opt_out_source,
       updated_at = excluded.updated_at`,
  ).run(address, source, at);
}

/** Marks the address undeliverable (e.g. Twilio 21211) so no further attempt is made until it is fixed. */
export function markRecipientInvalid(db: DB, address: string, reason: string, at: number): void {
  stmt(
    db,
    `INSERT INTO recipients (address, invalid_reason, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (address) DO UPDATE SET invalid_reason = excluded.invalid_reason, updated_at = excluded.updated_at`,
  ).run(address, reason, at);
}

/** Clears an invalid mark (a human checked the number); a no-op for unknown addresses. */
export function clearRecipientInvalid(db: DB, address: string, at: number): void {
  stmt(db, `UPDATE recipients SET invalid_reason = NULL, updated_at = ? WHERE address = ? AND invalid_reason IS NOT NULL`).run(at, address);
}
