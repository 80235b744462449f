import { MAX_MESSAGE_CHARS } from './hl7-message';

/** MLLP (the minimal lower layer protocol): each message is 0x0B, the message, then 0x1C 0x0D. */
export const MLLP_START = 0x0b;
export const MLLP_END = 0x1c;
export const MLLP_CR = 0x0d;

export function mllpFrame(message: string): Buffer {
  return Buffer.concat([Buffer.from([MLLP_START]), Buffer.from(message, 'utf8'), Buffer.from([MLLP_END, MLLP_CR])]);
}

export type MllpEvent = { kind: 'message'; text: string } | { kind: 'too-long' };

/**
 * Turns a TCP byte stream into messages. Bytes outside a frame are ignored (a peer's keep-alive newlines); a
 * frame longer than the limit is dropped whole and reported once, so a runaway peer cannot fill memory.
 */
export class MllpDecoder {
  private parts: Buffer[] = [];
  private size = 0;
  private inFrame = false;
  private overflowed = false;

  constructor(private readonly maxBytes: number = MAX_MESSAGE_CHARS * 4) {}

  push(chunk: Buffer): MllpEvent[] {
    const events: MllpEvent[] = [];
    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (!this.inFrame) {
        if (byte === MLLP_START) {
          this.inFrame = true;
          from = i + 1;
        }
        continue;
      }
      // 0x1C never occurs in HL7 text: it ends the frame; the CR after it is outside any frame and ignored.
      if (byte === MLLP_END) {
        this.append(chunk.subarray(from, i));
        const event = this.finish();
        if (event) events.push(event);
      }
    }
    if (this.inFrame) this.append(chunk.subarray(from));
    return events;
  }

  private append(bytes: Buffer): void {
    if (this.overflowed || bytes.length === 0) return;
    if (this.size + bytes.length > this.maxBytes) {
      this.overflowed = true;
      this.parts = [];
      this.size = 0;
      return;
    }
    this.parts.push(bytes);
    this.size += bytes.length;
  }

  private finish(): MllpEvent | undefined {
    const overflowed = this.overflowed;
    const text = Buffer.concat(this.parts).toString('utf8');
    this.parts = [];
    this.size = 0;
    this.inFrame = false;
    this.overflowed = false;
    if (overflowed) return { kind: 'too-long' };
    return text.trim() === '' ? undefined : { kind: 'message', text };
  }
}
