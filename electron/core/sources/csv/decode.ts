import { badRequest } from '../../platform/errors';

/** The encodings a schedule file may come in (see docs/import.md). */
export type FileEncoding = 'utf-8' | 'utf-8 (BOM)' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Bytes looked at before deciding the encoding: the BOM, a binary signature, NUL density. */
const SNIFF_BYTES = 4096;
/** Bytes 1252 leaves undefined: a file containing one is neither UTF-8 nor Windows-1252. */
const UNDEFINED_IN_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
const LF = 0x0a;
/**
 * What 1252 bytes 0x80–0x9F mean (WHATWG index; "\u0000" marks the five undefined ones, refused earlier).
 * Written out because Node's TextDecoder('windows-1252') reads them as Latin-1 control codes since 20.18.3
 * (nodejs/node#60888): "O’Brien" would become "O\u0092Brien".
 */
const C1_IN_1252 = '€\u0000‚ƒ„…†‡ˆ‰Š‹Œ\u0000Ž\u0000' + '\u0000‘’“”•–—˜™š›œ\u0000žŸ';

/**
 * Turns a text file's bytes into text, chunk by chunk, so a large file is never held whole. A UTF-8 or UTF-16
 * byte-order mark decides (and the file must then be valid in that encoding); without one the file is read as UTF-8, and falls back to Windows-1252 (what Excel
 * writes as "CSV" on Windows) at the first byte that is not UTF-8, provided every byte before it was plain
 * ASCII (so both readings of what came before agree). Anything else is refused with the line it happens on.
 */
export class ByteDecoder {
  private head: Uint8Array[] = [];
  private headBytes = 0;
  private mode: FileEncoding | 'utf-8?' | undefined;
  private streaming: TextDecoder | undefined;
  private readonly strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  /** Bytes of an incomplete UTF-8 sequence at the end of the last chunk (tentative UTF-8 only). */
  private pending: Uint8Array = new Uint8Array(0);
  private sawNonAscii = false;
  /** Line breaks in the text handed out so far: error messages give a line number. */
  private lines = 0;

  /** The encoding in use; undefined until enough bytes were seen. "utf-8" may still become windows-1252. */
  get encoding(): FileEncoding | undefined {
    return this.mode === 'utf-8?' ? 'utf-8' : this.mode;
  }

  decode(chunk: Uint8Array): string {
    if (this.mode === undefined) {
      this.head.push(chunk);
      this.headBytes += chunk.length;
      if (this.headBytes < SNIFF_BYTES) return '';
      return this.counted(this.start(concat(this.head)));
    }
    return this.counted(this.next(chunk));
  }

  /** Call once after the last chunk; returns the text still held back. */
  end(): string {
    let text = '';
    if (this.mode === undefined) text = this.start(concat(this.head));
    if ((this.mode === 'utf-8?' || this.mode === 'utf-8 (BOM)') && this.pending.length > 0) {
      text += this.tentative(new Uint8Array(0), true);
    } else if (this.streaming) {
      text += this.streamingDecode(new Uint8Array(0), true);
    }
    return this.counted(text);
  }

  private start(bytes: Uint8Array): string {
    this.head = [];
    const b = bytes;
    if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) throw unsupported('UTF-32');
    if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) throw unsupported('UTF-32');
    if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
      this.mode = 'utf-8 (BOM)';
      return this.tentative(bytes.subarray(3), false);
    }
    if (b[0] === 0xff && b[1] === 0xfe) return this.openStreaming('utf-16le', 'utf-16le', bytes);
    if (b[0] === 0xfe && b[1] === 0xff) return this.openStreaming('utf-16be', 'utf-16be', bytes);
    const binary = binaryKind(bytes);
    if (binary) throw badRequest(`the file is ${binary}, not a CSV text file: save or export it as CSV`);
    this.mode = 'utf-8?';
    return this.tentative(bytes, false);
  }

  private next(chunk: Uint8Array): string {
    switch (this.mode) {
      case 'utf-8?':
      case 'utf-8 (BOM)':
        return this.tentative(chunk, false);
      case 'windows-1252':
        return this.decode1252(chunk);
      default:
        return this.streamingDecode(chunk, false);
    }
  }

  private openStreaming(mode: FileEncoding, label: string, bytes: Uint8Array): string {
    this.mode = mode;
    // The decoder drops the BOM itself (ignoreBOM: false); `fatal` turns a broken sequence into an error.
    this.streaming = new TextDecoder(label, { fatal: true });
    return this.streamingDecode(bytes, false);
  }

  private streamingDecode(bytes: Uint8Array, last: boolean): string {
    try {
      return this.streaming!.decode(bytes, { stream: !last });
    } catch {
      const name = this.mode === 'utf-16be' ? 'UTF-16 BE' : 'UTF-16 LE';
      throw badRequest(
        `the file starts with a ${name} byte-order mark but is not valid ${name} (near line ${this.lines + 1}): ` +
          'save it again as "CSV UTF-8"',
      );
    }
  }

  /** UTF-8 until proven otherwise. `last`: no more bytes will come, so an incomplete sequence is invalid. */
  private tentative(chunk: Uint8Array, last: boolean): string {
    const bytes = this.pending.length > 0 ? concat([this.pending, chunk]) : chunk;
    const keep = last ? 0 : incompleteTail(bytes);
    try {
      const text = this.strictUtf8.decode(bytes.subarray(0, bytes.length - keep));
      this.pending = bytes.slice(bytes.length - keep);
      // eslint-disable-next-line no-control-regex
      if (!this.sawNonAscii && /[^\u0000-\u007f]/.test(text)) this.sawNonAscii = true;
      return text;
    } catch {
      const bad = firstInvalidUtf8(bytes);
      if (this.mode === 'utf-8 (BOM)') {
        throw badRequest(
          `line ${this.lineAt(bytes, bad)} is not valid UTF-8, though the file starts with a UTF-8 byte-order mark: ` +
            'save it again as "CSV UTF-8"',
        );
      }
      if (this.sawNonAscii || hasUtf8Sequence(bytes, bad)) {
        throw badRequest(
          `line ${this.lineAt(bytes, bad)} is not valid UTF-8, but lines before it are: the file mixes two encodings. ` +
            'Save it again as "CSV UTF-8"',
        );
      }
      this.mode = 'windows-1252';
      this.pending = new Uint8Array(0);
      return this.decode1252(bytes);
    }
  }

  private decode1252(bytes: Uint8Array): string {
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i]!;
      if (byte < 0x80) continue;
      if (UNDEFINED_IN_1252.has(byte)) {
        throw badRequest(
          `line ${this.lineAt(bytes, i)} has the byte 0x${byte.toString(16).toUpperCase()}, which is neither UTF-8 nor ` +
            'Windows-1252 text: save the file again as "CSV UTF-8"',
        );
      }
      if (looksLikeUtf8ReadAs1252(bytes, i)) {
        throw badRequest(
          `line ${this.lineAt(bytes, i)} holds UTF-8 text in a file read as Windows-1252 (it would show as "Ã©" instead ` +
            'of "é"): the file mixes two encodings. Save it again as "CSV UTF-8"',
        );
      }
    }
    return decodeWindows1252(bytes);
  }

  private lineAt(bytes: Uint8Array, index: number): number {
    let line = this.lines + 1;
    for (let i = 0; i < index; i++) if (bytes[i] === LF) line++;
    return line;
  }

  private counted(text: string): string {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lines++;
    return text;
  }
}

