import { escapeHl7, type Hl7Encoding } from './hl7-message';

export type AckCode = 'AA' | 'AE' | 'AR';

/** The encoding an ACK uses when the message it answers could not be read at all. */
export const DEFAULT_ENCODING: Hl7Encoding = { field: '|', component: '^', repetition: '~', escape: '\\', subcomponent: '&' };

export interface AckInput {
  code: AckCode;
  /** The incoming MSH-10 ('' when it could not be read). */
  controlId: string;
  /** The incoming trigger event, repeated in MSH-9.2 ('' when unknown). */
  event: string;
  /** Why the message was not applied (AE/AR); also for AA on a repeat. */
  reason?: string | undefined;
  /** The incoming MSH-3..6 (sending and receiving application and facility): swapped in the answer. */
  sender?: readonly [string, string, string, string] | undefined;
  encoding?: Hl7Encoding | undefined;
  /** This ACK's own control id and time (HL7 DTM, e.g. 20261130101500). */
  ackId: string;
  at: string;
}

/**
 * An HL7 v2 ACK: MSH, then MSA with the acknowledgment code and the incoming control id (MSA-2), the reason as
 * text (MSA-3), and for AE/AR an ERR segment with the reason as the user message (ERR-8). Segments end with CR.
 */
export function buildAck(input: AckInput): string {
  const enc = input.encoding ?? DEFAULT_ENCODING;
  const f = enc.field;
  const esc = (text: string) => escapeHl7(text, enc);
  const [sendApp, sendFac, recvApp, recvFac] = input.sender ?? ['', '', '', ''];
  const chars = `${enc.component}${enc.repetition}${enc.escape}${enc.subcomponent}`;
  const type = ['ACK', esc(input.event), 'ACK'].join(enc.component);
  const msh = ['MSH', chars, recvApp || 'FRONTDESK', recvFac, sendApp, sendFac, input.at, '', type, esc(input.ackId), 'P', '2.5.1'];
  const reason = input.reason ? esc(input.reason.slice(0, 500)) : '';
  const msa = ['MSA', input.code, esc(input.controlId), reason];
  const segments = [msh.join(f), (reason ? msa : msa.slice(0, 3)).join(f)];
  if (input.code !== 'AA') {
    const errorCode =
      input.code === 'AR'
        ? `200${enc.component}Unsupported message type${enc.component}HL70357`
        : `207${enc.component}Application internal error${enc.component}HL70357`;
    segments.push(['ERR', '', '', errorCode, 'E', '', '', '', reason].join(f));
  }
  return `${segments.join('\r')}\r`;
}
