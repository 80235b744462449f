/**
 * A small HL7 v2 reader (docs/hl7.md): enough of the encoding rules for the SIU messages an EHR sends.
 * Segments end with CR (LF and CRLF are accepted too: files saved on other systems); the field separator is
 * MSH's fourth character and the component, repetition, escape and sub-component characters are MSH-2.
 * Field numbers are the standard's: MSH-1 is the field separator itself, so MSH-9 is the message type.
 */

/** The encoding characters a message declares in MSH-1 and MSH-2. */
export interface Hl7Encoding {
  field: string;
  component: string;
  repetition: string;
  escape: string;
  subcomponent: string;
}

export interface Hl7Segment {
  name: string;
  /** Raw (still escaped) field texts by field number; index 0 is the segment name. */
  fields: readonly string[];
}

export type Hl7ParseResult = { ok: true; message: Hl7Message } | { ok: false; reason: string };

/** The longest message accepted (a SIU message is a few kB; a runaway peer must not fill memory). */
export const MAX_MESSAGE_CHARS = 1 << 20;

const SEGMENT_NAME = /^[A-Z][A-Z0-9]{2}$/;

export class Hl7Message {
  private constructor(
    readonly segments: readonly Hl7Segment[],
    readonly encoding: Hl7Encoding,
  ) {}

  /** Parses one message; `text` must start with MSH (after MLLP framing and blank lines are removed). */
  static parse(text: string): Hl7ParseResult {
    if (text.length > MAX_MESSAGE_CHARS) return { ok: false, reason: `the message is longer than ${MAX_MESSAGE_CHARS} characters` };
    const lines = text.split(/\r\n|\r|\n/).filter((line) => line.trim() !== '');
    const first = lines[0];
    if (!first || !first.startsWith('MSH')) return { ok: false, reason: 'the message does not start with an MSH segment' };
    const encoding = encodingOf(first);
    if (!encoding) return { ok: false, reason: 'the MSH segment does not declare its encoding characters (MSH-1, MSH-2)' };
    const segments: Hl7Segment[] = [];
    for (const line of lines) {
      const parts = line.split(encoding.field);
      const name = parts[0] ?? '';
      if (!SEGMENT_NAME.test(name)) return { ok: false, reason: `"${name.slice(0, 10)}" is not a segment name` };
      // MSH-1 is the separator that split removed: put it back so field numbers match the standard.
      segments.push({ name, fields: name === 'MSH' ? ['MSH', encoding.field, ...parts.slice(1)] : parts });
    }
    return { ok: true, message: new Hl7Message(segments, encoding) };
  }

  segment(name: string): Hl7Segment | undefined {
    return this.segments.find((s) => s.name === name);
  }

  has(name: string): boolean {
    return this.segment(name) !== undefined;
  }

  /** The raw (escaped) text of a field; '' when absent. */
  rawField(segment: string, field: number): string {
    return this.segment(segment)?.fields[field] ?? '';
  }

  /** The repetitions of a field, each split into components (still escaped). */
  repetitions(segment: string, field: number): string[][] {
    const raw = this.rawField(segment, field);
    if (raw === '') return [];
    const { repetition, component } = this.encoding;
    // MSH-2 holds the encoding characters themselves: never split it.
    if (segment === 'MSH' && field <= 2) return [[raw]];
    return raw.split(repetition).map((rep) => rep.split(component));
  }

  /** One component of the first repetition of a field, unescaped and trimmed ('' when absent); `component` from 1. */
  get(segment: string, field: number, component: number = 1): string {
    if (segment === 'MSH' && field <= 2) return this.rawField(segment, field);
    const first = this.repetitions(segment, field)[0];
    return this.text(first?.[component - 1] ?? '');
  }

  /** A component's text, its first sub-component unescaped. */
  text(raw: string): string {
    return unescapeHl7(raw.split(this.encoding.subcomponent)[0] ?? '', this.encoding).trim();
  }
}

function encodingOf(msh: string): Hl7Encoding | undefined {
  const field = msh.charAt(3);
  const chars = msh.slice(4, msh.indexOf(field, 4) === -1 ? undefined : msh.indexOf(field, 4));
  if (!field || /[A-Za-z0-9\s]/.test(field) || chars.length < 4) return undefined;
  const [component, repetition, escape, subcomponent] = [...chars] as [string, string, string, string];
  const all = new Set([field, component, repetition, escape, subcomponent]);
  if (all.size !== 5) return undefined;
  return { field, component, repetition, escape, subcomponent };
}

/** Replaces the standard escape sequences (\F\ \S\ \T\ \R\ \E\ \Xhh…\ \.br\); others are dropped. */
export function unescapeHl7(text: string, enc: Hl7Encoding): string {
  if (!text.includes(enc.escape)) return text;
  const e = enc.escape.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`${e}([^${e}]*)${e}`, 'g'), (_match, code: string) => {
    switch (code) {
      case 'F':
        return enc.field;
      case 'S':
        return enc.component;
      case 'T':
        return enc.subcomponent;
      case 'R':
        return enc.repetition;
      case 'E':
        return enc.escape;
      case '.br':
        return '\n';
      default:
        return /^X(?:[0-9A-Fa-f]{2})+$/.test(code) ? Buffer.from(code.slice(1), 'hex').toString('latin1') : '';
    }
  });
}

/** Text escaped for a field (the ACK repeats a control id and a reason). */
export function escapeHl7(text: string, enc: Hl7Encoding): string {
  let out = '';
  for (const char of text.replace(/[\r\n]+/g, ' ')) {
    if (char === enc.escape) out += `${enc.escape}E${enc.escape}`;
    else if (char === enc.field) out += `${enc.escape}F${enc.escape}`;
    else if (char === enc.component) out += `${enc.escape}S${enc.escape}`;
    else if (char === enc.repetition) out += `${enc.escape}R${enc.escape}`;
    else if (char === enc.subcomponent) out += `${enc.escape}T${enc.escape}`;
    else out += char;
  }
  return out;
}

/**
 * Splits a saved HL7 file into its messages: each starts at an MSH segment. MLLP framing bytes, batch
 * envelopes (FHS, BHS, BTS, FTS) and blank lines are dropped; segments may end with CR, LF or CRLF.
 */
export function splitHl7Batch(text: string): string[] {
  const lines = text
    // eslint-disable-next-line no-control-regex -- MLLP framing bytes in a saved capture
    .replace(/[\u000b\u001c]/g, '\r')
    .split(/\r\n|\r|\n/)
    .filter((l) => l.trim() !== '');
  const messages: string[][] = [];
  for (const line of lines) {
    if (/^(?:FHS|BHS|BTS|FTS)/.test(line)) continue;
    if (line.startsWith('MSH')) messages.push([line]);
    else messages.at(-1)?.push(line);
  }
  return messages.map((m) => m.join('\r'));
}

/** True when the text looks like HL7 v2 (a file's first non-blank characters are an MSH or batch header). */
export function looksLikeHl7(text: string): boolean {
  // eslint-disable-next-line no-control-regex -- a capture may keep the MLLP start byte
  return /^[\s\u000b\ufeff]*(?:MSH|FHS|BHS)[^A-Za-z0-9\s]/.test(text.slice(0, 64));
}
