import type { WritableDB } from '../types';

/**
 * Standards feeds (docs/hl7.md, docs/fhir.md): every HL7 v2 message a listener received, raw, with the ACK it
 * got and what it did (the audit of a feed, and how a repeated control id is recognised); and a pause reason
 * per source (a FHIR server that answered 401 stops polling until its token is replaced).
 */
export function up(db: WritableDB): void {
  db.exec(`
    CREATE TABLE hl7_messages (
      id INTEGER PRIMARY KEY,
      -- Kept when the source is removed: the audit outlives the configuration.
      source_id INTEGER REFERENCES sources (id) ON DELETE SET NULL,
      received_at INTEGER NOT NULL,
      control_id TEXT NOT NULL,
      event TEXT NOT NULL,
      ack_code TEXT NOT NULL CHECK (ack_code IN ('AA', 'AE', 'AR')),
      outcome TEXT NOT NULL CHECK (outcome IN ('applied', 'unchanged', 'duplicate', 'error', 'rejected')),
      appointment TEXT,
      reason TEXT,
      raw TEXT NOT NULL
    ) STRICT;
    CREATE INDEX hl7_messages_control ON hl7_messages (source_id, control_id);
    CREATE INDEX hl7_messages_source_at ON hl7_messages (source_id, received_at);

    ALTER TABLE sources ADD COLUMN paused_reason TEXT;
  `);
}
