import type { WritableDB } from '../types';

/**
 * Send-ahead through Twilio Message Scheduling (docs/send-ahead.md):
 * - `outbox.send_at`: the instant handed to Twilio as `SendAt`; set on a send-ahead claim, NULL for every
 *   reminder sent the ordinary way. A row in the new state `scheduled` waits at Twilio until then.
 * - `outbox.cancel_requested_at`, `cancel_to`, `cancel_reason`: the durable "to cancel" list. A stop path
 *   (kill switch, cancel, confirm, reschedule, STOP, a changed number) sets them in its own transaction; the
 *   canceller then asks Twilio and, once Twilio has answered, moves the row to `cancel_to` with `cancel_reason`.
 * - a partial index on the scheduled rows: the canceller and the status poll read only those.
 */
export function up(db: WritableDB): void {
  db.exec(`
    ALTER TABLE outbox ADD COLUMN send_at INTEGER;
    ALTER TABLE outbox ADD COLUMN cancel_requested_at INTEGER;
    ALTER TABLE outbox ADD COLUMN cancel_to TEXT;
    ALTER TABLE outbox ADD COLUMN cancel_reason TEXT;
    CREATE INDEX outbox_scheduled ON outbox (send_at) WHERE state = 'scheduled';
  `);
}
