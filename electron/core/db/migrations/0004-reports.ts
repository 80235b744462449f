import type { WritableDB } from '../types';

/**
 * Reports (docs/reports.md):
 * - `contacts.segments`: the SMS segments of the body handed to the provider, recorded with the attempt, so the
 *   cost estimate counts what was sent rather than what today's template would render. NULL for calls, emails
 *   and attempts made before this migration.
 * - `consent_events`: the consent and opt-out history. One row per change, written in the same transaction as
 *   the change itself (import, STOP/START replies, provider opt-outs, keypress 9, do-not-contact, fixed phone).
 *   A new patient adds no row: its starting values are known from the patient row and the first changes.
 *   `changes_json` maps each changed field to [before, after]; `patient_id` is NULL for a change that belongs
 *   to an address (an opt-out by number covers every patient on that phone).
 *
 * What the database already knew is carried over, marked `source = 'before history'`: STOP/START replies, opt-outs
 * from elsewhere (with their time), and the do-not-contact and phone-fix entries of the audit log.
 */
// Typed with better-sqlite3's own class, not connection.ts's alias: connection runs the migrations (no import cycle).
export function up(db: WritableDB): void {
  db.exec(`
    ALTER TABLE contacts ADD COLUMN segments INTEGER;

    CREATE TABLE consent_events (
      id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      patient_id INTEGER REFERENCES patients (id),
      address TEXT,
      kind TEXT NOT NULL CHECK (kind IN ('patient_updated', 'do_not_contact', 'opt_out', 'opt_in', 'phone_fixed')),
      changes_json TEXT NOT NULL DEFAULT '{}',
      source TEXT NOT NULL,
      actor TEXT NOT NULL,
      CHECK (patient_id IS NOT NULL OR address IS NOT NULL)
    ) STRICT;
    CREATE INDEX consent_events_patient ON consent_events (patient_id, at);
    CREATE INDEX consent_events_address ON consent_events (address, at);
    -- Replies by number (a patient's history) and by time (the ledger export); the table had no index but its key.
    CREATE INDEX inbound_messages_from ON inbound_messages (from_number, received_at);
    CREATE INDEX inbound_messages_received ON inbound_messages (received_at);

    -- Opt-outs and opt-ins by reply, each as it was applied; then opt-outs that came from elsewhere (the provider's
    -- 21610, keypress 9), known only by their current state.
    INSERT INTO consent_events (at, patient_id, address, kind, changes_json, source, actor)
      SELECT applied_at, NULL, from_number, action,
             json_object('sms_opt_out', CASE action WHEN 'opt_out' THEN json_array(0, 1) ELSE json_array(1, 0) END),
             'before history', 'patient reply from ' || from_number
      FROM inbound_messages WHERE action IN ('opt_out', 'opt_in');
    INSERT INTO consent_events (at, patient_id, address, kind, changes_json, source, actor)
      SELECT opted_out_at, NULL, address, 'opt_out', json_object('sms_opt_out', json_array(0, 1)), 'before history',
             COALESCE(opt_out_source, 'unknown')
      FROM recipients WHERE opted_out_at IS NOT NULL AND COALESCE(opt_out_source, '') <> 'reply';

    INSERT INTO consent_events (at, patient_id, address, kind, changes_json, source, actor)
      SELECT e.at, p.id, p.phone, 'do_not_contact',
             json_object('do_not_contact', json_array(CASE e.kind WHEN 'do_not_contact_set' THEN 0 ELSE 1 END,
                                                      CASE e.kind WHEN 'do_not_contact_set' THEN 1 ELSE 0 END)),
             'before history', e.actor
      FROM events e JOIN patients p ON p.id = json_extract(e.detail_json, '$.patientId')
      WHERE e.kind IN ('do_not_contact_set', 'do_not_contact_cleared');

    INSERT INTO consent_events (at, patient_id, address, kind, changes_json, source, actor)
      SELECT e.at, p.id, json_extract(e.detail_json, '$.to'), 'phone_fixed',
             json_object('phone', json_array(json_extract(e.detail_json, '$.from'), json_extract(e.detail_json, '$.to'))),
             'before history', e.actor
      FROM events e JOIN patients p ON p.id = json_extract(e.detail_json, '$.patientId')
      WHERE e.kind = 'phone_fixed';
  `);
}
