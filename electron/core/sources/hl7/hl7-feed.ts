import { DateTime } from 'luxon';
import type { WritableDB } from '../../db/types';
import { findAcceptedHl7Message, type Hl7Outcome, insertHl7Message } from '../../db/repos/hl7-messages-repo';
import { applyStagedSchedule } from '../apply';
import { HL7_SOURCE } from '../feed-context';
import { FeedRowReader } from '../feed-row';
import { ScheduleStage } from '../stage';
import type { RowContext } from '../table/row';
import { type AckCode, buildAck } from './ack';
import { Hl7Message } from './hl7-message';
import { messageHeader, readSiu, SIU_LABELS } from './siu';

/** What one received message did, and the ACK to send back. */
export interface Hl7Receipt {
  ack: string;
  code: AckCode;
  outcome: Hl7Outcome;
  controlId: string;
  /** Why it was not applied (AE/AR), or that it was a repeat. */
  reason?: string | undefined;
  /** The schedule changed: the engine plans. */
  changed: boolean;
}

/**
 * Applies one HL7 v2 message from a feed (docs/hl7.md): read, checked with the import's row rules, applied
 * through the one apply step (stale reminders cancelled or superseded in the same transaction), and stored raw
 * with its outcome in that same transaction. A message that cannot be applied changes nothing and is answered
 * AE or AR with the reason; a control id already accepted from this source is answered AA and not applied
 * again. Throws only on database failures (busy, disk full): then nothing was stored and no ACK is owed.
 */
export function receiveHl7Message(db: WritableDB, now: number, sourceId: number | null, raw: string, context: RowContext): Hl7Receipt {
  const parsed = Hl7Message.parse(raw);
  if (!parsed.ok) return refuse(db, now, sourceId, raw, { code: 'AR', controlId: '', event: '', reason: parsed.reason });
  const message = parsed.message;
  const { controlId, event } = messageHeader(message);
  const ackFor = { message, controlId, event };
  if (!controlId)
    return refuse(db, now, sourceId, raw, { code: 'AR', controlId, event, reason: 'MSH-10 (message control id) is empty' }, message);
  const siu = readSiu(message);
  if (!siu.ok) return refuse(db, now, sourceId, raw, { code: siu.code, controlId, event, reason: siu.reason }, message);
  const row = readerFor(context).read(siu.appointment, 1);
  if (!row.ok) return refuse(db, now, sourceId, raw, { code: 'AE', controlId, event, reason: row.reason }, message);
  const stage = ScheduleStage.open(db);
  try {
    stage.add(row.row);
    return db
      .transaction((): Hl7Receipt => {
        const earlier = findAcceptedHl7Message(db, sourceId, controlId);
        const base = { source_id: sourceId, received_at: now, control_id: controlId, event, ack_code: 'AA' as const, raw };
        const appointment = row.row.externalId;
        if (earlier) {
          const reason = `repeat of a message already applied (control id ${controlId}): not applied again`;
          const id = insertHl7Message(db, { ...base, outcome: 'duplicate', appointment, reason });
          return receipt(ackFor, id, now, 'AA', 'duplicate', false, reason);
        }
        const applied = applyStagedSchedule(db, stage, { source: HL7_SOURCE, now, actor: `hl7 source ${sourceId ?? 'file'}` });
        const changed = applied.changedAppointmentIds.length > 0;
        const outcome = changed ? 'applied' : 'unchanged';
        const id = insertHl7Message(db, { ...base, outcome, appointment, reason: null });
        return receipt(ackFor, id, now, 'AA', outcome, changed);
      })
      .immediate();
  } finally {
    stage.dispose();
  }
}

/** One row reader per clinic zone and region (its phone and start memos are reused across messages). */
let cachedReader: { key: string; reader: FeedRowReader } | undefined;

function readerFor(context: RowContext): FeedRowReader {
  const key = `${context.timezone}\u0000${context.defaultRegion}`;
  if (cachedReader?.key !== key) cachedReader = { key, reader: new FeedRowReader(context, SIU_LABELS) };
  return cachedReader.reader;
}

interface Refusal {
  code: AckCode;
  controlId: string;
  event: string;
  reason: string;
}

function refuse(db: WritableDB, now: number, sourceId: number | null, raw: string, r: Refusal, message?: Hl7Message): Hl7Receipt {
  const outcome: Hl7Outcome = r.code === 'AR' ? 'rejected' : 'error';
  const id = db
    .transaction(() =>
      insertHl7Message(db, {
        source_id: sourceId,
        received_at: now,
        control_id: r.controlId,
        event: r.event,
        ack_code: r.code,
        outcome,
        appointment: null,
        reason: r.reason,
        raw,
      }),
    )
    .immediate();
  return receipt({ message, controlId: r.controlId, event: r.event }, id, now, r.code, outcome, false, r.reason);
}

function receipt(
  to: { message?: Hl7Message | undefined; controlId: string; event: string },
  rowId: number,
  now: number,
  code: AckCode,
  outcome: Hl7Outcome,
  changed: boolean,
  reason?: string,
): Hl7Receipt {
  const m = to.message;
  const sender = m ? ([m.get('MSH', 3), m.get('MSH', 4), m.get('MSH', 5), m.get('MSH', 6)] as const) : undefined;
  const ack = buildAck({
    code,
    controlId: to.controlId,
    event: to.event,
    reason,
    sender,
    encoding: m?.encoding,
    ackId: `FD${rowId}`,
    at: DateTime.fromMillis(now, { zone: 'utc' }).toFormat("yyyyLLddHHmmss'+0000'"),
  });
  return { ack, code, outcome, controlId: to.controlId, reason, changed };
}
