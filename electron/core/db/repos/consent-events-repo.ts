import { all, run, sql } from '../sql';
import type { ReadableDB, WritableDB } from '../types';

/** What kind of consent change a row records (the CHECK of migration 0004). */
export type ConsentEventKind = 'patient_updated' | 'do_not_contact' | 'opt_out' | 'opt_in' | 'phone_fixed';

/** Field → [before, after]; `before` is null for a new patient. */
export type ConsentChanges = Readonly<Record<string, readonly [string | number | null, string | number | null]>>;

export interface NewConsentEvent {
  readonly at: number;
  readonly patientId: number | null;
  readonly address: string | null;
  readonly kind: ConsentEventKind;
  readonly changes: ConsentChanges;
  /** What made the change: `import`, `reply`, `provider`, `keypress`, `front desk`, `before history`. */
  readonly source: string;
  /** Who: the CLI, the desk, the web host, a patient's number, the dispatcher. */
  readonly actor: string;
}

export interface ConsentEventRow {
  id: number;
  at: number;
  patient_id: number | null;
  address: string | null;
  kind: ConsentEventKind;
  changes_json: string;
  source: string;
  actor: string;
}

/** Appends one consent change; callers run it inside the transaction that made the change. */
export function insertConsentEvent(db: WritableDB, e: NewConsentEvent): void {
  run(
    db,
    sql`INSERT INTO consent_events (at, patient_id, address, kind, changes_json, source, actor)
     VALUES (${e.at}, ${e.patientId}, ${e.address}, ${e.kind}, ${JSON.stringify(e.changes)}, ${e.source}, ${e.actor})`,
  );
}

/** Every consent change of these patients or to these addresses, oldest first. */
export function listConsentEvents(db: ReadableDB, patientIds: readonly number[], addresses: readonly string[]): ConsentEventRow[] {
  return all<ConsentEventRow>(
    db,
    sql`SELECT id, at, patient_id, address, kind, changes_json, source, actor FROM consent_events
     WHERE patient_id IN (SELECT value FROM json_each(${JSON.stringify(patientIds)}))
       OR address IN (SELECT value FROM json_each(${JSON.stringify(addresses)}))
     ORDER BY at, id`,
  );
}
