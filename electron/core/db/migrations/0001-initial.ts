import type { WritableDB } from '../types';

/**
 * The schema (docs/architecture.md#data-model). Instants are INTEGER milliseconds since the epoch (UTC): compact (bytes
 * per row) and compared numerically in the hot claim query. Clinic-local times are derived with luxon.
 */
export function up(db: WritableDB): void {
  db.exec(`
    CREATE TABLE clinic (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      name TEXT NOT NULL,
      phone TEXT NOT NULL,
      timezone TEXT NOT NULL,
      send_from TEXT NOT NULL DEFAULT '08:00',
      send_until TEXT NOT NULL DEFAULT '21:00',
      limits_json TEXT NOT NULL DEFAULT '{}',
      templates_json TEXT NOT NULL DEFAULT '{}',
      settings_json TEXT NOT NULL DEFAULT '{}',
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE rules (
      id TEXT PRIMARY KEY,
      channel TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'voice')),
      offset_minutes INTEGER NOT NULL CHECK (offset_minutes > 0),
      only_if_unconfirmed INTEGER NOT NULL DEFAULT 1,
      enabled INTEGER NOT NULL DEFAULT 1,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE patients (
      id INTEGER PRIMARY KEY,
      patient_key TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      phone TEXT,
      email TEXT,
      language TEXT,
      timezone TEXT,
      sms_consent INTEGER NOT NULL DEFAULT 1,
      voice_consent INTEGER NOT NULL DEFAULT 1,
      email_consent INTEGER NOT NULL DEFAULT 1,
      do_not_contact INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX patients_phone ON patients (phone);

    -- Per-address facts that outlive any one patient row: a STOP or a bad number belongs to the number.
    CREATE TABLE recipients (
      address TEXT PRIMARY KEY,
      opted_out_at INTEGER,
      opt_out_source TEXT,
      invalid_reason TEXT,
      updated_at INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE appointments (
      id INTEGER PRIMARY KEY,
      source TEXT NOT NULL DEFAULT 'csv',
      external_id TEXT NOT NULL,
      patient_id INTEGER NOT NULL REFERENCES patients (id),
      provider TEXT NOT NULL DEFAULT '',
      starts_at INTEGER NOT NULL,
      duration_min INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('booked', 'confirmed', 'cancelled', 'completed', 'no_show')),
      confirmed_at INTEGER,
      needs_plan INTEGER NOT NULL DEFAULT 1,
      -- The start the planner last planned for; NULL = never planned, so no outbox rows exist yet.
      planned_start INTEGER,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      UNIQUE (source, external_id)
    ) STRICT;
    CREATE INDEX appointments_starts_at ON appointments (starts_at);
    CREATE INDEX appointments_patient ON appointments (patient_id);
    -- The planner's work list: only appointments changed since they were last planned (cost ∝ change).
    CREATE INDEX appointments_needs_plan ON appointments (id) WHERE needs_plan = 1;

    CREATE TABLE outbox (
      id INTEGER PRIMARY KEY,
      idempotency_key TEXT NOT NULL,
      appointment_id INTEGER NOT NULL REFERENCES appointments (id),
      rule_id TEXT NOT NULL,
      channel TEXT NOT NULL,
      recipient TEXT NOT NULL,
      not_before INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      state TEXT NOT NULL,
      reason TEXT,
      attempts INTEGER NOT NULL DEFAULT 0,
      lease_token TEXT,
      claimed_at INTEGER,
      -- Set (after the durable claim) right before the provider call: a claimed row without it never
      -- reached a provider, so finding it "not found" after a crash does not use up its one retry.
      handed_at INTEGER,
      provider_id TEXT,
      last_error TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
    -- The key is the constraint (docs/outbox-states.md#idempotency-keys).
    -- Keys start with "<appointment id>:", so this index also finds an appointment's rows by key range
    -- (rules/windows.ts appointmentKeyRange): no separate appointment index to maintain on every insert.
    CREATE UNIQUE INDEX outbox_idempotency_key ON outbox (idempotency_key);
    -- Partial indexes keep the hot queries small as history grows (docs/outbox-states.md#indexes).
    CREATE INDEX outbox_due ON outbox (not_before) WHERE state = 'pending';
    CREATE INDEX outbox_sending ON outbox (claimed_at) WHERE state = 'sending';
    CREATE INDEX outbox_unknown ON outbox (claimed_at) WHERE state = 'unknown';

    -- The ledger: one row per provider attempt. Budgets are counted from here, not from the outbox.
    CREATE TABLE contacts (
      id INTEGER PRIMARY KEY,
      outbox_id INTEGER REFERENCES outbox (id),
      appointment_id INTEGER NOT NULL REFERENCES appointments (id),
      rule_id TEXT NOT NULL,
      channel TEXT NOT NULL,
      recipient TEXT NOT NULL,
      attempted_at INTEGER NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('simulated', 'sent', 'delivered', 'undelivered', 'failed', 'unknown')),
      counts_for_budget INTEGER NOT NULL DEFAULT 1,
      provider_id TEXT,
      error_code TEXT,
      detail TEXT,
      updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX contacts_recipient_time ON contacts (recipient, attempted_at);
    CREATE INDEX contacts_appointment ON contacts (appointment_id);
    CREATE INDEX contacts_channel_time ON contacts (channel, attempted_at);
    CREATE INDEX contacts_outbox ON contacts (outbox_id);

    CREATE TABLE events (
      id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      kind TEXT NOT NULL,
      actor TEXT NOT NULL,
      detail_json TEXT NOT NULL DEFAULT '{}'
    ) STRICT;
    CREATE INDEX events_at ON events (at);

    -- Engine state: the kill switch and the breaker override after a human review. Since the control file
    -- (docs/control.md) this table is only read, once, to seed it.
    CREATE TABLE engine (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      paused INTEGER NOT NULL DEFAULT 0,
      pause_kind TEXT,
      pause_reason TEXT,
      paused_at INTEGER,
      paused_by TEXT,
      breaker_reviewed_until INTEGER,
      updated_at INTEGER NOT NULL
    ) STRICT;

    -- One sender per database file (docs/safeguards.md#one-sender); since the control file, only read to seed it.
    CREATE TABLE leases (
      name TEXT PRIMARY KEY,
      holder TEXT NOT NULL,
      pid INTEGER NOT NULL,
      hostname TEXT NOT NULL,
      expires_at INTEGER NOT NULL
    ) STRICT;

    -- Provider-side log of the simulate transport: what "reached the provider", for reconciliation.
    CREATE TABLE simulated_messages (
      id INTEGER PRIMARY KEY,
      outbox_id INTEGER NOT NULL,
      channel TEXT NOT NULL,
      recipient TEXT NOT NULL,
      body TEXT NOT NULL,
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX simulated_messages_outbox ON simulated_messages (outbox_id);

    -- Poll cursors and other small engine facts (reply polling, delivery polling).
    CREATE TABLE cursors (
      name TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE inbound_messages (
      provider_id TEXT PRIMARY KEY,
      from_number TEXT NOT NULL,
      body TEXT NOT NULL,
      received_at INTEGER NOT NULL,
      action TEXT NOT NULL,
      appointment_id INTEGER,
      applied_at INTEGER NOT NULL
    ) STRICT;
  `);
}
