import { Hl7Message } from '../../../electron/core/sources/hl7/hl7-message';

/** MSA-1 (AA/AE/AR), MSA-2 (the control id answered) and MSA-3 (the reason) of an ACK. */
export function ackOf(ack: string): { code: string; controlId: string; text: string; type: string } {
  const parsed = Hl7Message.parse(ack);
  if (!parsed.ok) throw new Error(`not an ACK: ${parsed.reason}`);
  const m = parsed.message;
  return { code: m.get('MSA', 1), controlId: m.get('MSA', 2), text: m.get('MSA', 3), type: m.get('MSH', 9) };
}
