import type { WritableDB } from '../types';

/**
 * Patient conversations (docs/conversations.md):
 * - `inbound_messages.read_at`: when the desk saw a reply (NULL = unread). Replies the engine fully handled on its
 *   own (C that confirmed, STOP, START) arrive read; free text, HELP and a C it could not place need a person.
 *   Rows from before this migration follow the same rule.
 * - `inbound_messages.resolved_*`: a C from a number shared by several upcoming appointments is not guessed
 *   (action `confirm_ambiguous`); staff pick the appointment, and who and when is kept here (and in the audit log).
 * - `contacts.kind`: the ledger also records staff answers by SMS (`conversation`), which never count as a
 *   reminder nor against a number's reminder budget.
 * - `conversation_replies`: what staff wrote, to whom, about which appointment, and the ledger row it became.
 */
export function up(db: WritableDB): void {
  db.exec(`
    ALTER TABLE inbound_messages ADD COLUMN read_at INTEGER;
    ALTER TABLE inbound_messages ADD COLUMN resolved_at INTEGER;
    ALTER TABLE inbound_messages ADD COLUMN resolved_by TEXT;
    ALTER TABLE inbound_messages ADD COLUMN resolved_appointment_id INTEGER;
    UPDATE inbound_messages SET read_at = applied_at WHERE action IN ('confirm', 'opt_out', 'opt_in');
    CREATE INDEX inbound_messages_unread ON inbound_messages (received_at) WHERE read_at IS NULL;

    ALTER TABLE contacts ADD COLUMN kind TEXT NOT NULL DEFAULT 'reminder' CHECK (kind IN ('reminder', 'conversation'));

    CREATE TABLE conversation_replies (
      id INTEGER PRIMARY KEY,
      phone TEXT NOT NULL,
      appointment_id INTEGER REFERENCES appointments (id),
      body TEXT NOT NULL,
      actor TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      contact_id INTEGER REFERENCES contacts (id),
      outcome TEXT NOT NULL CHECK (outcome IN ('sending', 'sent', 'simulated', 'failed', 'unknown')),
      error TEXT
    ) STRICT;
    CREATE INDEX conversation_replies_phone ON conversation_replies (phone, created_at);
  `);
}