/** Windows-1252 bytes as text: Latin-1 for everything but 0x80–0x9F, which the table maps. */
function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  // eslint-disable-next-line no-control-regex
  return latin1.replace(/[\u0080-\u009f]/g, (c) => C1_IN_1252.charAt(c.charCodeAt(0) - 0x80));
}

function unsupported(name: string): Error {
  return badRequest(`the file is ${name} text, which is not supported: save it as "CSV UTF-8"`);
}

/** What a binary file is, by its first bytes, when it is one we can name; or when it is mostly NUL bytes. */
function binaryKind(bytes: Uint8Array): string | undefined {
  const starts = (...sig: number[]): boolean => sig.every((byte, i) => bytes[i] === byte);
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'an Excel workbook (.xlsx) or another ZIP archive';
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return 'an Excel 97–2003 workbook (.xls)';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'a PDF document';
  const sample = bytes.subarray(0, SNIFF_BYTES);
  let nul = 0;
  for (const byte of sample) if (byte === 0) nul++;
  // Text has no NUL bytes; UTF-16 without a BOM has one in every other byte for Latin text.
  if (sample.length > 0 && nul * 10 >= sample.length) return 'UTF-16 without a byte-order mark, or not text at all';
  return undefined;
}

/** How many bytes at the end start a UTF-8 sequence the chunk does not finish (0–3). */
function incompleteTail(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
}

/** Length of the valid UTF-8 sequence at `i` (1 for ASCII), or 0 if none starts there. */
function utf8SequenceAt(bytes: Uint8Array, i: number): number {
  const lead = bytes[i]!;
  if (lead < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => {
    const byte = bytes[i + k];
    return byte !== undefined && byte >= lo && byte <= hi;
  };
  if (lead >= 0xc2 && lead <= 0xdf) return cont(1) ? 2 : 0;
  if (lead >= 0xe0 && lead <= 0xef) {
    const lo = lead === 0xe0 ? 0xa0 : 0x80;
    const hi = lead === 0xed ? 0x9f : 0xbf;
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    const lo = lead === 0xf0 ? 0x90 : 0x80;
    const hi = lead === 0xf4 ? 0x8f : 0xbf;
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const length = utf8SequenceAt(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return bytes.length;
}

/** True when a multi-byte UTF-8 sequence occurs before `end`: then the bytes are UTF-8 with an error, not 1252. */
function hasUtf8Sequence(bytes: Uint8Array, end: number): boolean {
  for (let i = 0; i < end; ) {
    const length = utf8SequenceAt(bytes, i);
    if (length > 1) return true;
    i += Math.max(length, 1);
  }
  return false;
}

/**
 * The two byte patterns UTF-8 accents and quotes make, which Windows-1252 text practically never contains:
 * C3 80–BF ("é" read as "Ã©") and E2 80 80–BF (’ “ ” – read as "â€™").
 */
function looksLikeUtf8ReadAs1252(bytes: Uint8Array, i: number): boolean {
  const a = bytes[i];
  const b = bytes[i + 1];
  if (a === 0xc3) return b !== undefined && b >= 0x80 && b <= 0xbf;
  if (a === 0xe2 && b === 0x80) {
    const c = bytes[i + 2];
    return c !== undefined && c >= 0x80 && c <= 0xbf;
  }
  return false;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
