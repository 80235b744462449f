import { assertNever } from '../../platform/errors';

/** One CSV record, with the file lines it covers (1-based; blank lines are counted, as an editor shows them). */
export interface CsvRecord {
  line: number;
  /** The line it ends on: later than `line` only when a quoted field holds line breaks. */
  endLine: number;
  fields: string[];
  /**
   * The most delimiters found on one line after the record's first (0 for a one-line record). A line inside a
   * quoted field with as many delimiters as a whole row is most likely a row that a stray quote swallowed.
   */
  continuationDelimiters: number;
}

/** A stretch of the file that is not a record: reported on the line it starts on, then skipped. */
export interface CsvProblem {
  line: number;
  reason: string;
}

export interface CsvSink {
  record(record: CsvRecord): void;
  problem(problem: CsvProblem): void;
}

/** No schedule row is longer; a longer one is reported, not buffered (a 5 MB field must not be held). */
export const MAX_RECORD_CHARS = 65_536;

export const UNCLOSED_QUOTE = 'a quoted field is never closed (missing ")';
const TEXT_AFTER_QUOTE = 'a quoted field has text after its closing quote (a stray " in the row?)';
const LONG_QUOTED = `a quoted field runs on for more than ${MAX_RECORD_CHARS.toLocaleString('en-US')} characters (missing ")`;
const LONG_ROW = `the row is longer than ${MAX_RECORD_CHARS.toLocaleString('en-US')} characters`;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

type Scan = { kind: 'record'; next: number; record: CsvRecord } | { kind: 'incomplete' } | { kind: 'broken'; reason: string };
const INCOMPLETE: Scan = { kind: 'incomplete' };

/**
 * Splits CSV text, fed in pieces of any size, into records (RFC 4180: quoted fields may hold the delimiter, ""
 * and line breaks; CRLF, LF and CR all end a line). A quote inside an unquoted field is kept as a character,
 * as Excel does. Anything else about quotes is a problem, reported on the line where its record starts, and
 * reading resumes on the NEXT line: an unclosed quote, or text after a closing quote, never swallows the rows
 * after it. Only the current record is held (at most MAX_RECORD_CHARS), so memory does not grow with the file.
 */
export class CsvTokenizer {
  private carry = '';
  /** Line number of the start of `carry`. */
  private line = 1;
  /** Dropping the rest of a line that was reported as too long or broken. */
  private skipping = false;
  private readonly delimiter: number;

