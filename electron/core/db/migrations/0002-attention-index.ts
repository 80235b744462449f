import type { WritableDB } from '../types';

/**
 * `status` counts the rows a human must look at (unknown or failed in the last 7 days) every time the
 * tray, the window or a script asks. Without an index that is a scan of the whole outbox, history
 * included: seconds on a large schedule, on the thread that also answers the kill switch
 * (docs/control.md). A partial index holds only those rows, so pending inserts do not pay for it.
 *
 * The kill switch and the sender lease now live in the control file; the `engine` and `leases` tables
 * stay as they are (read once, to seed that file) and are never written again.
 */
export function up(db: WritableDB): void {
  db.exec(`CREATE INDEX outbox_attention ON outbox (updated_at) WHERE state IN ('unknown', 'failed');`);
}
