import type { SourceView } from '../../../shared/domain/sources';
import { isoInZone } from '../api/time-format';
import type { ReadableDB } from '../db/types';
import { countHl7Errors, latestHl7Message } from '../db/repos/hl7-messages-repo';
import type { SourceRow } from '../db/repos/sources-repo';
import { DAY_MS } from '../platform/clock';
import { assessStaleness } from './folder/staleness';

/** An HL7 listener as the Sources screen and `sources list` show it: its last message, what it did, its errors. */
export function hl7SourceView(db: ReadableDB, row: SourceRow, now: number, zone: string, arrivals: readonly number[]): SourceView {
  const last = latestHl7Message(db, row.id);
  const staleness = assessStaleness(arrivals, row.created_at, now, zone);
  const lastResult = last
    ? `${last.event || 'message'} ${last.control_id ? `${last.control_id} ` : ''}${last.ack_code}: ${last.reason ?? last.outcome}`
    : null;
  return {
    id: row.id,
    kind: 'hl7',
    target: row.target,
    fullExport: false,
    profile: null,
    lastSyncAt: last ? isoInZone(last.received_at, zone) : null,
    lastResult,
    lastOutcome: last ? (last.ack_code === 'AA' ? 'imported' : 'refused') : null,
    errorsLast24h: countHl7Errors(db, row.id, now - DAY_MS),
    paused: row.paused_reason,
    stale: staleness.stale,
    expectedBy: isoInZone(staleness.expectedBy, zone),
    held: null,
  };
}