  constructor(
    private readonly sink: CsvSink,
    delimiter = ',',
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  feed(text: string): void {
    this.run(this.carry + text, false);
  }

  /** No more text: a record still open ends here (or is reported, if a quote is still open). */
  end(): void {
    this.run(this.carry, true);
  }

  private run(buf: string, final: boolean): void {
    this.carry = '';
    let pos = 0;
    if (this.skipping) {
      pos = this.resumeAfterLine(buf, 0, final);
      if (pos < 0) return;
    }
    while (pos < buf.length) {
      const scan = scanRecord(buf, pos, this.line, final, this.delimiter);
      if (scan.kind === 'record' && scan.next - pos <= MAX_RECORD_CHARS) {
        this.sink.record(scan.record);
        this.line = scan.record.endLine + 1;
        pos = scan.next;
        continue;
      }
      if (scan.kind === 'incomplete' && buf.length - pos <= MAX_RECORD_CHARS) {
        this.carry = buf.slice(pos);
        return;
      }
      this.sink.problem({ line: this.line, reason: problemOf(scan, buf, pos) });
      pos = this.resumeAfterLine(buf, pos, final);
      if (pos < 0) return;
    }
  }

  /**
   * The position after the line break ending the line at `from` (and counts that line), or -1 when the break is
   * not in `buf` yet: the rest of the line is then dropped as it arrives.
   */
  private resumeAfterLine(buf: string, from: number, final: boolean): number {
    const end = lineBreakEnd(buf, from, final);
    if (end === 'none' || end === 'pending-cr') {
      this.skipping = !final;
      // A CR at the very end may be half of a CRLF: keep it, or the LF would count as another line.
      if (end === 'pending-cr') this.carry = '\r';
      return -1;
    }
    this.skipping = false;
    this.line += 1;
    return end;
  }
}

function problemOf(scan: Scan, buf: string, pos: number): string {
  switch (scan.kind) {
    case 'broken':
      return scan.reason;
    case 'record':
      return scan.record.endLine > scan.record.line ? LONG_QUOTED : LONG_ROW;
    case 'incomplete':
      // An unfinished record with a line break in it can only be inside a quoted field.
      return buf.indexOf('\n', pos) !== -1 || buf.indexOf('\r', pos) !== -1 ? LONG_QUOTED : LONG_ROW;
    default:
      return assertNever(scan);
  }
}

function lineBreakEnd(buf: string, from: number, final: boolean): number | 'none' | 'pending-cr' {
  for (let i = from; i < buf.length; i++) {
    const c = buf.charCodeAt(i);
    if (c === LF) return i + 1;
    if (c === CR) {
      if (i + 1 < buf.length) return buf.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
      return final ? i + 1 : 'pending-cr';
    }
  }
  return 'none';
}

/** Scans one record starting at `start`; `final` means no text follows `buf`. */
function scanRecord(buf: string, start: number, firstLine: number, final: boolean, delim: number): Scan {
  const fields: string[] = [];
  const n = buf.length;
  const lines = { breaks: 0, delims: 0, maxContinuation: 0 };
  let i = start;
  for (;;) {
    if (i < n && buf.charCodeAt(i) === QUOTE) {
      const quoted = scanQuoted(buf, i + 1, final, delim, lines);
      if (quoted === 'incomplete') return INCOMPLETE;
      if (quoted.kind === 'broken') return quoted;
      fields.push(quoted.value);
      i = quoted.next;
    } else {
      let j = i;
      while (j < n) {
        const c = buf.charCodeAt(j);
        if (c === delim || c === LF || c === CR) break;
        j++;
      }
      fields.push(buf.slice(i, j));
      i = j;
    }
    if (i >= n && !final) return INCOMPLETE;
    const c = i < n ? buf.charCodeAt(i) : -1;
    if (c === delim) {
      lines.delims++;
      i++;
      continue;
    }
    if (c === CR) {
      if (i + 1 >= n && !final) return INCOMPLETE;
      i += buf.charCodeAt(i + 1) === LF ? 2 : 1;
    } else if (c === LF) i++;
    if (lines.breaks > 0) lines.maxContinuation = Math.max(lines.maxContinuation, lines.delims);
    const record = { line: firstLine, endLine: firstLine + lines.breaks, fields, continuationDelimiters: lines.maxContinuation };
    return { kind: 'record', next: i, record };
  }
}

type Quoted = { kind: 'field'; value: string; next: number } | { kind: 'broken'; reason: string } | 'incomplete';

/** Reads a quoted field whose opening quote is just before `from`; counts its line breaks into `lines`. */
function scanQuoted(
  buf: string,
  from: number,
  final: boolean,
  delim: number,
  lines: { breaks: number; delims: number; maxContinuation: number },
): Quoted {
  const n = buf.length;
  let value = '';
  let sliceFrom = from;
  for (let j = from; ; ) {
    if (j >= n) return final ? { kind: 'broken', reason: UNCLOSED_QUOTE } : 'incomplete';
    const c = buf.charCodeAt(j);
    if (c === QUOTE) {
      if (j + 1 >= n && !final) return 'incomplete';
      const after = j + 1 < n ? buf.charCodeAt(j + 1) : -1;
      if (after === QUOTE) {
        value += buf.slice(sliceFrom, j + 1);
        j += 2;
        sliceFrom = j;
        continue;
      }
      if (after === -1 || after === delim || after === LF || after === CR) {
        return { kind: 'field', value: value + buf.slice(sliceFrom, j), next: j + 1 };
      }
      return { kind: 'broken', reason: TEXT_AFTER_QUOTE };
    }
    if (c === LF || c === CR) {
      if (c === CR && j + 1 >= n && !final) return 'incomplete';
      // Every line break is stored as \n, whatever the file used.
      value += buf.slice(sliceFrom, j) + '\n';
      j += c === CR && buf.charCodeAt(j + 1) === LF ? 2 : 1;
      sliceFrom = j;
      lines.breaks++;
      if (lines.breaks > 1) lines.maxContinuation = Math.max(lines.maxContinuation, lines.delims);
      lines.delims = 0;
      continue;
    }
    if (c === delim) lines.delims++;
    j++;
  }
}
